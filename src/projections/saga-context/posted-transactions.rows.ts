import type { PostedTransaction } from '../../sagas/context/payment-links.js';
import { select, type Sql } from '../engine/projection.js';
import type { KeyedFold } from './keyed-rows.js';

/** Posting outcomes that create a books transaction a payment can apply to, and its type there. */
const POSTED: Readonly<Record<string, { txnType: PostedTransaction['txnType']; idField: string }>> = {
  'BillPosted.v1': { txnType: 'Bill', idField: 'billId' },
  'InvoicePosted.v1': { txnType: 'Invoice', idField: 'invoiceId' },
};

const txnIdOf = (data: unknown, field: string): string | undefined => {
  const id = (data as Record<string, unknown> | null)?.[field];
  return typeof id === 'string' ? id : undefined;
};

/** Books transaction (`{txnType}|{txnId}`) -> the saga instance that asked for it (`metadata.sagaStream`). */
export const postedTransactionsFold: KeyedFold<{ readonly sagaStream: string }> = {
  base: 'saga_posted_transactions',
  eventTypes: Object.keys(POSTED),
  readsCurrent: false,
  keysOf: (event) => {
    const kind = POSTED[event.type];
    const txnId = kind && txnIdOf(event.data, kind.idField);
    const connection = event.metadata.connection;
    return kind && txnId && connection && typeof event.metadata.sagaStream === 'string' ? [{ connection, key: `${kind.txnType}|${txnId}` }] : [];
  },
  evolve: (_current, event) => ({ grp: null, value: { sagaStream: String(event.metadata.sagaStream) } }),
};

export const readPostedTransactions = async (
  db: Sql, connection: string, txns: readonly { readonly txnId: string; readonly txnType: string }[],
): Promise<PostedTransaction[]> => {
  if (txns.length === 0) return [];
  const keys = txns.map((t) => `${t.txnType}|${t.txnId}`);
  const rows = await select<{ key: string; value: { sagaStream: string } }>(db,
    'SELECT key, value FROM projections.saga_posted_transactions WHERE connection = $1 AND key = ANY($2::text[])', [connection, keys]);
  const byKey = new Map(rows.map((r) => [r.key, r.value.sagaStream]));
  return txns.flatMap((t) => {
    const sagaStream = byKey.get(`${t.txnType}|${t.txnId}`);
    return sagaStream && (t.txnType === 'Bill' || t.txnType === 'Invoice') ? [{ txnType: t.txnType, txnId: t.txnId, sagaStream }] : [];
  });
};
