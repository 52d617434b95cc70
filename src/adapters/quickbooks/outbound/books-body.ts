import type { ExpenseLine, HubNote, VendorDocumentPosting } from '../../../domain/books/index.js';
import type { BooksRef } from '../../../domain/shared/books-ref.js';
import { formatMoney, parseMoney, type Cents } from '../../../domain/shared/money.js';

/**
 * The one place cents become the JSON number QuickBooks reads. formatMoney writes exactly two
 * decimals, and Number() of that string is the double that JSON.stringify prints back as the
 * same decimal (amounts stay within 15 significant digits, facts §1): no float arithmetic.
 */
export const wireAmount = (amount: Cents): number => Number(formatMoney(amount));

/** A wire amount back to cents through its decimal string; undefined when it is not an amount. */
export const centsFromWire = (value: unknown): Cents | undefined => {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  try {
    return parseMoney(String(value));
  } catch {
    return undefined;
  }
};

/** QuickBooks reads only `value`; a name we send could be stale, so none is sent. */
export const refBody = (r: BooksRef): { value: string } => ({ value: r.value });
const ref = refBody;

/** The job is a Customer:Job. Billable means "bill it on to this customer": without a CustomerRef there is no one to bill. */
const tracking = (line: ExpenseLine): Record<string, unknown> => ({
  ...(line.jobRef ? { CustomerRef: ref(line.jobRef) } : {}),
  ...(line.classRef ? { ClassRef: ref(line.classRef) } : {}),
  BillableStatus: line.billable && line.jobRef ? 'Billable' : 'NotBillable',
});

/** A new bill line billed against a PO line (facts §2.1: set only when the line is created). */
const linkedTxnOf = (line: ExpenseLine): Record<string, unknown> =>
  line.billedFrom ? { LinkedTxn: [{ TxnId: line.billedFrom.purchaseOrderId, TxnType: 'PurchaseOrder', TxnLineId: line.billedFrom.lineId }] } : {};

/** One expense line (facts §2.1): account-based, or item-based at Qty × UnitPrice = Amount. */
export const lineBody = (line: ExpenseLine): Record<string, unknown> => {
  const base = { Description: line.description, Amount: wireAmount(line.amount), ...linkedTxnOf(line) };
  if (line.kind === 'account') {
    return { ...base, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: ref(line.accountRef), ...tracking(line) } };
  }
  return {
    ...base, DetailType: 'ItemBasedExpenseLineDetail',
    ItemBasedExpenseLineDetail: { ItemRef: ref(line.itemRef), Qty: line.qty, UnitPrice: wireAmount(line.unitPrice), ...tracking(line) },
  };
};

/** `trestle:{connection}:{invoice}:{version}`, then a space or nothing: `…:3` must not match `…:31`. */
export const isMarkedBy = (note: unknown, marker: string): boolean =>
  typeof note === 'string' && (note === marker || note.startsWith(`${marker} `));

/** PrivateNote and Description hold at most 4000 characters (facts §2.1). */
export const TEXT_MAX = 4000;

/** The text starting with the marker (the lookup after a lost answer searches for it), within `max` characters. */
export const markedText = (note: HubNote, max = TEXT_MAX): string =>
  (isMarkedBy(note.text, note.marker) ? note.text : `${note.marker} ${note.text}`).slice(0, max);

/**
 * A bill's or vendor credit's writable fields. A full update sends the same body with Id +
 * SyncToken: omitted fields are cleared and the lines, sent without Ids, replace every line
 * the document had (facts §2.1, §7). A vendor credit has no due date.
 */
export const draftBody = (posting: VendorDocumentPosting): Record<string, unknown> => ({
  VendorRef: ref(posting.vendorRef),
  TxnDate: posting.txnDate,
  ...(posting.kind === 'bill' && posting.dueDate ? { DueDate: posting.dueDate } : {}),
  ...(posting.number ? { DocNumber: posting.number } : {}),
  PrivateNote: markedText(posting.note),
  Line: posting.lines.map(lineBody),
});
