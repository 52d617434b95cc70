import type { BooksFailure, PurchaseOrderLine, PurchaseOrderPosting } from '../../../domain/books/index.js';
import type { QboObject } from '../quickbooks-client.js';
import { isBooksFailure } from '../../../domain/books/index.js';
import { lineBody, markedText, refBody } from './books-body.js';
import { apAccountRef } from './ap-account.js';
import type { QboCall } from './deps.js';

type LineId = { readonly lineKey: string; readonly lineId: string };

const MEMO_MAX = 4000;

/** A line mapped like a bill's; one that is on the PO already keeps its Id, so bills linked to it stay linked. */
const poLineBody = (line: PurchaseOrderLine): Record<string, unknown> => ({ ...(line.lineId ? { Id: line.lineId } : {}), ...lineBody(line) });

/**
 * The PurchaseOrder's writable fields (facts §2.3); a full update sends the same with Id +
 * SyncToken. POStatus Open: an update also reopens a PO closed when its commitment was voided.
 */
export const purchaseOrderBody = async (call: QboCall, posting: PurchaseOrderPosting): Promise<Record<string, unknown> | BooksFailure> => {
  const apAccount = await apAccountRef(call);
  if (isBooksFailure(apAccount)) return apAccount;
  return {
    VendorRef: refBody(posting.vendorRef),
    APAccountRef: apAccount,
    TxnDate: posting.txnDate,
    DocNumber: posting.number,
    Memo: posting.memo.slice(0, MEMO_MAX),
    PrivateNote: markedText(posting.note),
    POStatus: 'Open',
    Line: posting.lines.map(poLineBody),
  };
};

const EXPENSE_DETAILS = new Set(['AccountBasedExpenseLineDetail', 'ItemBasedExpenseLineDetail']);

/** Each posted line's Id as written: QuickBooks answers with the lines in the order sent. */
export const lineIdsOf = (lines: readonly PurchaseOrderLine[], object: QboObject): LineId[] => {
  const written = (Array.isArray(object.Line) ? object.Line as Array<Record<string, unknown>> : []).filter((l) => EXPENSE_DETAILS.has(String(l.DetailType)));
  return lines.flatMap((line, i) => {
    const id = written[i]?.Id;
    return typeof id === 'string' ? [{ lineKey: line.lineKey, lineId: id }] : [];
  });
};
