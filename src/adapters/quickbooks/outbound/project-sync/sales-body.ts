import type { InvoiceDraft } from '../../../../domain/owner-invoices/owner-invoice.outputs.js';
import type { SalesLine } from '../../../../domain/owner-invoices/sales-lines.js';
import type { BooksRef } from '../../../../domain/shared/books-ref.js';
import { wireAmount } from '../books-body.js';
import { markedText } from './marker-search.js';

/** QuickBooks reads only `value`; a name we send could be stale, so none is sent. */
export const refBody = (ref: BooksRef): { value: string } => ({ value: ref.value });

/** PrivateNote and Description hold at most 4000 characters (facts §2.1). */
export const TEXT_MAX = 4000;
const CUSTOMER_MEMO_MAX = 1000;

/**
 * One Invoice or Estimate line (facts §2.2): an item at quantity 1 (Amount = UnitPrice, so
 * no 6070), or a line of text only. The domain never sends a negative amount (2290).
 */
export const salesLineBody = (line: SalesLine): Record<string, unknown> => {
  if (line.kind === 'description') return { Description: line.description, DetailType: 'DescriptionOnly', DescriptionLineDetail: {} };
  return {
    Description: line.description, Amount: wireAmount(line.amount), DetailType: 'SalesItemLineDetail',
    SalesItemLineDetail: { ItemRef: refBody(line.itemRef), Qty: line.qty, UnitPrice: wireAmount(line.unitPrice), ...(line.classRef ? { ClassRef: refBody(line.classRef) } : {}) },
  };
};

/**
 * An Invoice's writable fields from the draft: billed to the project's Customer:Job. A full
 * update sends the same body with Id + SyncToken, its lines replacing every old line.
 */
export const invoiceBody = (draft: InvoiceDraft): Record<string, unknown> => ({
  CustomerRef: refBody(draft.customerRef),
  TxnDate: draft.txnDate,
  DocNumber: draft.docNumber,
  ...(draft.customerMemo ? { CustomerMemo: { value: draft.customerMemo.slice(0, CUSTOMER_MEMO_MAX) } } : {}),
  PrivateNote: markedText(draft.privateNote, draft.hubMarker, TEXT_MAX),
  Line: draft.lines.map(salesLineBody),
});
