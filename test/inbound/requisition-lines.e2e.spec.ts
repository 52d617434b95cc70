import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubcontractorInvoiceSnapshot } from '../../src/domain/documents/snapshots.js';
import { eventsOf, startInboundHarness, type InboundHarness } from './support/inbound-harness.js';

const COMMITMENT = 786001;
/** More G703 rows than one page of the hub's item reads (per_page 100). */
const EXTRA_LINES = 130;

/**
 * Facts §5.9: the plain requisition read carries no `items`; the hub reads the G703 rows
 * through the item endpoints and pages through all of them.
 */
describe('Procore requisition lines over HTTP against the strict sandbox', () => {
  let h: InboundHarness;

  beforeAll(async () => {
    h = await startInboundHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('records every line of a requisition with more lines than one page, amounts and retainage exact', async () => {
    const { state } = h.sandboxes.procore;
    const commitment = state.store.commitments.get(COMMITMENT)!;
    const template = commitment.lines[0]!;
    for (let i = 0; i < EXTRA_LINES; i++) {
      commitment.lines.push({ id: 78_690_000 + i, wbsCodeId: template.wbsCodeId, description: `Extra scope ${i + 1}`, amountCents: 100_000, position: 100 + i });
    }
    state.approveCommitment(COMMITMENT);
    // Each extra line billed 100.00 + i cents, so a dropped or doubled page changes the sum.
    const lines = commitment.lines.slice(-EXTRA_LINES).map((l, i) => ({ lineItemId: l.id, amount: `${100 + Math.floor(i / 100)}.${String(i % 100).padStart(2, '0')}` }));
    const requisition = state.createRequisition(COMMITMENT, { lines });
    state.approveRequisition(requisition.id);

    const stream = `demo.procore.subcontractor_invoice-${requisition.id}`;
    const [event] = await eventsOf(h.store, stream, 1, 60_000);
    const snapshot = (event?.data as { snapshot: SubcontractorInvoiceSnapshot }).snapshot;
    expect(event?.type).toBe('SubcontractorInvoiceApproved.v1');
    expect(snapshot.lines).toHaveLength(commitment.lines.length);
    expect(new Set(snapshot.lines.map((l) => l.lineId)).size).toBe(commitment.lines.length);
    const expectedGross = lines.reduce((sum, l) => sum + Math.round(Number(l.amount) * 100), 0);
    expect(snapshot.grossAmount).toBe(expectedGross);
    const billed = snapshot.lines.filter((l) => l.amount > 0);
    expect(billed).toHaveLength(EXTRA_LINES);
    expect(billed.every((l) => l.costCode === '23-31-00' && l.costType === 'S')).toBe(true);
    expect(snapshot.retainageAmount).toBe(snapshot.lines.reduce((sum, l) => sum + l.retainage, 0));
    expect(snapshot.retainageAmount).toBeGreaterThan(0);
  });
});
