import type { BooksObjectSnapshot, BooksPaymentSnapshot } from '../../../domain/documents/snapshots.js';
import { fingerprint } from '../../pipeline/inbound/normalise/books-marker.js';
import { list, moneyOf, moneyOrZero, NormaliseError, obj, requireId, text, type Json } from '../../pipeline/inbound/normalise/json-read.js';
import type { Normalised } from '../../pipeline/inbound/normalise/normalised.js';
import { xeroTime } from '../xero-client.js';

const xeroUpdated = (raw: Json, observedAt: string): string => {
  const ms = xeroTime(raw.UpdatedDateUTC);
  return ms === undefined ? observedAt : new Date(ms).toISOString();
};

const xeroDate = (value: unknown): string => {
  const ms = xeroTime(value);
  return ms === undefined ? '' : new Date(ms).toISOString().slice(0, 10);
};

/**
 * The hub's name for the invoice a payment settles, as the posted-transactions read model
 * keys it (`Bill|{id}`, `Invoice|{id}`): Xero's bill is an ACCPAY invoice, its sales invoice
 * ACCREC (facts §5); the payment's own type (ACCPAYPAYMENT, ACCRECPAYMENT, §7) when the
 * invoice's is absent. Undefined for what the hub never posts (credit notes, prepayments).
 */
export const xeroSettledType = (raw: Json): 'Bill' | 'Invoice' | undefined => {
  const invoiceType = text(obj(raw.Invoice)?.Type)?.toUpperCase();
  if (invoiceType === 'ACCPAY') return 'Bill';
  if (invoiceType === 'ACCREC') return 'Invoice';
  const paymentType = text(raw.PaymentType)?.toUpperCase();
  if (!invoiceType && paymentType === 'ACCPAYPAYMENT') return 'Bill';
  if (!invoiceType && paymentType === 'ACCRECPAYMENT') return 'Invoice';
  return undefined;
};

/** A payment on a bill or a sales invoice (the only ones the hub follows: see xeroSettledType). */
export const isInvoicePayment = (raw: Json): boolean => xeroSettledType(raw) !== undefined && text(obj(raw.Invoice)?.InvoiceID) !== null;

/**
 * A Xero payment on a bill is a bill payment, on a sales invoice a payment received; its
 * `appliedTo` names the invoice as the QuickBooks normaliser does, so the same write-back
 * saga finds the document the hub posted. A partial payment is just a smaller Amount.
 */
export const normaliseXeroPayment = (raw: Json, observedAt: string): Normalised<BooksPaymentSnapshot> => {
  const what = `Xero payment ${text(raw.PaymentID) ?? '?'}`;
  const invoice = obj(raw.Invoice) ?? {};
  const txnType = xeroSettledType(raw);
  if (!txnType) throw new NormaliseError(what, 'is not a payment on a bill or a sales invoice (Invoice.Type ACCPAY or ACCREC)');
  const kind: BooksPaymentSnapshot['kind'] = txnType === 'Bill' ? 'bill_payment' : 'payment';
  const amount = moneyOf(what, raw.Amount, 'Amount');
  const version = xeroUpdated(raw, observedAt);
  return {
    version,
    snapshot: {
      kind, counterpartyId: text(obj(invoice.Contact)?.ContactID) ?? '', txnDate: xeroDate(raw.Date), totalAmount: amount,
      appliedTo: [{ txnId: requireId(what, invoice.InvoiceID, 'Invoice.InvoiceID'), txnType, amount }],
      deleted: text(raw.Status)?.toUpperCase() === 'DELETED', updatedAt: version,
    },
  };
};

/**
 * A Xero invoice or bill. Xero has no SyncToken: the update time in milliseconds stands
 * in for it, so a later edit always compares greater.
 */
export const normaliseXeroInvoice = (raw: Json, observedAt: string): Normalised<BooksObjectSnapshot> => {
  const what = `Xero invoice ${text(raw.InvoiceID) ?? '?'}`;
  const version = xeroUpdated(raw, observedAt);
  const status = text(raw.Status)?.toUpperCase() ?? '';
  return {
    version,
    snapshot: {
      entity: text(raw.Type) === 'ACCPAY' ? 'Bill' : 'Invoice', id: requireId(what, raw.InvoiceID, 'InvoiceID'),
      syncToken: String(xeroTime(raw.UpdatedDateUTC) ?? Date.parse(version)), totalAmount: moneyOrZero(what, raw.Total, 'Total'),
      docNumber: text(raw.InvoiceNumber), privateNote: text(raw.Reference), deleted: status === 'DELETED' || status === 'VOIDED', updatedAt: version,
      fingerprint: fingerprint({
        date: raw.Date ?? null, dueDate: raw.DueDate ?? null, contact: obj(raw.Contact)?.ContactID ?? null,
        lineAmountTypes: raw.LineAmountTypes ?? null, lines: list(raw.LineItems),
      }),
    },
  };
};
