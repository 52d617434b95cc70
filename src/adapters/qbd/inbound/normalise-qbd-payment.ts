import type { BooksPaymentSnapshot } from '../../../domain/documents/snapshots.js';
import { list, moneyOf, NormaliseError, obj, requireId, text, type Json } from '../../pipeline/inbound/normalise/json-read.js';
import type { Normalised } from '../../pipeline/inbound/normalise/normalised.js';

/** The QuickBooks Desktop payment transactions the hub reads back, and what each settles. */
export const QBD_PAYMENT_KINDS = {
  BillPaymentCheck: { kind: 'bill_payment', party: 'PayeeEntityRef', amount: 'Amount' },
  BillPaymentCreditCard: { kind: 'bill_payment', party: 'PayeeEntityRef', amount: 'Amount' },
  ReceivePayment: { kind: 'payment', party: 'CustomerRef', amount: 'TotalAmount' },
} as const satisfies Readonly<Record<string, { kind: BooksPaymentSnapshot['kind']; party: string; amount: string }>>;

export type QbdPaymentType = keyof typeof QBD_PAYMENT_KINDS;

/** TimeModified (QuickBooks' local time with its offset) as an instant; the EditSequence when it has none. */
export const qbdVersionOf = (ret: Json): string => {
  const modified = text(ret.TimeModified);
  const ms = modified === null ? Number.NaN : Date.parse(modified);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : (text(ret.EditSequence) ?? '');
};

/**
 * A bill payment (by check or credit card) or a received payment as the hub records it: each
 * AppliedToTxnRet names the bill or invoice (TxnID, TxnType `Bill`/`Invoice`) it pays, as the
 * QuickBooks Online normaliser does, so the same write-back saga finds what the hub posted.
 */
export const normaliseQbdPayment = (type: QbdPaymentType, ret: Json): Normalised<BooksPaymentSnapshot> => {
  const spec = QBD_PAYMENT_KINDS[type];
  const what = `QuickBooks Desktop ${type} ${text(ret.TxnID) ?? '?'}`;
  requireId(what, ret.TxnID, 'TxnID');
  const version = qbdVersionOf(ret);
  const txnDate = text(ret.TxnDate);
  if (!txnDate) throw new NormaliseError(what, 'TxnDate is missing');
  return {
    version,
    snapshot: {
      kind: spec.kind, counterpartyId: text(obj(ret[spec.party])?.ListID) ?? '', txnDate, totalAmount: moneyOf(what, ret[spec.amount], spec.amount),
      appliedTo: list(ret.AppliedToTxnRet).map((applied) => ({
        txnId: requireId(what, applied.TxnID, 'AppliedToTxnRet.TxnID'), txnType: text(applied.TxnType) ?? '', amount: moneyOf(what, applied.Amount, 'AppliedToTxnRet.Amount'),
      })),
      deleted: false, updatedAt: version,
    },
  };
};
