import type { BooksDraft, BooksLine } from '../../../domain/invoice-sync/invoice-sync.outputs.js';
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
const ref = (r: BooksRef): { value: string } => ({ value: r.value });

/** Billable means "bill it on to this customer": without a CustomerRef there is no one to bill. */
const tracking = (line: BooksLine): Record<string, unknown> => ({
  ...(line.customerRef ? { CustomerRef: ref(line.customerRef) } : {}),
  ...(line.classRef ? { ClassRef: ref(line.classRef) } : {}),
  BillableStatus: line.billable && line.customerRef ? 'Billable' : 'NotBillable',
});

/** A new bill line billed against a PO line (facts §2.1: set only when the line is created). */
const linkedTxnOf = (line: BooksLine): Record<string, unknown> =>
  line.linkedTxn ? { LinkedTxn: [{ TxnId: line.linkedTxn.txnId, TxnType: line.linkedTxn.txnType, TxnLineId: line.linkedTxn.txnLineId }] } : {};

/** One expense line (facts §2.1): account-based, or item-based at Qty × UnitPrice = Amount. */
export const lineBody = (line: BooksLine): Record<string, unknown> => {
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

/** The note must start with the marker: the lookup after a lost answer searches for it. */
const noteOf = (draft: BooksDraft): string =>
  isMarkedBy(draft.privateNote, draft.hubMarker) ? draft.privateNote : `${draft.hubMarker} ${draft.privateNote}`.slice(0, 4000);

/**
 * A bill's or vendor credit's writable fields from the draft. A full update sends the same
 * body with Id + SyncToken: omitted fields are cleared and the lines, sent without Ids,
 * replace every line the document had (facts §2.1, §7).
 */
export const draftBody = (entity: 'Bill' | 'VendorCredit', draft: BooksDraft): Record<string, unknown> => ({
  VendorRef: ref(draft.vendorRef),
  TxnDate: draft.txnDate,
  // A vendor credit has no due date.
  ...(entity === 'Bill' && draft.dueDate ? { DueDate: draft.dueDate } : {}),
  ...(draft.docNumber ? { DocNumber: draft.docNumber } : {}),
  PrivateNote: noteOf(draft),
  Line: draft.lines.map(lineBody),
});
