import { describe, expect, it } from 'vitest';
import type { CommitmentPoMemory } from '../commitments/commitment-po.state.js';
import type { CostLine } from '../documents/snapshots.js';
import type { OwnerInvoiceMemory } from '../owner-invoices/owner-invoice.state.js';
import type { Cents } from '../shared/money.js';
import type { TimecardDoc } from '../timecards/timecard.state.js';
import { EXAMPLE_MAPPING } from '../mapping/example-mapping.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import { mappingAfterChanges, parseRemapChanges } from '../mapping/preview-changes.js';
import type { RemapDocument } from './preview-documents.js';
import { previewRemap } from './preview-remap.js';

const HVAC = '200000000000000123';
const PLUMBING = '200000000000000122';
const ref = (type: 'commitment' | 'owner_invoice' | 'timecard' | 'commitment_change_order', externalId: string) =>
  ({ connection: 'keystone', source: 'procore' as const, type, externalId });
const line = (lineId: string, costCode: string, costType: string, amount: number, retainage = 0): CostLine =>
  ({ lineId, costCode, costType, description: `${costCode} work`, amount: amount as Cents, retainage: retainage as Cents });

/** The sample mapping with owner-billing items (Progress Billing 21, Retainage 22), as the sample YAML sets them. */
const MAPPING: CostCodeMapping = {
  ...EXAMPLE_MAPPING,
  settings: { ...EXAMPLE_MAPPING.settings, ownerBilling: { progressItemRef: { value: '21' }, retainageItemRef: { value: '22' } } },
};
const changed = (changes: unknown[]): CostCodeMapping => {
  const parsed = parseRemapChanges({ changes });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return mappingAfterChanges({ status: 'Active', version: 3, mapping: MAPPING }, parsed.rules, { changedBy: 'bookkeeper', now: '2026-12-03T18:00:00Z' })!;
};
const SUBS_TO_63 = { costCode: '23-31-00', costType: 'S', account: '63', class: PLUMBING };
const LABOUR_TO_11 = { costCode: '23-05-00', costType: 'L', item: '11', class: PLUMBING };

/** WO-001: 150,000.00 + 12,000.00 + 21,000.00, and an approved change order adding 12,500.00 on 23-31-00/S. */
const purchaseOrder = (posted = true): RemapDocument => {
  const snapshot = {
    projectId: '2468013', kind: 'work_order' as const, vendorId: '5521', vendorName: 'Northwind Sheet Metal LLC', number: 'WO-001', title: 'Ductwork',
    status: 'approved' as const, retainagePercent: '10.00', total: 18_300_000 as Cents, updatedAt: 'v1',
    lines: [line('a', '23-31-00', 'S', 15_000_000), line('b', '23-31-00', 'M', 1_200_000), line('c', '23-33-00', 'S', 2_100_000)],
  };
  const doc = { ref: ref('commitment', '786001'), version: 'v1', snapshot, phase: 'approved' as const, approvedOn: '2026-02-11' };
  const changeOrders = { '91001': { ref: ref('commitment_change_order', '91001'), number: 'CCO-001', version: 'c1', lines: [line('d', '23-31-00', 'S', 1_250_000)] } };
  // Only what the preview reads: the commitment and the change orders in force.
  const memory = { doc, changeOrders } as unknown as CommitmentPoMemory;
  return { kind: 'purchase-order', doc, memory, posted: posted ? { entity: 'PurchaseOrder', id: '901' } : null, sagaStream: 'keystone.saga.commitment_po-786001' };
};

/** KM-PA-01: 58,000.00 on 23-31-00/S with 5,800.00 retained, 3,000.00 of labour billed, no retainage on it. */
const ownerInvoice = (released = 0): RemapDocument => {
  const snapshot = {
    projectId: '2468013', primeContractId: '640001', ownerName: 'Harbor Point Builders', number: '1', invoiceNumber: 'KM-PA-01', status: 'approved' as const,
    billingDate: '2026-03-31', periodStart: null, periodEnd: null, lines: [line('p1', '23-31-00', 'S', 5_800_000, 580_000), line('p2', '23-05-00', 'L', 300_000)],
    grossAmount: 6_100_000 as Cents, retainageRetained: 580_000 as Cents, retainageReleased: released as Cents, netAmount: (5_520_000 + released) as Cents, updatedAt: 'v1',
  };
  const memory = {
    doc: { ref: ref('owner_invoice', '3301'), version: 'v1', snapshot, phase: 'approved' as const, change: 'approved' as const },
    heldAfter: 580_000 as Cents, carried: [], retainageApplied: 580_000 as Cents,
  } as unknown as OwnerInvoiceMemory;
  return { kind: 'owner-invoice', memory, posted: { entity: 'Invoice', id: '130' }, sagaStream: 'keystone.saga.owner_invoice-3301' };
};

const timecard = (id: string, hours: string, costRate: string | null): RemapDocument => {
  const doc: TimecardDoc = {
    ref: ref('timecard', id), version: 'v1', phase: 'approved',
    snapshot: { projectId: '2468013', employeeId: '7788', employeeName: 'Dana Ortiz', date: '2026-03-02', hours, costCode: '23-05-00', costType: 'L', description: 'Pads', approvalStatus: 'approved', billable: false, updatedAt: 'v1' },
  };
  return { kind: 'timecard', doc, costRate, posted: { entity: 'TimeActivity', id: `t${id}` }, sagaStream: `keystone.saga.timecard_sync-${id}` };
};

