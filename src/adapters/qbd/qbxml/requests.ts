import type { ExpenseLine, VendorDocumentPosting } from '../../../domain/books/index.js';
import type { BooksRef } from '../../../domain/shared/books-ref.js';
import { formatMoney } from '../../../domain/shared/money.js';
import { clip, el, leaf, ref, type QbxmlNode } from './qbxml-node.js';

/** Field limits (qbd §4, §5.1). */
export const MAX = { name: 41, refNumber: 20, memo: 4095, desc: 4095 } as const;

/** How a probe's answer shows that the write happened: the hub's marker in the Memo, or the list object's name. */
export type ProbeMatch =
  /** `field`: where the note is kept, Memo unless said (a time entry's is Notes). */
  | { readonly by: 'memo-marker'; readonly marker: string; readonly field?: string }
  | { readonly by: 'name'; readonly name: string }
  | { readonly by: 'job'; readonly name: string; readonly parent: string }
  /** A modification that leaves no marker (closing a PO, voiding): done when the field holds the value. */
  | { readonly by: 'field'; readonly field: string; readonly value: string }
  /** A deletion: done when the transaction is no longer there. */
  | { readonly by: 'gone'; readonly txnId: string }
  /** A read: every object the query returns, page by page (iterators), is the answer. */
  | { readonly by: 'all' };

/** A write and the query that finds what it wrote (QuickBooks has no idempotency key: qbd §4 "de-duplicate yourself"). */
export interface QbdOperation {
  /** What a bookkeeper reads in messages: `bill INV-10442 (Rocky Mountain Framing)`. */
  readonly label: string;
  /** null: a lookup only (the probe's answer is the result, found or not). */
  readonly write: QbxmlNode | null;
  readonly probe: QbxmlNode;
  readonly match: ProbeMatch;
  /** Find-or-create (vendors, jobs): ask first, write only when the probe finds nothing. */
  readonly probeFirst: boolean;
}

/** Objects a query returns per page (`MaxReturned`); the iterator hands out the rest in the same session. */
export const PAGE_SIZE = 100;

/**
 * A read of every object a query returns (`query` with MaxReturned in its schema place): handed out
 * with iterator="Start", then "Continue" in the same session until none remain (qbd §4).
 */
export const readOperation = (label: string, query: QbxmlNode): QbdOperation => ({ label, write: null, probe: query, match: { by: 'all' }, probeFirst: true });

/** An operation that writes (every one but a lookup). */
export type QbdWriteOperation = QbdOperation & { readonly write: QbxmlNode };

const vendorQuery = (name: string): QbxmlNode => el('VendorQueryRq', [leaf('FullName', name)]);

/** A vendor by its display name, created when absent (unless `lookupOnly`). */
export const vendorOperation = (displayName: string, lookupOnly = false): QbdOperation => {
  const name = clip(displayName.trim(), MAX.name);
  return {
    label: `vendor "${name}"`, probeFirst: true, match: { by: 'name', name },
    write: lookupOnly ? null : el('VendorAddRq', [el('VendorAdd', [leaf('Name', name), leaf('IsActive', 'true')])]),
    probe: vendorQuery(name),
  };
};

/** A job is a sub-customer (qbd §5.4): `Parent:Job`, found by its own name under its parent. */
export const jobOperation = (parent: BooksRef, jobName: string): QbdWriteOperation => {
  const name = clip(jobName.trim(), MAX.name);
  return {
    label: `job "${parent.name ?? parent.value}:${name}"`, probeFirst: true, match: { by: 'job', name, parent: parent.value },
    write: el('CustomerAddRq', [el('CustomerAdd', [leaf('Name', name), leaf('IsActive', 'true'), ref('ParentRef', parent)])]),
    // The filter group's order (qbd §5.3, shared by CustomerQueryRq): ActiveStatus before NameFilter, or QuickBooks refuses the whole document.
    probe: el('CustomerQueryRq', [leaf('ActiveStatus', 'All'), el('NameFilter', [leaf('MatchCriterion', 'EndsWith'), leaf('Name', name)])]),
  };
};

const billableStatus = (line: ExpenseLine): QbxmlNode | undefined =>
  line.jobRef ? leaf('BillableStatus', line.billable ? 'Billable' : 'NotBillable') : undefined;

/** Expense lines in the 7.0 schema's order: AccountRef, Amount, Memo, CustomerRef, ClassRef, BillableStatus. */
const expenseLine = (line: ExpenseLine & { kind: 'account' }): QbxmlNode => el('ExpenseLineAdd', [
  ref('AccountRef', line.accountRef), leaf('Amount', formatMoney(line.amount)), leaf('Memo', clip(line.description, MAX.memo)),
  ref('CustomerRef', line.jobRef), ref('ClassRef', line.classRef), billableStatus(line),
]);

/** Item lines: ItemRef, Desc, Quantity, Cost, Amount, CustomerRef, ClassRef, BillableStatus, LinkToTxn (a PO line billed). */
const itemLine = (line: ExpenseLine & { kind: 'item' }): QbxmlNode => el('ItemLineAdd', [
  ref('ItemRef', line.itemRef), leaf('Desc', clip(line.description, MAX.desc)), leaf('Quantity', String(line.qty)),
  leaf('Cost', formatMoney(line.unitPrice)), leaf('Amount', formatMoney(line.amount)),
  ref('CustomerRef', line.jobRef), ref('ClassRef', line.classRef), billableStatus(line),
  line.billedFrom ? el('LinkToTxn', [leaf('TxnID', line.billedFrom.purchaseOrderId), leaf('TxnLineID', line.billedFrom.lineId)]) : undefined,
]);

