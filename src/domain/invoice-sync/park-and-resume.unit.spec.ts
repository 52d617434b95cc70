import { describe, expect, it } from 'vitest';
import { EXAMPLE_MAPPING } from '../mapping/example-mapping.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import type { Cents } from '../shared/money.js';
import { CONTEXT, costLine, given, INVOICE, invoiceEvent, invoiceWith, play, REF } from './invoice-sync.fixtures.js';
import type { InvoiceSyncInput } from './invoice-sync.inputs.js';

const withControls = invoiceWith([...INVOICE.lines, costLine('5', '23-09-00', 'E', 'Controls test equipment', '1200.00')]);
const approved = invoiceEvent('Approved', 'v1', withControls);
const mappingChanged: InvoiceSyncInput = { type: 'MappingChanged.v1', data: { version: 2, changedAt: '2026-05-03T10:00:00Z' } };
const fixedMapping: CostCodeMapping = {
  ...EXAMPLE_MAPPING,
  rules: [...EXAMPLE_MAPPING.rules, { costCode: '23', costType: 'E', projectId: null, target: { kind: 'account', accountRef: { value: '64' } }, classRef: null, billable: null }],
};
const missingMessage = "Invoice NSM-1077 can't post: no mapping rule for cost code 23-09-00/E in project 2468013.";
const failuresOf = (outputs: readonly { type: string; data: object }[]) =>
  outputs.filter((o) => o.type === 'ValidationFailed.v1').map((o) => o.data as { field: string; message: string }).map((d) => `${d.field}: ${d.message}`);

