import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PROJECT, SAMPLE_REQUISITIONS } from '../../sandbox/sample/sample-project.js';
import { requisitionLedger } from '../../sandbox/procore/data/ledger.js';
import type { ProcoreSandbox } from '../../sandbox/procore/index.js';
import { eventually, startTrestleHarness, type TrestleHarness } from './support/trestle-harness.js';

type Row = { costCode: string; costType: string; invoiced: string; retainageHeld: string; retainageReleased: string; retainagePaid: string; status: string };
type Sums = Map<string, number>;

const COMMITMENT = 786001;
const cents = (decimal: string) => Math.round(Number(decimal) * 100);
const add = (sums: Sums, key: string, amount: number) => sums.set(key, (sums.get(key) ?? 0) + amount);

/**
 * Retainage per cost key from the Procore sandbox's own records: each approved requisition
 * line retains its commitment's percent (rounded per line, Procore's rule) and releases what
 * its line says; held is retained less released.
 */
const retainageSums = (procore: ProcoreSandbox): { retained: Sums; released: Sums } => {
  const s = procore.state.store;
  const retained: Sums = new Map();
  const released: Sums = new Map();
  for (const r of s.requisitions.values()) {
    if (r.status !== 'approved' || r.deletedAt !== null) continue;
    const commitment = s.commitments.get(r.commitmentId)!;
    for (const item of r.items) {
      const wbs = s.wbsCodes.get(commitment.lines.find((l) => l.id === item.contractLineId)!.wbsCodeId)!;
      const key = `${s.costCodes.get(wbs.costCodeId)!.fullCode}/${s.lineItemTypes.get(wbs.lineItemTypeId)!.code}`;
      add(retained, key, Math.sign(item.thisPeriodCents) * Math.round(Math.abs(item.thisPeriodCents) * commitment.retainageRate / 10_000));
      add(released, key, item.releasedCents ?? 0);
    }
  }
  return { retained, released };
};

type Bill = { DocNumber?: string; TotalAmt: number | string; Balance: number | string; PrivateNote?: string };

/** One requisition's work, retainage withheld and retainage released this period, from the sandbox's records. */
const periodOf = (procore: ProcoreSandbox, requisitionId: number): { work: number; withheld: number; released: number } => {
  const s = procore.state.store;
  const r = s.requisitions.get(requisitionId)!;
  const rate = s.commitments.get(r.commitmentId)!.retainageRate;
  return r.items.reduce((p, item) => ({
    work: p.work + item.thisPeriodCents,
    withheld: p.withheld + Math.sign(item.thisPeriodCents) * Math.round(Math.abs(item.thisPeriodCents) * rate / 10_000),
    released: p.released + (item.releasedCents ?? 0),
  }), { work: 0, withheld: 0, released: 0 });
};

