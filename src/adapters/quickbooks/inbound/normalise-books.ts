import type { BooksObjectSnapshot, BooksPaymentSnapshot } from '../../../domain/documents/snapshots.js';
import { cents } from '../../../domain/shared/money.js';
import { booksVersion } from '../../../domain/documents/classify-change.js';
import { isoTime, list, moneyOf, moneyOrZero, obj, requireId, text, type Json } from '../../pipeline/inbound/normalise/json-read.js';
import { fingerprint } from '../../pipeline/inbound/normalise/books-marker.js';
import type { Normalised } from '../../pipeline/inbound/normalise/normalised.js';

export { HUB_MARKER, isHubMarked } from '../../pipeline/inbound/normalise/books-marker.js';

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
