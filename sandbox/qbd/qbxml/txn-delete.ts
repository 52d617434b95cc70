import { parseScaled } from '../company/decimal.js';
import type { TxnRecord } from '../company/records.js';
import type { HandlerResult, RequestContext } from './context.js';
import { qbTimeValue } from './list-handlers.js';
import { type FieldSpec, datetime, enumOf, group, id, req } from './schema.js';
import { invalidValue, noMatch, notFound } from './status.js';
import { PAYMENT_KINDS, TXN_SPECS } from './txn-specs.js';
import { child, children, el, leaf, textOf, type XmlNode } from './xml.js';

const DEL_TYPES = Object.keys(TXN_SPECS);

export const TXN_DEL: readonly FieldSpec[] = [req(enumOf('TxnDelType', DEL_TYPES)), req(id('TxnID'))];
export const TXN_DELETED_QUERY: readonly FieldSpec[] = [
  { ...enumOf('TxnDelType', DEL_TYPES), req: true, many: true },
  group('DeletedDateRangeFilter', [datetime('FromDeletedDate'), datetime('ToDeletedDate')]),
];

/** A payment being deleted gives back what it paid on each bill or invoice. */
const unapply = (ctx: RequestContext, payment: TxnRecord): void => {
  for (const applied of payment.fields.filter((f) => f.name === 'AppliedToTxnRet')) {
    const target = ctx.company.txnById(textOf(applied, 'TxnID') ?? '');
    if (!target) continue;
    target.applied -= parseScaled(textOf(applied, 'Amount') ?? '0', 2) ?? 0n;
    target.links = target.links.filter((l) => l.txnId !== payment.txnId);
    ctx.company.touchTxn(target);
  }
};

/** TxnDelRq: QuickBooks refuses to delete a bill or invoice that payments are applied to (3210). */
export const txnDel = (ctx: RequestContext, _kind: string, rq: XmlNode): HandlerResult => {
  const kind = textOf(rq, 'TxnDelType') ?? '';
  const txnId = textOf(rq, 'TxnID') ?? '';
  const record = ctx.company.txnById(txnId);
  if (!record || record.kind !== kind) throw notFound(txnId);
  if (record.applied > 0n && (kind === 'Bill' || kind === 'Invoice' || kind === 'VendorCredit')) {
    throw invalidValue('TxnID', txnId, 'This transaction has payments or credits applied to it and cannot be deleted.');
  }
  if (PAYMENT_KINDS.has(kind)) unapply(ctx, record);
  const timeDeleted = ctx.company.removeTxn(record);
  return { rets: [leaf('TxnDelType', kind), leaf('TxnID', txnId), leaf('TimeDeleted', timeDeleted)] };
};

/**
 * The transaction types QuickBooks voids (qbXML OSR TxnVoidType; not in api-facts/qbd.md, so
 * the stricter reading): bills, credits, invoices and payments, never an estimate, a purchase
 * order or time (those are deleted or closed).
 */
const VOID_TYPES = ['Bill', 'VendorCredit', 'Invoice', 'BillPaymentCheck', 'BillPaymentCreditCard', 'ReceivePayment'];
export const TXN_VOID: readonly FieldSpec[] = [req(enumOf('TxnVoidType', VOID_TYPES)), req(id('TxnID'))];

/** TxnVoidRq: the transaction stays, every line at zero; one with payments or credits applied is refused (3210, the stricter reading). */
export const txnVoid = (ctx: RequestContext, _kind: string, rq: XmlNode): HandlerResult => {
  const kind = textOf(rq, 'TxnVoidType') ?? '';
  const txnId = textOf(rq, 'TxnID') ?? '';
  const record = ctx.company.txnById(txnId);
  if (!record || record.kind !== kind) throw notFound(txnId);
  if (record.applied > 0n && !PAYMENT_KINDS.has(kind)) {
    throw invalidValue('TxnID', txnId, 'This transaction has payments or credits applied to it and cannot be voided.');
  }
  if (PAYMENT_KINDS.has(kind)) unapply(ctx, record);
  record.lines = record.lines.map((line) => ({ ...line, amount: 0n, fields: line.fields.map((f) => (f.name === 'Amount' ? leaf('Amount', '0.00') : f)) }));
  record.total = 0n;
  ctx.company.touchTxn(record);
  return { rets: [leaf('TxnVoidType', kind), leaf('TxnID', txnId)] };
};

export const txnDeletedQuery = (ctx: RequestContext, _kind: string, rq: XmlNode): HandlerResult => {
  const kinds = children(rq, 'TxnDelType').map((n) => n.text);
  const range = child(rq, 'DeletedDateRangeFilter');
  const from = range ? textOf(range, 'FromDeletedDate') : undefined;
  const to = range ? textOf(range, 'ToDeletedDate') : undefined;
  const rets = ctx.company.deletedTxns
    .filter((d) => kinds.includes(d.kind))
    .filter((d) => (from === undefined || qbTimeValue(d.timeDeleted) >= qbTimeValue(from)) && (to === undefined || qbTimeValue(d.timeDeleted) <= qbTimeValue(to)))
    .map((d) => el('TxnDeletedRet', [
      leaf('TxnDelType', d.kind), leaf('TxnID', d.txnId), leaf('TimeCreated', d.timeCreated), leaf('TimeDeleted', d.timeDeleted),
      ...(d.refNumber ? [leaf('RefNumber', d.refNumber)] : []),
    ]));
  return rets.length > 0 ? { rets } : { rets, status: noMatch() };
};
