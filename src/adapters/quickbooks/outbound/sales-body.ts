import type { EstimatePosting, SalesInvoicePosting } from '../../../domain/books/index.js';
import type { SalesLine } from '../../../domain/owner-invoices/sales-lines.js';
import { markedText, refBody, wireAmount } from './books-body.js';

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
 * An Invoice's writable fields: billed to the project's Customer:Job (the job). A full update
 * sends the same body with Id + SyncToken, its lines replacing every old line.
 */
export const invoiceBody = (posting: SalesInvoicePosting | EstimatePosting): Record<string, unknown> => ({
  CustomerRef: refBody(posting.jobRef),
  TxnDate: posting.txnDate,
  DocNumber: posting.number,
  ...(posting.customerMemo ? { CustomerMemo: { value: posting.customerMemo.slice(0, CUSTOMER_MEMO_MAX) } } : {}),
  PrivateNote: markedText(posting.note),
  Line: posting.lines.map(salesLineBody),
});