describe('remap preview of purchase orders, owner invoices and timecards (pure)', () => {
  it('moves a PO cell (the commitment line plus its change order) to the new account and class', () => {
    const preview = previewRemap([purchaseOrder()], MAPPING, changed([SUBS_TO_63]));
    expect(preview.changes).toEqual([expect.objectContaining({
      label: 'Purchase order WO-001 (Northwind Sheet Metal LLC)', lineId: 'a', costCode: '23-31-00', costType: 'S', posted: true,
      before: expect.objectContaining({ target: { kind: 'account', ref: expect.objectContaining({ value: '61' }) }, classRef: expect.objectContaining({ value: HVAC }), amount: 16_250_000 }),
      after: expect.objectContaining({ target: { kind: 'account', ref: expect.objectContaining({ value: '63' }) }, classRef: expect.objectContaining({ value: PLUMBING }), amount: 16_250_000 }),
    })]);
    const total = (key: string) => preview.byAccount.find((t) => t.key === key);
    expect(total('account 61')).toMatchObject({ before: 16_250_000 + 2_100_000, after: 2_100_000 });
    expect(total('account 63')).toMatchObject({ before: 0, after: 16_250_000 });
    expect(total('account 62')).toMatchObject({ before: 1_200_000, after: 1_200_000 });
    expect(preview.changedDocuments).toEqual([expect.objectContaining({ kind: 'purchase-order', entity: 'PurchaseOrder', posted: true, wouldPark: false, rewrittenOnUpdate: true })]);
  });

  it('moves owner invoice work to the item its cost code now names, net of retainage; an account rule only changes the class', () => {
    const toItem = previewRemap([ownerInvoice()], MAPPING, changed([LABOUR_TO_11]));
    expect(toItem.changes.map((c) => [c.lineId, c.before?.target, c.after?.target, c.after?.amount])).toEqual([
      ['p2', { kind: 'item', ref: { value: '12', name: 'HVAC Labor' } }, { kind: 'item', ref: { value: '11' } }, 300_000],
    ]);
    const classOnly = previewRemap([ownerInvoice()], MAPPING, changed([SUBS_TO_63]));
    expect(classOnly.changes.map((c) => [c.lineId, c.before?.target, c.after?.target, c.before?.classRef?.value, c.after?.classRef?.value, c.after?.amount])).toEqual([
      ['p1', { kind: 'item', ref: { value: '21' } }, { kind: 'item', ref: { value: '21' } }, HVAC, PLUMBING, 5_800_000 - 580_000],
    ]);
    expect(classOnly.byAccount.find((t) => t.key === 'item 21')).toMatchObject({ before: 5_220_000, after: 5_220_000 });
  });

  it('keeps a retainage release on the retainage item whatever the rules say', () => {
    const preview = previewRemap([ownerInvoice(100_000)], MAPPING, changed([LABOUR_TO_11]));
    expect(preview.byAccount.find((t) => t.key === 'item 22')).toMatchObject({ before: 100_000, after: 100_000 });
    expect(preview.changes.map((c) => c.lineId)).toEqual(['p2']);
  });

  it('costs timecards at the rate the saga used and moves them to the new service item; an account leaves them unmapped and parked', () => {
    const entries = [timecard('990100', '8.00', '48.00'), timecard('990101', '7.50', '44.00'), timecard('990102', '7.50', null)];
    const preview = previewRemap(entries, MAPPING, changed([LABOUR_TO_11]));
    // 8 h x 48.00 = 384.00; 7.5 h x 44.00 = 330.00; an uncosted entry counts 0 but still moves.
    expect(preview.changes.map((c) => [c.lineId, c.before?.target, c.after?.target, c.after?.amount])).toEqual([
      ['990100', { kind: 'item', ref: { value: '12', name: 'HVAC Labor' } }, { kind: 'item', ref: { value: '11' } }, 38_400],
      ['990101', { kind: 'item', ref: { value: '12', name: 'HVAC Labor' } }, { kind: 'item', ref: { value: '11' } }, 33_000],
      ['990102', { kind: 'item', ref: { value: '12', name: 'HVAC Labor' } }, { kind: 'item', ref: { value: '11' } }, 0],
    ]);
    expect(preview.byAccount.find((t) => t.key === 'item 12')).toMatchObject({ before: 71_400, after: 0 });
    const toAccount = previewRemap(entries.slice(0, 1), MAPPING, changed([{ costCode: '23-05-00', costType: 'L', account: '63' }]));
    expect(toAccount.changes[0]?.after?.target).toEqual({ kind: 'unmapped' });
    expect(toAccount.changedDocuments).toEqual([expect.objectContaining({ kind: 'timecard', entity: 'TimeActivity', wouldPark: true, rewrittenOnUpdate: true })]);
  });

  it('counts every kind in the documents replayed and leaves what a change does not touch alone', () => {
    const all = [purchaseOrder(false), ownerInvoice(), timecard('990100', '8.00', '48.00')];
    const preview = previewRemap(all, MAPPING, changed([{ costCode: '01', account: '64' }]));
    expect(preview).toMatchObject({ documents: 3, posted: 2, changes: [], changedDocuments: [] });
  });
});