/** The schema puts every expense line before every item line. */
const costLines = (lines: readonly ExpenseLine[]): QbxmlNode[] => [
  ...lines.flatMap((l) => (l.kind === 'account' ? [expenseLine(l)] : [])),
  ...lines.flatMap((l) => (l.kind === 'item' ? [itemLine(l)] : [])),
];

/**
 * A bill (BillAdd, qbd §5.1) or a vendor credit (VendorCreditAdd: no due date), with the hub's
 * note as Memo (marker first). Found again by its RefNumber, or by vendor and date when it has none.
 */
export const vendorDocumentOperation = (posting: VendorDocumentPosting): QbdWriteOperation => {
  const entity = posting.kind === 'bill' ? 'Bill' : 'VendorCredit';
  const number = posting.number ? clip(posting.number, MAX.refNumber) : undefined;
  const write = el(`${entity}AddRq`, [el(`${entity}Add`, [
    ref('VendorRef', posting.vendorRef), leaf('TxnDate', posting.txnDate),
    posting.kind === 'bill' ? leaf('DueDate', posting.dueDate) : undefined,
    leaf('RefNumber', number), leaf('Memo', clip(posting.note.text, MAX.memo)),
    ...costLines(posting.lines),
  ])]);
  const probe = number
    ? el(`${entity}QueryRq`, [leaf('RefNumber', number)])
    : el(`${entity}QueryRq`, [
      el('TxnDateRangeFilter', [leaf('FromTxnDate', posting.txnDate), leaf('ToTxnDate', posting.txnDate)]),
      el('EntityFilter', [entityRef(posting.vendorRef)]),
    ]);
  const vendor = posting.vendorRef.name ?? posting.vendorRef.value;
  return {
    label: `${posting.kind === 'bill' ? 'bill' : 'vendor credit'} ${number ?? `of ${posting.txnDate}`} (${vendor})`,
    write, probe, match: { by: 'memo-marker', marker: posting.note.marker }, probeFirst: false,
  };
};

/** `EntityFilter` holds a bare ListID or FullName, not a `…Ref`. */
const entityRef = (value: BooksRef): QbxmlNode => {
  const wrapped = ref('Entity', value) as Record<string, QbxmlNode[]>;
  return wrapped.Entity![0]!;
};

/** The element holding the version a modification names; swapped for a fresher one when QuickBooks says 3200. */
export const EDIT_SEQUENCE = 'EditSequence';

const modLines = (lines: readonly ExpenseLine[]): QbxmlNode[] => [
  // TxnLineID -1: a new line; lines a Mod leaves out are removed, so the set is replaced whole.
  ...lines.flatMap((l) => (l.kind === 'account' ? [el('ExpenseLineMod', [leaf('TxnLineID', '-1'), ...(childrenOf(expenseLine(l), 'ExpenseLineAdd'))])] : [])),
  ...lines.flatMap((l) => (l.kind === 'item' ? [el('ItemLineMod', [leaf('TxnLineID', '-1'), ...childrenOf(itemLine({ ...l, billedFrom: null }), 'ItemLineAdd')])] : [])),
];

const childrenOf = (node: QbxmlNode, name: string): QbxmlNode[] => [...((node as Record<string, readonly QbxmlNode[]>)[name] ?? [])];

/**
 * A full update of a bill or vendor credit (BillMod / VendorCreditMod) at the version the hub
 * knows. Its probe reads the transaction by TxnID: the new marker in its Memo means the update
 * is in; otherwise the answer carries the current EditSequence for the next attempt.
 */
export const vendorDocumentModOperation = (txnId: string, editSequence: string, posting: VendorDocumentPosting): QbdWriteOperation => {
  const entity = posting.kind === 'bill' ? 'Bill' : 'VendorCredit';
  const number = posting.number ? clip(posting.number, MAX.refNumber) : undefined;
  const write = el(`${entity}ModRq`, [el(`${entity}Mod`, [
    leaf('TxnID', txnId), leaf(EDIT_SEQUENCE, editSequence), ref('VendorRef', posting.vendorRef), leaf('TxnDate', posting.txnDate),
    posting.kind === 'bill' ? leaf('DueDate', posting.dueDate) : undefined,
    leaf('RefNumber', number), leaf('Memo', clip(posting.note.text, MAX.memo)), ...modLines(posting.lines),
  ])]);
  return {
    label: `${posting.kind === 'bill' ? 'bill' : 'vendor credit'} ${number ?? txnId} (update)`,
    write, probe: el(`${entity}QueryRq`, [leaf('TxnID', txnId)]), match: { by: 'memo-marker', marker: posting.note.marker }, probeFirst: false,
  };
};

/** The write with the EditSequence QuickBooks holds now (learnt from a probe after 3200). */
export const withEditSequence = (node: QbxmlNode, editSequence: string): QbxmlNode => {
  const replace = (n: QbxmlNode): QbxmlNode => {
    const [name, children] = Object.entries(n).find(([k]) => k !== ':@' && k !== '#text') ?? [];
    if (!name || !Array.isArray(children)) return n;
    if (name === EDIT_SEQUENCE) return el(EDIT_SEQUENCE, [{ '#text': editSequence }]);
    return { ...n, [name]: (children as QbxmlNode[]).map(replace) } as QbxmlNode;
  };
  return replace(node);
};
