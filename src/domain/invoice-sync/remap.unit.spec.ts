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

  it('asks nothing while a request is out: one request at a time', () => {
    expect(given(play([approved])).when(remap('update'), { ...CONTEXT, mapping: TO_63 })).toEqual([]);
  });

  const accountsOf = (output: { data: unknown } | undefined) =>
    (output!.data as { lines: Array<{ accountRef?: { value: string }; source: { lineId: string } | null }> }).lines.map((l) => [l.source?.lineId ?? 'retainage', l.accountRef?.value]);
  const newMapping = (from: number) => (i: number) => (i >= from ? { ...CONTEXT, mapping: TO_63 } : CONTEXT);

  it('redoes a remap that came while the first post was out, once the bill it drafted under the old mapping lands', () => {
    // PostBill drafted under the old mapping (line 1 on 61); the remap arrives before its outcome.
    const stream = play([approved, remap('update')], newMapping(1));
    expect(accountsOf(stream.find((e) => e.type === 'PostBillRequested.v1'))[0]).toEqual(['1', '61']);
    const outputs = given(stream).when(billPosted(1, '145', '0'), { ...CONTEXT, mapping: TO_63 });
    expect(outputs.map((o) => o.type)).toEqual(['InvoiceSynced.v1', 'UpdateBillRequested.v1']);
    expect(outputs[1]).toMatchObject({ data: { requestNo: 2, billId: '145', lastKnownSyncToken: '0', version: 'v1' } });
    expect(accountsOf(outputs[1])[0]).toEqual(['1', '63']);
  });

  it('redoes it after an update in flight (a revision) lands, and only once', () => {
    const revised = invoiceEvent('Revised', 'v2');
    const stream = play([approved, billPosted(1, '145', '0'), revised, remap('update')], newMapping(3));
    expect(stream.at(-1)?.type).toBe('MappingRemapApplied.v1');
    const landed = play([...[approved, billPosted(1, '145', '0'), revised, remap('update')], { type: 'BillUpdated.v1', data: { requestNo: 2, billId: '145', syncToken: '1' } }], newMapping(3));
    const after = landed.slice(landed.findIndex((e) => e.type === 'BillUpdated.v1') + 1);
    expect(after.map((e) => e.type)).toEqual(['InvoiceSynced.v1', 'UpdateBillRequested.v1']);
    expect(accountsOf(after[1])[0]).toEqual(['1', '63']);
    // The rewrite's own outcome syncs it, with nothing more to redo.
    expect(given(landed).when({ type: 'BillUpdated.v1', data: { requestNo: 3, billId: '145', syncToken: '2' } }, { ...CONTEXT, mapping: TO_63 }).map((o) => o.type)).toEqual(['InvoiceSynced.v1']);
  });

  it('does not redo a remap whose documents were left as posted, nor one that came when nothing was out', () => {
    const left = play([approved, remap('leave')], newMapping(1));
    expect(given(left).when(billPosted(1, '145', '0'), { ...CONTEXT, mapping: TO_63 }).map((o) => o.type)).toEqual(['InvoiceSynced.v1']);
    const done = play([approved, billPosted(1, '145', '0'), remap('update'), { type: 'BillUpdated.v1', data: { requestNo: 2, billId: '145', syncToken: '1' } }], newMapping(2));
    expect(done.slice(-2).map((e) => e.type)).toEqual(['BillUpdated.v1', 'InvoiceSynced.v1']);
  });

  it('a change that leaves a line without a rule parks the invoice, naming the cost code', () => {
    const noSubs: CostCodeMapping = { ...EXAMPLE_MAPPING, rules: EXAMPLE_MAPPING.rules.filter((r) => r.costType !== 'S') };
    const outputs = given(synced).when(remap('update'), { ...CONTEXT, mapping: noSubs });
    expect(outputs.map((o) => o.type)).toEqual(['MappingMissing.v1', 'DocumentSyncParked.v1']);
  });
});
