import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_REQUISITIONS } from '../../sandbox/sample/sample-project.js';
import { eventually, startTrestleHarness, type TrestleHarness } from './support/trestle-harness.js';

type Bill = { Id: string; DocNumber?: string; SyncToken: string; MetaData: { LastUpdatedTime: string } };

/**
 * QuickBooks keeps MetaData.LastUpdatedTime (and the legacy webhook's lastUpdated) to the
 * second. The QuickBooks sandbox's clock is held at the second of the hub's own write while a
 * bookkeeper edits the bill, so the edit's notice carries the same time as the hub's write:
 * only the version (SyncToken) can tell the two apart.
 */
describe('hand edits in the same second as the hub\'s own write (hub + sandboxes over HTTP)', () => {
  let h: TrestleHarness;
  let heldAt: Date | undefined;
  const [req1] = SAMPLE_REQUISITIONS;

  beforeAll(async () => {
    h = await startTrestleHarness({ demo: { quickBooksNow: () => heldAt ?? new Date() } });
    h.procore.state.approveCommitment(786001);
  });
  afterAll(async () => h?.close());

  const billStream = (id: string) => `demo.quickbooks.bill-${id}`;

  it('records the edit, and the echo of the hub\'s write as nothing', async () => {
    h.procore.state.submitRequisition(Number(req1!.id));
    h.procore.state.approveRequisition(Number(req1!.id));
    await eventually('the saga to record the bill', async () =>
      (await h.store.readStream(`demo.saga.invoice_sync-${req1!.id}`)).some((e) => e.type === 'InvoiceSynced.v1'), 60_000);
    const posted = (h.quickbooks.company().list('Bill') as unknown as Bill[]).find((b) => b.DocNumber === req1!.invoiceNumber)!;

    heldAt = new Date(Date.parse(posted.MetaData.LastUpdatedTime));
    let edited: Bill;
    try {
      edited = h.quickbooks.company().editBillLine(posted.Id, 44000) as unknown as Bill;
    } finally {
      heldAt = undefined;
    }
    // The precondition that made the old time-based check miss the edit: one second, two versions.
    expect(edited.MetaData.LastUpdatedTime).toBe(posted.MetaData.LastUpdatedTime);
    expect(Number(edited.SyncToken)).toBeGreaterThan(Number(posted.SyncToken));

    const events = await eventually('the hand edit to be recorded', async () => {
      const found = await h.store.readStream(billStream(posted.Id));
      return found.length > 0 ? found : undefined;
    }, 60_000);
    // Webhooks arrive in order and the inbox is processed in order: the create's notice came
    // first and, being the version the hub wrote, appended nothing.
    expect(events.map((e) => e.type)).toEqual(['BooksObjectEditedByHand.v1']);
    expect(events[0]!.data).toMatchObject({ snapshot: { entity: 'Bill', id: posted.Id, totalAmount: 4_400_000 } });
  });
});
