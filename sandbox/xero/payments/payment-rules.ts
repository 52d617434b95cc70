import { parseDay } from '../support/dates.js';
import { isObject, readObject, readString, type Json } from '../support/json.js';
import { readNumber, toCents } from '../support/money.js';
import { failed, miss, succeeded, type Outcome } from '../support/outcome.js';
import type { AccountRec, InvoiceRec, PaymentRec } from '../org/model.js';
import type { UnitOfWork } from '../org/organisation.js';
import { totalsOf } from '../invoices/totals.js';

/** Payments settle AUTHORISED invoices, partially or fully; a full settlement makes the invoice PAID. */
const findInvoice = (raw: Json, uow: UnitOfWork, errors: string[]): InvoiceRec | undefined => {
  const ref = readObject(raw, 'Invoice');
  const key = ref && (readString(ref, 'InvoiceID') ?? readString(ref, 'InvoiceNumber'));
  if (!key) return miss(errors, 'An Invoice (InvoiceID or InvoiceNumber) must be specified.');
  const invoice = uow.org.invoiceByIdOrNumber(key);
  if (!invoice) return miss(errors, `Invoice '${key}' could not be found.`);
  if (invoice.Status !== 'AUTHORISED') return miss(errors, `Payments can only be made against AUTHORISED documents; this one is ${invoice.Status}.`);
  return invoice;
};

/** Payments come from a bank account, or an account with EnablePaymentsToAccount. */
const findAccount = (raw: Json, uow: UnitOfWork, errors: string[]): AccountRec | undefined => {
  const ref = readObject(raw, 'Account');
  const id = ref && readString(ref, 'AccountID');
  const code = ref && readString(ref, 'Code');
  const account = id ? uow.org.data.accounts.get(id.toLowerCase()) : code ? uow.org.accountByCode(code) : undefined;
  if (!account) return miss(errors, `Account '${id ?? code ?? ''}' could not be found: specify Account.AccountID or Account.Code.`);
  if (account.Type !== 'BANK' && !account.EnablePaymentsToAccount) return miss(errors, `Account '${account.Code}' is not a bank account and does not accept payments.`);
  return account;
};

const readAmount = (raw: Json, invoice: InvoiceRec | undefined, errors: string[]): number => {
  const amount = readNumber(raw.Amount);
  if (amount === undefined || toCents(amount) <= 0) {
    errors.push('Amount must be a positive number.');
    return 0;
  }
  const cents = toCents(amount);
  if (invoice && cents > totalsOf(invoice).amountDue) errors.push('Payment amount exceeds the amount outstanding on this document.');
  return cents;
};

export const createPayment = (raw: unknown, uow: UnitOfWork): Outcome<PaymentRec> => {
  if (!isObject(raw)) return failed('Each payment must be an object.');
  const errors: string[] = [];
  const invoice = findInvoice(raw, uow, errors);
  const account = findAccount(raw, uow, errors);
  const amountCents = readAmount(raw, invoice, errors);
  const date = raw.Date === undefined ? uow.today : parseDay(raw.Date);
  if (!date) errors.push(`Date '${String(raw.Date)}' is not a valid date.`);
  if (errors.length > 0 || !invoice || !account || !date) return failed(...errors);
  const payment: PaymentRec = {
    PaymentID: uow.newId(), InvoiceID: invoice.InvoiceID, AccountID: account.AccountID, Date: date, amountCents,
    Reference: readString(raw, 'Reference'), IsReconciled: raw.IsReconciled === true,
    PaymentType: invoice.Type === 'ACCPAY' ? 'ACCPAYPAYMENT' : 'ACCRECPAYMENT', Status: 'AUTHORISED', updatedMs: uow.nowMs,
  };
  uow.org.data.payments.set(payment.PaymentID, payment);
  applyToInvoice(invoice, amountCents, payment, uow);
  return succeeded(payment);
};

const applyToInvoice = (invoice: InvoiceRec, deltaCents: number, payment: PaymentRec, uow: UnitOfWork): void => {
  invoice.paidCents += deltaCents;
  if (deltaCents > 0) invoice.paymentIds.push(payment.PaymentID);
  const due = totalsOf(invoice).amountDue;
  if (due === 0 && invoice.Status === 'AUTHORISED') {
    invoice.Status = 'PAID';
    invoice.fullyPaidOn = payment.Date;
  } else if (due > 0 && invoice.Status === 'PAID') {
    invoice.Status = 'AUTHORISED';
    delete invoice.fullyPaidOn;
  }
  invoice.updatedMs = uow.nowMs;
  uow.changed('INVOICE', 'UPDATE', invoice.InvoiceID);
};

/** `POST /Payments/{id}` with Status DELETED: the payment is reversed and the invoice reopens. */
export const deletePayment = (payment: PaymentRec, raw: unknown, uow: UnitOfWork): Outcome<PaymentRec> => {
  if (!isObject(raw) || raw.Status !== 'DELETED') return failed('Only Status DELETED can be set on an existing payment.');
  if (payment.Status === 'DELETED') return failed('The payment has already been deleted.');
  const invoice = uow.org.data.invoices.get(payment.InvoiceID);
  payment.Status = 'DELETED';
  payment.updatedMs = uow.nowMs;
  if (invoice) applyToInvoice(invoice, -payment.amountCents, payment, uow);
  return succeeded(payment);
};
