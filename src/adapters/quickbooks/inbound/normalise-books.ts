import { createHash } from 'node:crypto';
import type { BooksObjectSnapshot, BooksPaymentSnapshot } from '../../../domain/documents/snapshots.js';
import { canonicalJson } from '../../../eventstore/hash-chain.js';
import { cents } from '../../../domain/shared/money.js';
import { booksVersion } from '../../../domain/documents/classify-change.js';
import { xeroTime } from '../../xero/xero-client.js';
import { isoTime, list, moneyOf, moneyOrZero, obj, requireId, text, type Json } from '../../pipeline/inbound/normalise/json-read.js';
import type { Normalised } from '../../procore/inbound/normalise-contracts.js';

/**
 * The hub marks what it creates in the books: a `trestle:` prefix on the memo or number
 * the outbound side writes (QuickBooks PrivateNote or DocNumber; Xero Reference,
 * InvoiceNumber or Url). The known-objects table is the other half of the answer.
 */
export const HUB_MARKER = 'trestle:';
export const isHubMarked = (...fields: unknown[]): boolean =>
  fields.some((f) => typeof f === 'string' && (f.startsWith(HUB_MARKER) || f.includes(`/${HUB_MARKER}`)));

/** A short hash of what a person edits on a transaction: the parts a payment never touches. */
const fingerprint = (editable: unknown): string => createHash('sha256').update(canonicalJson(editable)).digest('hex').slice(0, 32);

const withoutLinks = (lines: Json[]): Json[] => lines.map(({ LinkedTxn: _links, ...line }) => line);

const qboTime = (raw: Json, observedAt: string): string => isoTime(obj(raw.MetaData)?.LastUpdatedTime) ?? observedAt;
/** LastUpdatedTime is to the second: the SyncToken orders the changes made within one. */
const qboVersion = (raw: Json, observedAt: string): string => booksVersion(qboTime(raw, observedAt), text(raw.SyncToken));
const isDeleted = (raw: Json): boolean => text(raw.status)?.toLowerCase() === 'deleted';

/** QuickBooks BillPayment (kind bill_payment) or Payment (kind payment). */
export const normaliseQboPayment = (raw: Json, observedAt: string, kind: BooksPaymentSnapshot['kind'], previous?: BooksPaymentSnapshot): Normalised<BooksPaymentSnapshot> => {
  const what = `QuickBooks ${kind} ${text(raw.Id) ?? '?'}`;
  const version = qboVersion(raw, observedAt);
  const updatedAt = qboTime(raw, observedAt);
  if (isDeleted(raw)) return { version, snapshot: deletedPayment(kind, updatedAt, previous) };
  const party = obj(kind === 'bill_payment' ? raw.VendorRef : raw.CustomerRef);
  const appliedTo = list(raw.Line).flatMap((line) => list(line.LinkedTxn).map((linked) => ({
    txnId: requireId(what, linked.TxnId, 'Line[].LinkedTxn[].TxnId'),
    txnType: text(linked.TxnType) ?? '',
    amount: moneyOrZero(what, line.Amount, 'Line[].Amount'),
  })));
  return {
    version,
    snapshot: {
      kind, counterpartyId: requireId(what, party?.value, kind === 'bill_payment' ? 'VendorRef' : 'CustomerRef'),
      txnDate: text(raw.TxnDate) ?? '', totalAmount: moneyOf(what, raw.TotalAmt, 'TotalAmt'), appliedTo, deleted: false, updatedAt,
    },
  };
};

const deletedPayment = (kind: BooksPaymentSnapshot['kind'], at: string, previous?: BooksPaymentSnapshot): BooksPaymentSnapshot =>
  previous ? { ...previous, deleted: true, updatedAt: at }
    : { kind, counterpartyId: '', txnDate: '', totalAmount: cents(0), appliedTo: [], deleted: true, updatedAt: at };

/** A QuickBooks transaction (Bill, Invoice, ...) as it stands now, to compare with what the hub wrote. */
export const normaliseQboObject = (raw: Json, observedAt: string, entity: string, previous?: BooksObjectSnapshot): Normalised<BooksObjectSnapshot> => {
  const what = `QuickBooks ${entity} ${text(raw.Id) ?? '?'}`;
  const version = qboVersion(raw, observedAt);
  const updatedAt = qboTime(raw, observedAt);
  const id = requireId(what, raw.Id, 'Id');
  if (isDeleted(raw)) return { version, snapshot: { ...(previous ?? blankObject(entity, id)), deleted: true, updatedAt } };
  return {
    version,
    snapshot: {
      entity, id, syncToken: text(raw.SyncToken) ?? '0', totalAmount: moneyOrZero(what, raw.TotalAmt, 'TotalAmt'),
      docNumber: text(raw.DocNumber), privateNote: text(raw.PrivateNote), deleted: false, updatedAt,
      fingerprint: fingerprint({
        txnDate: raw.TxnDate ?? null, dueDate: raw.DueDate ?? null, party: obj(raw.VendorRef ?? raw.CustomerRef)?.value ?? null, lines: withoutLinks(list(raw.Line)),
      }),
    },
  };
};

const blankObject = (entity: string, id: string): BooksObjectSnapshot =>
  ({ entity, id, syncToken: '', totalAmount: cents(0), docNumber: null, privateNote: null, deleted: true, updatedAt: '' });

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
