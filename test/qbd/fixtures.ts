import type { VendorDocumentPosting } from '../../src/domain/books/index.js';
import { cents } from '../../src/domain/shared/money.js';

export const MARKER = 'trestle:acme-qbd:procore.subcontractor_invoice-88412:1';

/** A subcontractor's bill as the books port receives it (qbd §5.1's example, in the port's words). */
export const billPosting = (overrides: Partial<VendorDocumentPosting> = {}): VendorDocumentPosting => ({
  kind: 'bill',
  vendorRef: { value: '80000012-1712345678', name: 'Rocky Mountain Framing LLC' },
  txnDate: '2026-03-14',
  dueDate: '2026-04-13',
  number: 'INV-10442',
  note: { marker: MARKER, text: `${MARKER} Procore commitment SC-012, pay app #3 & <retainage>` },
  lines: [
    {
      kind: 'item', description: 'LVL beams', amount: cents(125000), itemRef: { value: '06-100 Rough Carpentry' }, qty: 1, unitPrice: cents(125000),
      jobRef: { value: 'Smith, John:Kitchen Remodel' }, classRef: { value: 'Residential' }, billable: false, billedFrom: null,
    },
    {
      kind: 'account', description: '06-100 Rough carpentry - labor', amount: cents(1850000), accountRef: { value: 'Job Expenses:Subcontractors' },
      jobRef: { value: 'Smith, John:Kitchen Remodel' }, classRef: { value: 'Residential' }, billable: true, billedFrom: null,
    },
  ],
  ...overrides,
});

/** A BillAddRs as QuickBooks answers (qbd §5.1 response shape, values invented). */
export const billAddResponse = (requestId: string, memo: string, txnId = '1A2B-1712345678'): string => `<?xml version="1.0" ?>
<QBXML><QBXMLMsgsRs>
  <BillAddRs requestID="${requestId}" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
    <BillRet><TxnID>${txnId}</TxnID><EditSequence>1712345999</EditSequence><TxnNumber>17</TxnNumber>
      <VendorRef><ListID>80000012-1712345678</ListID><FullName>Rocky Mountain Framing LLC</FullName></VendorRef>
      <TxnDate>2026-03-14</TxnDate><RefNumber>INV-10442</RefNumber><Memo>${memo}</Memo>
      <ExpenseLineRet><TxnLineID>1A2C-1712345678</TxnLineID><Amount>18500.00</Amount></ExpenseLineRet>
    </BillRet>
  </BillAddRs>
</QBXMLMsgsRs></QBXML>`;

/** A BillQueryRs holding the bill (found by its RefNumber), or none (statusCode 1). */
export const billQueryResponse = (requestId: string, memo: string | null, txnId = '1A2B-1712345678'): string => memo === null
  ? `<QBXML><QBXMLMsgsRs><BillQueryRs requestID="${requestId}" statusCode="1" statusSeverity="Info" statusMessage="A query request did not find a matching object in QuickBooks" /></QBXMLMsgsRs></QBXML>`
  : `<QBXML><QBXMLMsgsRs><BillQueryRs requestID="${requestId}" statusCode="0" statusSeverity="Info" statusMessage="Status OK" retCount="1">
      <BillRet><TxnID>${txnId}</TxnID><EditSequence>1712345999</EditSequence><RefNumber>INV-10442</RefNumber><Memo>${memo}</Memo></BillRet>
    </BillQueryRs></QBXMLMsgsRs></QBXML>`;

export const xmlEscape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