describe('invoice sync: a missing mapping parks the invoice until the mapping is fixed', () => {
  it('given nothing, when an invoice with an unmapped cost code is approved, then MappingMissing names it and the invoice is parked', () => {
    expect(given([]).when(approved)).toEqual([
      { type: 'MappingMissing.v1', data: { invoice: REF, version: 'v1', costCodes: [{ costCode: '23-09-00', costType: 'E', lineIds: ['5'] }], jobMissingFor: null, message: missingMessage } },
      { type: 'DocumentSyncParked.v1', data: { document: REF, version: 'v1', reasons: ['mapping-missing'], message: missingMessage } },
    ]);
  });

  it('given it is parked, when the mapping changes but still misses the code, then nothing new is said', () => {
    expect(given(play([approved])).when(mappingChanged)).toEqual([]);
  });

  it('given it is parked, when the mapping is fixed, then it resumes by itself and posts', () => {
    const outputs = given(play([approved])).when(mappingChanged, { ...CONTEXT, mapping: fixedMapping });
    expect(outputs).toMatchObject([
      { type: 'DocumentSyncResumed.v1', data: { version: 'v1', cause: 'mapping-changed' } },
      { type: 'InvoiceValidated.v1' },
      { type: 'PostBillRequested.v1', data: { requestNo: 1, total: 6_588_000 } },
    ]);
    expect(outputs[2]?.type === 'PostBillRequested.v1' && outputs[2].data.lines[4]).toMatchObject({ accountRef: { value: '64' }, source: { costCode: '23-09-00' } });
  });

  it('names every unmapped code and a missing job in one message, and says when no mapping was imported', () => {
    const elsewhere = invoiceWith([costLine('1', '26-05-00', 'L', 'Electrical', '100.00'), costLine('2', '23-05-00', null, 'Misc', '50.00')], { projectId: '777' });
    const [missing] = given([]).when(invoiceEvent('Approved', 'v1', elsewhere));
    expect(missing).toMatchObject({ type: 'MappingMissing.v1', data: {
      jobMissingFor: '777',
      message: "Invoice NSM-1077 can't post: no mapping rule for cost codes 26-05-00/L, 23-05-00 (no cost type) in project 777; no Customer:Job for project 777.",
    } });
    const [none] = given([]).when(approved, { ...CONTEXT, mapping: null });
    expect(none?.type === 'MappingMissing.v1' && none.data.message).toMatch(/^Invoice NSM-1077 can't post: no mapping has been imported for this connection; no mapping rule for cost codes 23-31-00\/S, 23-31-00\/M/);
  });
});

describe('invoice sync: validation on approval parks the invoice, naming the field', () => {
  it('totals that do not add up', () => {
    const wrong = invoiceEvent('Approved', 'v1', { ...INVOICE, grossAmount: 7_300_000 as Cents, netAmount: 6_580_000 as Cents });
    const outputs = given([]).when(wrong);
    expect(failuresOf(outputs)).toEqual(["grossAmount: the lines sum to 72000.00 but the invoice's gross amount is 73000.00"]);
    expect(outputs.at(-1)).toEqual({ type: 'DocumentSyncParked.v1', data: {
      document: REF, version: 'v1', reasons: ['validation-failed'],
      message: "Invoice NSM-1077 can't post: grossAmount: the lines sum to 72000.00 but the invoice's gross amount is 73000.00.",
    } });
    const net = invoiceEvent('Approved', 'v1', { ...INVOICE, netAmount: 6_500_000 as Cents });
    expect(failuresOf(given([]).when(net))).toEqual(['netAmount: gross 72000.00 less retainage 7200.00 is 64800.00, not the net amount 65000.00']);
  });

  it('retainage inconsistent with the retainage percent (a cent of rounding is fine)', () => {
    const lines = INVOICE.lines.map((l, i) => (i === 2 ? { ...l, retainage: 90_000 as Cents } : i === 3 ? { ...l, retainage: 63_001 as Cents } : l));
    expect(failuresOf(given([]).when(invoiceEvent('Approved', 'v1', invoiceWith(lines))))).toEqual([
      'lines[2].retainage: retainage 900.00 on 23-33-00/S is not 10.00% of 8400.00 (840.00)',
    ]);
    const summed = invoiceEvent('Approved', 'v1', { ...INVOICE, retainageAmount: 700_000 as Cents, netAmount: 6_500_000 as Cents });
    expect(failuresOf(given([]).when(summed))).toEqual(["retainageAmount: the lines' retainage sums to 7200.00 but the invoice's retainage is 7000.00"]);
  });

  it('billing over the commitment, or on a cost code the commitment does not have', () => {
    const commitment = [
      { costCode: '23-31-00', costType: 'S', committed: 16_250_000 as Cents, billedBefore: 12_000_000 as Cents },
      { costCode: '23-31-00', costType: 'M', committed: 1_200_000 as Cents, billedBefore: 0 as Cents },
      { costCode: '23-33-00', costType: 'S', committed: 2_100_000 as Cents, billedBefore: 0 as Cents },
    ];
    expect(failuresOf(given([]).when(invoiceEvent('Approved', 'v1'), { ...CONTEXT, commitment }))).toEqual([
      'lines[0].amount: 23-31-00/S: billed to date 172500.00 (120000.00 before, 52500.00 on this invoice) exceeds the committed 162500.00',
      'lines[3].costCode: 23-37-00/S is not on the commitment',
    ]);
  });

  it('an invoice number too long for the books, and a vendor that cannot be known', () => {
    const odd = invoiceEvent('Approved', 'v1', { ...INVOICE, invoiceNumber: 'NSM-2026-04-PROGRESS-0002', vendorName: ' ' });
    expect(failuresOf(given([]).when(odd, { ...CONTEXT, vendorLink: null }))).toEqual([
      `invoiceNumber: "NSM-2026-04-PROGRESS-0002" is longer than the books' 21 characters for an invoice number`,
      'vendorName: the invoice names no vendor and none is linked in the books',
    ]);
  });

  it('given it is parked for validation, a revision with the same problem says nothing, a corrected one resumes and posts', () => {
    const wrong = { ...INVOICE, netAmount: 6_500_000 as Cents };
    const parked = play([invoiceEvent('Approved', 'v1', wrong)]);
    expect(given(parked).when(invoiceEvent('Revised', 'v2', wrong))).toEqual([]);
    expect(given(parked).when(invoiceEvent('Revised', 'v2')).map((o) => o.type)).toEqual(['DocumentSyncResumed.v1', 'InvoiceValidated.v1', 'PostBillRequested.v1']);
  });

  it('given it is parked over the commitment, a retry after the commitment grew resumes it', () => {
    const tight = { ...CONTEXT, commitment: INVOICE.lines.map((l) => ({ costCode: l.costCode, costType: l.costType, committed: 0 as Cents, billedBefore: 0 as Cents })) };
    const parked = play([invoiceEvent('Approved', 'v1')], tight);
    const retry: InvoiceSyncInput = { type: 'SyncRetryRequested.v1', data: { requestedBy: 'ap@keystone.example', requestedAt: '2026-05-04T08:00:00Z' } };
    expect(given(parked).when(retry, tight)).toEqual([]);
    expect(given(parked).when(retry, { ...tight, commitment: null })[0]).toMatchObject({ type: 'DocumentSyncResumed.v1', data: { cause: 'retry-requested' } });
  });
});
