import { describe, expect, it } from 'vitest';
import { budgetLineEvent, commitmentEvents, primeChangeOrderEvents } from '../../bench/replay/contract-flow.js';
import { invoiceFlow, invoiceStream, type FlowEvent } from '../../bench/replay/invoice-flow.js';
import { allocate } from '../../src/projections/reconciliation/contribution.js';
import { foldAll, recorded } from './recorded.js';

const C = 'acme';
const P = '2468013';
const duct = { costCode: '23-31-00', costType: 'S', amount: 50_000_00, retainage: 5_000_00 };
const sealant = { costCode: '23-31-00', costType: 'M', amount: 4_000_00, retainage: 400_00 };

const given = (...flows: FlowEvent[][]) => foldAll(recorded(flows.flat()));
const docOf = (result: ReturnType<typeof given>, invoiceId: string) => result.docs.get(invoiceStream(C, invoiceId));

describe('reconciliation evolve', () => {
  it('adds budget, approved change orders, commitments and approved invoices per cost code and cost type', () => {
    const { rows } = given(
      [budgetLineEvent(C, P, '23-31-00', 'S', 150_000_00)],
      primeChangeOrderEvents(C, P, '92001', [{ ...duct, amount: 10_000_00, retainage: 0 }]),
      commitmentEvents(C, P, '786001', [{ ...duct, amount: 150_000_00, retainage: 0 }]),
      invoiceFlow({ connection: C, projectId: P, invoiceId: '1001', lines: [duct, sealant], outcome: 'none' }),
    );
    expect(rows.get(`acme:${P}/23-31-00/S`)).toMatchObject({
      original_budget: 150_000_00, approved_changes: 10_000_00, revised_budget: 160_000_00, committed: 150_000_00,
      invoiced: 50_000_00, retainage_held: 5_000_00, posted: 0, documents: 4, pending: 1,
    });
    expect(rows.get(`acme:${P}/23-31-00/M`)).toMatchObject({ invoiced: 4_000_00, documents: 1, pending: 1 });
  });

  it('counts what the hub posted, and marks the document in sync', () => {
    const result = given(invoiceFlow({ connection: C, projectId: P, invoiceId: '1002', lines: [duct, sealant] }));
    expect(result.rows.get(`acme:${P}/23-31-00/S`)).toMatchObject({ invoiced: 50_000_00, posted: 50_000_00, pending: 0, mismatched: 0 });
    expect(docOf(result, '1002')?.verdict).toMatchObject({ status: 'in_sync', reason: null, expected: 54_000_00, booksAmount: 54_000_00 });
    expect(docOf(result, '1002')?.doc.sync.books).toMatchObject({ entity: 'Bill', id: '10020' });
  });

  it('follows revisions: the update replaces what was posted', () => {
    const result = given(invoiceFlow({ connection: C, projectId: P, invoiceId: '1003', lines: [duct], revisions: [[{ ...duct, amount: 45_000_00 }]] }));
    expect(result.rows.get(`acme:${P}/23-31-00/S`)).toMatchObject({ invoiced: 45_000_00, posted: 45_000_00, pending: 0 });
  });

  it('is pending between a revision and its posting', () => {
    const flow = invoiceFlow({ connection: C, projectId: P, invoiceId: '1004', lines: [duct], revisions: [[{ ...duct, amount: 45_000_00 }]] });
    const revisedAt = flow.findIndex((e) => e.type === 'SubcontractorInvoiceRevised.v1');
    const result = given(flow.slice(0, revisedAt + 1));
    expect(docOf(result, '1004')?.verdict.status).toBe('pending');
    expect(result.rows.get(`acme:${P}/23-31-00/S`)).toMatchObject({ invoiced: 45_000_00, posted: 50_000_00, pending: 1 });
  });

  it('turns a bill edited by hand into a mismatch', () => {
    const result = given(invoiceFlow({ connection: C, projectId: P, invoiceId: '1005', lines: [duct], editedTotal: 49_000_00 }));
    expect(docOf(result, '1005')?.verdict).toMatchObject({ status: 'mismatch', reason: 'edited_by_hand', booksAmount: 49_000_00 });
    expect(result.rows.get(`acme:${P}/23-31-00/S`)).toMatchObject({ mismatched: 1, posted: 50_000_00 });
  });

  it('quarantines an invoice parked for a missing mapping, and a dead-lettered one', () => {
    const result = given(
      invoiceFlow({ connection: C, projectId: P, invoiceId: '1006', lines: [duct], outcome: 'mapping-missing' }),
      invoiceFlow({ connection: C, projectId: P, invoiceId: '1007', lines: [sealant], outcome: 'dead-lettered' }),
    );
    expect(docOf(result, '1006')?.verdict).toMatchObject({ status: 'quarantined', reason: 'quarantined', detail: expect.stringContaining('mapping_missing') });
    expect(docOf(result, '1007')?.verdict).toMatchObject({ status: 'quarantined', reason: 'dead_lettered' });
    expect(result.rows.get(`acme:${P}/23-31-00/S`)).toMatchObject({ quarantined: 1, posted: 0 });
  });

  it('quarantines an invoice parked before issue 12 (InvoiceSyncParked.v1 naming `invoice`) the same way', () => {
    const asStoredBefore = (e: FlowEvent): FlowEvent => {
      if (e.type !== 'DocumentSyncParked.v1') return e;
      const { document, ...rest } = e.data as { document: unknown };
      return { ...e, type: 'InvoiceSyncParked.v1', data: { invoice: document, ...rest } };
    };
    const result = given(invoiceFlow({ connection: C, projectId: P, invoiceId: '1009', lines: [duct], outcome: 'mapping-missing' }).map(asStoredBefore));
    expect(docOf(result, '1009')?.verdict).toMatchObject({ status: 'quarantined', reason: 'quarantined', detail: expect.stringContaining('mapping_missing') });
  });

  it('leaves a commitment its saga parked as it was: only the invoice saga\'s parks count', () => {
    const [created, approved] = commitmentEvents(C, P, '786002', [{ ...duct, amount: 150_000_00, retainage: 0 }]);
    const saga = `${C}.saga.commitment_po-commitment-786002`;
    const meta = { source: 'hub', processManager: 'commitment-po' };
    const { raw: _raw, ...copied } = approved!.data as { raw: unknown };
    const document = { connection: C, source: 'procore', type: 'commitment', externalId: '786002' };
    const parkedBySaga = [
      { id: 'copy-786002', stream: saga, type: approved!.type, data: copied, metadata: { ...meta, inputStream: approved!.stream } },
      { id: 'park-786002', stream: saga, type: 'DocumentSyncParked.v1', data: { document, version: 'v1', reasons: ['mapping-missing'], message: 'no rule' }, metadata: meta },
    ];
    const doc = (events: FlowEvent[]) => given(events).docs.get(approved!.stream);
    expect(doc([created!, approved!, ...parkedBySaga])?.verdict).toEqual(doc([created!, approved!, parkedBySaga[0]!])?.verdict);
    expect(doc([created!, approved!, ...parkedBySaga])?.verdict.status).not.toBe('quarantined');
  });

  it('spreads a bill payment over the bill\'s cost lines', () => {
    const result = given(invoiceFlow({ connection: C, projectId: P, invoiceId: '1008', lines: [duct, sealant], paid: 27_000_01 }));
    const paid = [result.rows.get(`acme:${P}/23-31-00/S`)?.paid, result.rows.get(`acme:${P}/23-31-00/M`)?.paid];
    expect(paid).toEqual([25_000_01, 2_000_00]);
  });

  it('drops a voided invoice and a voided commitment', () => {
    const flow = invoiceFlow({ connection: C, projectId: P, invoiceId: '1009', lines: [duct], outcome: 'none' });
    const voided: FlowEvent = { ...flow[1]!, id: 'void-1009', type: 'SubcontractorInvoiceVoided.v1' };
    const { rows } = given(flow, [voided], commitmentEvents(C, P, '786009', [duct], { voided: true }));
    expect(rows.get(`acme:${P}/23-31-00/S`)).toBeUndefined(); // every contribution was taken back
  });

  it('skips malformed events instead of throwing', () => {
    const junk: FlowEvent[] = [
      { id: 'j1', stream: `${C}.procore.subcontractor_invoice-x`, type: 'SubcontractorInvoiceApproved.v1', data: null, metadata: {} },
      { id: 'j2', stream: `${C}.procore.commitment-y`, type: 'CommitmentApproved.v1', data: { snapshot: { lines: 'nope' } }, metadata: {} },
      { id: 'j3', stream: 'weird', type: 'BillPosted.v1', data: 42, metadata: { processManager: 'x' } },
      { id: 'j4', stream: `${C}.quickbooks.bill_payment-1`, type: 'BillPaymentRecorded.v1', data: { snapshot: { appliedTo: [{ amount: 1.5 }] } }, metadata: {} },
    ];
    expect(() => given(junk)).not.toThrow();
  });
});

describe('allocate', () => {
  it('splits cents exactly, leftovers to the largest remainders', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(-10, [3, 7])).toEqual([-3, -7]);
    expect(allocate(5, [0, 0])).toEqual([0, 0]);
    expect(allocate(1_000_000_000_01, [1, 2]).reduce((a, b) => a + b, 0)).toBe(1_000_000_000_01);
  });
});
