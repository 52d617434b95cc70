import { describe, expect, it } from 'vitest';
import { EXAMPLE_MAPPING } from '../mapping/example-mapping.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import { billPosted, CONTEXT, given, invoiceEvent, play, REF } from './invoice-sync.fixtures.js';
import type { InvoiceSyncInput, MappingRemapApplied } from './invoice-sync.inputs.js';

const approved = invoiceEvent('Approved', 'v1');
const synced = play([approved, billPosted(1, '145', '3')]);
const TO_63: CostCodeMapping = {
  ...EXAMPLE_MAPPING,
  rules: EXAMPLE_MAPPING.rules.map((r, i) => (i === 0 ? { ...r, target: { kind: 'account', accountRef: { value: '63' } } } : r)),
};
const remap = (posted: MappingRemapApplied['data']['posted']): InvoiceSyncInput => ({
  type: 'MappingRemapApplied.v1',
  data: { version: 4, posted, changedBy: 'bookkeeper', changedAt: '2026-12-03T18:00:00Z', documents: [{ document: REF, version: 'v1', sagaStream: 'keystone.saga.invoice_sync-1280643' }] },
});

describe('invoice sync: a remap applied with "update posted"', () => {
  it('given a synced bill, rewrites it with the mapping in force: same bill, same version, the line on its new account', () => {
    const outputs = given(synced).when(remap('update'), { ...CONTEXT, mapping: TO_63 });
    expect(outputs).toMatchObject([{ type: 'UpdateBillRequested.v1', data: { requestNo: 2, version: 'v1', billId: '145', lastKnownSyncToken: '3' } }]);
    const lines = (outputs[0]!.data as unknown as { lines: Array<{ accountRef?: { value: string }; source: { lineId: string } | null }> }).lines;
    expect(lines.map((l) => [l.source?.lineId ?? 'retainage', l.accountRef?.value])).toEqual([['1', '63'], ['2', '62'], ['3', '61'], ['4', '61'], ['retainage', '34']]);
  });

  it('then the update\'s outcome syncs it again, and a second delivery of the remap asks for nothing more', () => {
    const stream = play([approved, billPosted(1, '145', '3'), remap('update')], (i) => (i === 2 ? { ...CONTEXT, mapping: TO_63 } : CONTEXT));
    const done: InvoiceSyncInput = { type: 'BillUpdated.v1', data: { requestNo: 2, billId: '145', syncToken: '4' } };
    expect(given(stream).when(done).map((o) => o.type)).toEqual(['InvoiceSynced.v1']);
  });

  it('does nothing to an invoice not synced (in flight: it posts with the mapping in force when drafted)', () => {
    expect(given(play([approved])).when(remap('update'), { ...CONTEXT, mapping: TO_63 })).toEqual([]);
  });

  it('a change that leaves a line without a rule parks the invoice, naming the cost code', () => {
    const noSubs: CostCodeMapping = { ...EXAMPLE_MAPPING, rules: EXAMPLE_MAPPING.rules.filter((r) => r.costType !== 'S') };
    const outputs = given(synced).when(remap('update'), { ...CONTEXT, mapping: noSubs });
    expect(outputs.map((o) => o.type)).toEqual(['MappingMissing.v1', 'DocumentSyncParked.v1']);
  });
});
