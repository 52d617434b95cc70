import type { BooksObjectSnapshot, BooksPaymentSnapshot } from '../../../domain/documents/snapshots.js';
import { fingerprint } from '../../pipeline/inbound/normalise/books-marker.js';
import { list, moneyOf, moneyOrZero, obj, requireId, text, type Json } from '../../pipeline/inbound/normalise/json-read.js';
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

/** A Xero payment: on a bill (ACCPAYPAYMENT) it is a bill payment, on a sales invoice a payment received. */
export const normaliseXeroPayment = (raw: Json, observedAt: string): Normalised<BooksPaymentSnapshot> => {
  const what = `Xero payment ${text(raw.PaymentID) ?? '?'}`;
  const invoice = obj(raw.Invoice) ?? {};
  const kind: BooksPaymentSnapshot['kind'] = /ACCPAY|APCREDIT/i.test(text(raw.PaymentType) ?? text(invoice.Type) ?? '') ? 'bill_payment' : 'payment';
  const amount = moneyOf(what, raw.Amount, 'Amount');
  const version = xeroUpdated(raw, observedAt);
  return {
    version,
    snapshot: {
      kind, counterpartyId: text(obj(invoice.Contact)?.ContactID) ?? '', txnDate: xeroDate(raw.Date), totalAmount: amount,
      appliedTo: [{ txnId: requireId(what, invoice.InvoiceID, 'Invoice.InvoiceID'), txnType: text(invoice.Type) ?? '', amount }],
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
