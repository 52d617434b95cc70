import type { SalesInvoicePosting } from '../../../domain/books/index.js';
import type { SalesLine } from '../../../domain/owner-invoices/sales-lines.js';
import { formatMoney } from '../../../domain/shared/money.js';
import { clip, el, leaf, ref, type QbxmlNode } from './qbxml-node.js';
import { MAX, type QbdWriteOperation } from './requests.js';

/** An invoice's RefNumber holds 11 characters (qbd §5.2). */
const INVOICE_NUMBER_MAX = 11;

/** InvoiceLineAdd in the 7.0 order: ItemRef, Desc, Quantity, Rate, ClassRef, Amount; a text-only line is a Desc alone. */
const invoiceLine = (line: SalesLine): QbxmlNode => line.kind === 'description'
  ? el('InvoiceLineAdd', [leaf('Desc', clip(line.description, MAX.desc))])
  : el('InvoiceLineAdd', [
    ref('ItemRef', line.itemRef), leaf('Desc', clip(line.description, MAX.desc)), leaf('Quantity', String(line.qty)),
    leaf('Rate', formatMoney(line.unitPrice)), ref('ClassRef', line.classRef), leaf('Amount', formatMoney(line.amount)),
  ]);

/**
 * An owner invoice (pay application, retainage release: the retainage item is one more item
 * line) to the project's job, the hub's note as Memo; found again by its RefNumber and marker.
 */
export const salesInvoiceOperation = (posting: SalesInvoicePosting): QbdWriteOperation => {
  const number = posting.number ? clip(posting.number, INVOICE_NUMBER_MAX) : undefined;
  const write = el('InvoiceAddRq', [el('InvoiceAdd', [
    ref('CustomerRef', posting.jobRef), leaf('TxnDate', posting.txnDate), leaf('RefNumber', number),
    leaf('Memo', clip(posting.note.text, MAX.memo)), ...posting.lines.map(invoiceLine),
  ])]);
  const probe = number
    ? el('InvoiceQueryRq', [leaf('RefNumber', number)])
    : el('InvoiceQueryRq', [el('TxnDateRangeFilter', [leaf('FromTxnDate', posting.txnDate), leaf('ToTxnDate', posting.txnDate)])]);
  return { label: `invoice ${number ?? `of ${posting.txnDate}`}`, write, probe, match: { by: 'memo-marker', marker: posting.note.marker }, probeFirst: false };
};
