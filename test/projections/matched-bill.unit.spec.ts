import { describe, expect, it } from 'vitest';
import { foldAll, recorded } from './recorded.js';

const DOC = 'acme.buildertrend.subcontractor_invoice-2468013:ab12:SI-2301';
const SAGA = 'acme.saga.invoice_sync-2468013:ab12:SI-2301';
const snapshot = {
  projectId: '2468013', commitmentId: '', vendorId: 'ab12', vendorName: 'Summit Insulation Inc', number: 'SI-2301', invoiceNumber: 'SI-2301', status: 'approved',
  billingDate: '2026-03-06', periodStart: null, periodEnd: null, grossAmount: 1_600_000, retainageAmount: 0, netAmount: 1_600_000, retainagePercent: null, updatedAt: 't',
  lines: [{ lineId: '23-07-00:S:1', costCode: '23-07-00', costType: 'S', description: 'Insulation', amount: 1_600_000, retainage: 0 }],
};
const approved = { ref: { connection: 'acme', source: 'buildertrend', type: 'subcontractor_invoice', externalId: '2468013:ab12:SI-2301' }, version: 'v1', observedAt: 't', snapshot, raw: {} };
const fact = { invoice: approved.ref, version: 'v1', entity: 'Bill', booksId: '301', docNumber: 'SI-2301', syncToken: '2' };
const saga = { connection: 'acme', processManager: 'invoice-sync' };

describe('the reconciliation of a Buildertrend bill the books already held', () => {
  it('counts the linked bill as posted and in the books, and its payment as paid', () => {
    const { rows } = foldAll(recorded([
      { id: '1', stream: DOC, type: 'SubcontractorInvoiceApproved.v1', data: approved, metadata: { connection: 'acme' } },
      { id: '2', stream: SAGA, type: 'SubcontractorInvoiceApproved.v1', data: approved, metadata: { ...saga, inputStream: DOC } },
      { id: '3', stream: SAGA, type: 'InvoiceMatchedInBooks.v1', data: { ...fact, mode: 'books-synced-natively', total: 1_600_000, lines: [{ costCode: '23-07-00', costType: 'S', amount: 1_600_000 }] }, metadata: saga },
      { id: '4', stream: SAGA, type: 'InvoiceSynced.v1', data: fact, metadata: saga },
      {
        id: '5', stream: 'acme.quickbooks.bill_payment-77', type: 'BillPaymentRecorded.v1', metadata: { connection: 'acme' },
        data: { ref: {}, version: 'p1', observedAt: 't', raw: {}, snapshot: { kind: 'bill_payment', counterpartyId: '47', txnDate: '2026-03-20', totalAmount: 1_600_000, appliedTo: [{ txnId: '301', txnType: 'Bill', amount: 1_600_000 }], deleted: false, updatedAt: 't' } },
      },
    ]));
    expect(rows.get('acme:2468013/23-07-00/S')).toMatchObject({ invoiced: 1_600_000, posted: 1_600_000, books: 1_600_000, paid: 1_600_000 });
  });
});
