/**
 * Test data for the invoice-sync specs: the sample project's invoice NSM-1077 (requisition
 * 1280643, 4 lines across 3 cost codes, 10% retainage) and a tiny given/when harness.
 */
import type { SubcontractorInvoiceEvent } from '../documents/document-events.js';
import type { DocumentRef } from '../documents/document-ref.js';
import type { CostLine, SubcontractorInvoiceSnapshot } from '../documents/snapshots.js';
import { EXAMPLE_MAPPING } from '../mapping/example-mapping.js';
import { parseMoney, percentOf, sumBy, subtractMoney } from '../shared/money.js';
import { decideInvoiceSync } from './decide-invoice-sync.js';
import { evolveInvoiceSync } from './evolve-invoice-sync.js';
import type { InvoiceSyncContext, InvoiceSyncInput } from './invoice-sync.inputs.js';
import type { InvoiceSyncEvent, InvoiceSyncState } from './invoice-sync.state.js';
import { initialInvoiceSyncState } from './invoice-sync.state.js';

export const REF: DocumentRef = { connection: 'keystone', source: 'procore', type: 'subcontractor_invoice', externalId: '1280643' };

export const costLine = (lineId: string, costCode: string, costType: string | null, description: string, amount: string): CostLine => ({
  lineId, costCode, costType, description, amount: parseMoney(amount), retainage: percentOf(parseMoney(amount), '10.00'),
});

/** Totals computed from the lines, as Procore reports them. */
export const invoiceWith = (lines: readonly CostLine[], changes: Partial<SubcontractorInvoiceSnapshot> = {}): SubcontractorInvoiceSnapshot => {
  const grossAmount = sumBy(lines, (l) => l.amount);
  const retainageAmount = sumBy(lines, (l) => l.retainage);
  return {
    projectId: '2468013', commitmentId: '786001', vendorId: '5521', vendorName: 'Northwind Sheet Metal LLC', number: '2', invoiceNumber: 'NSM-1077',
    status: 'approved', billingDate: '2026-04-30', periodStart: '2026-04-01', periodEnd: '2026-04-30', lines,
    grossAmount, retainageAmount, netAmount: subtractMoney(grossAmount, retainageAmount), retainagePercent: '10.00', updatedAt: '2026-05-02T15:04:05Z',
    ...changes,
  };
};

export const INVOICE = invoiceWith([
  costLine('1', '23-31-00', 'S', 'Supply and return ductwork', '52500.00'),
  costLine('2', '23-31-00', 'M', 'Duct sealant and hangers', '4800.00'),
  costLine('3', '23-33-00', 'S', 'Dampers and access doors', '8400.00'),
  costLine('4', '23-37-00', 'S', 'Diffusers, registers, grilles', '6300.00'),
]);

type Change = 'Submitted' | 'Approved' | 'Revised' | 'Voided';
export const invoiceEvent = (change: Change, version: string, snapshot: SubcontractorInvoiceSnapshot = INVOICE): SubcontractorInvoiceEvent => ({
  type: `SubcontractorInvoice${change}.v1`,
  data: { ref: REF, version, observedAt: '2026-05-02T15:05:00Z', snapshot, raw: {} },
} as SubcontractorInvoiceEvent);

export const NORTHWIND = { value: '46', name: 'Northwind Sheet Metal LLC' } as const;
export const JOB = { value: '59', name: '2026-014 Riverside Medical Office' } as const;

export const CONTEXT: InvoiceSyncContext = { mapping: EXAMPLE_MAPPING, vendorLink: NORTHWIND, jobLink: null, commitment: null };

export const fold = (events: readonly InvoiceSyncEvent[]): InvoiceSyncState => events.reduce(evolveInvoiceSync, initialInvoiceSyncState);

/**
 * Plays inputs through decide and evolve as the runner would, returning the saga's stream:
 * each input followed by its outputs. `context` may differ per input.
 */
export const play = (inputs: readonly InvoiceSyncInput[], context: InvoiceSyncContext | ((i: number) => InvoiceSyncContext) = CONTEXT): InvoiceSyncEvent[] =>
  inputs.reduce<InvoiceSyncEvent[]>((stream, input, i) => {
    const ctx = typeof context === 'function' ? context(i) : context;
    return [...stream, input, ...decideInvoiceSync(input, fold(stream), ctx)];
  }, []);

export const given = (stream: readonly InvoiceSyncEvent[]) => ({
  when: (input: InvoiceSyncInput, ctx: InvoiceSyncContext = CONTEXT) => decideInvoiceSync(input, fold(stream), ctx),
  state: () => fold(stream),
});

export const billPosted = (requestNo: number, billId = '145', syncToken = '0'): InvoiceSyncInput =>
  ({ type: 'BillPosted.v1', data: { requestNo, billId, syncToken, docNumber: 'NSM-1077' } });