describe('retainage held on two requisitions, released on a later one (hub + sandboxes over HTTP)', () => {
  let h: TrestleHarness;
  const rows = async (): Promise<Row[]> => {
    const response = await fetch(`${h.url}/finance/reconciliation?connection=demo&project=${SAMPLE_PROJECT.id}&pageSize=500`, { headers: { 'x-api-key': h.key('finance') } });
    return response.ok ? ((await response.json()) as { items: Row[] }).items : [];
  };
  const duct = async () => (await rows()).find((r) => r.costCode === '23-31-00' && r.costType === 'S');

  beforeAll(async () => {
    h = await startTrestleHarness();
    h.procore.state.approveCommitment(COMMITMENT);
    // NSM-1041 and NSM-1077 retain 10% on the ductwork line (the back-charge credit gives a little back).
    for (const requisition of SAMPLE_REQUISITIONS.filter((r) => Number(r.commitmentId) === COMMITMENT)) {
      h.procore.state.submitRequisition(Number(requisition.id));
      h.procore.state.approveRequisition(Number(requisition.id));
    }
    await eventually('the retainage of the first requisitions', async () => cents((await duct())?.retainageHeld ?? '0') > 0, 60_000);
  });
  afterAll(async () => h?.close());

  it('holds what was retained less what was released, and shows the release, per cost code as the sandbox sums them', async () => {
    const before = retainageSums(h.procore);
    const heldOnDuct = before.retained.get('23-31-00/S')!;
    expect(heldOnDuct).toBeGreaterThan(0);
    // A later requisition bills 1,000.00 more and releases all but 1,000.00 of what the ductwork line holds.
    const lineItemId = h.procore.state.store.commitments.get(COMMITMENT)!.lines[0]!.id;
    const release = h.procore.state.createRequisition(COMMITMENT, {
      invoiceNumber: 'NSM-1120', lines: [{ lineItemId, amount: '1000.00', retainageReleased: ((heldOnDuct - 100_000) / 100).toFixed(2) }],
    });
    h.procore.state.submitRequisition(release.id);
    h.procore.state.approveRequisition(release.id);

    const { retained, released } = retainageSums(h.procore);
    expect(released.get('23-31-00/S')).toBe(heldOnDuct - 100_000);
    const row = await eventually('the release on the ductwork row', async () => {
      const r = await duct();
      return r && cents(r.retainageReleased) > 0 ? r : undefined;
    }, 60_000);
    expect([cents(row.retainageHeld), cents(row.retainageReleased), cents(row.retainagePaid)])
      .toEqual([retained.get('23-31-00/S')! - released.get('23-31-00/S')!, released.get('23-31-00/S'), 0]);
    expect(row.retainageReleased).toMatch(/^\d+\.\d{2}$/);
    // The release requisition passes validation (its retainage is net of the release) and reaches the books.
    const bill = await eventually('the release requisition in the books', () =>
      (h.quickbooks.company().list('Bill') as unknown as Bill[]).find((b) => b.DocNumber === 'NSM-1120'), 60_000);
    // Procore's net due for the period, from the sandbox's requisition: work less withheld plus released.
    const period = periodOf(h.procore, release.id);
    expect(period.released).toBe(heldOnDuct - 100_000);
    const netDue = period.work - period.withheld + period.released;
    expect(netDue).toBe(requisitionLedger(h.procore.state.store, h.procore.state.store.requisitions.get(release.id)!).currentDueCents);
    // The sample mapping is gross-open: the bill carries the period's work at gross and leaves this
    // period's retainage open on it; the released retainage is payable on the earlier bills that hold
    // it open, so this bill carries no release line (one would count it twice in payables).
    expect(cents(String(bill.TotalAmt))).toBe(period.work);
    // So the net due is this bill less what it holds open plus what the earlier bills release.
    expect(cents(String(bill.TotalAmt)) - period.withheld + period.released).toBe(netDue);
    expect(bill.PrivateNote).toContain(`Retainage ${(period.released / 100).toFixed(2)} released on commitment ${COMMITMENT}`);
    expect(bill.PrivateNote).toContain(`Retainage ${(period.withheld / 100).toFixed(2)} held`);
    expect(bill.PrivateNote).not.toMatch(/Retainage -\d/);
    // What the earlier bills hold open covers the release.
    const earlier = (h.quickbooks.company().list('Bill') as unknown as Bill[]).filter((b) => ['NSM-1041', 'NSM-1077'].includes(b.DocNumber ?? ''));
    expect(earlier.length).toBe(2);
    expect(earlier.reduce((sum, b) => sum + cents(String(b.Balance)), 0)).toBeGreaterThanOrEqual(period.released);
    expect((await eventually('the ductwork row in sync', async () => ((await duct())?.status === 'in_sync' ? duct() : undefined), 60_000))?.status).toBe('in_sync');
    // Lines that released nothing hold what they retained.
    for (const r of (await rows()).filter((x) => x !== undefined && `${x.costCode}/${x.costType}` !== '23-31-00/S')) {
      const key = `${r.costCode}/${r.costType}`;
      expect([key, cents(r.retainageHeld), cents(r.retainageReleased)]).toEqual([key, retained.get(key) ?? 0, 0]);
    }
  });
});
