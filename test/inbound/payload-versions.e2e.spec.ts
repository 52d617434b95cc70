import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxStream } from '../../src/adapters/pipeline/inbound/inbox/inbox-events.js';
import { eventsOf, startInboundHarness, type InboundHarness } from './support/inbound-harness.js';

/**
 * The other payload shapes, as the sandboxes send them: Procore v4 (string ids, reason) and
 * Intuit's legacy format; and the poll on its own timer (every second here).
 */
describe('Procore v4 and QuickBooks legacy deliveries, and the timed poll, end to end', () => {
  let h: InboundHarness;

  beforeAll(async () => {
    h = await startInboundHarness({ procorePayload: 'v4', quickBooksFormat: 'legacy', polling: true, firstPollDelayMs: 3000, pollSeconds: 1 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('records a commitment change order approved in Procore from a v4 delivery', async () => {
    h.sandboxes.procore.state.approveChangeOrder(91001);
    const [event] = await eventsOf(h.store, 'demo.procore.commitment_change_order-91001');
    expect(event).toMatchObject({ type: 'CommitmentChangeOrderApproved.v1', data: { snapshot: {
      kind: 'commitment', projectId: '2468013', contractId: '786001', status: 'approved', total: 1_250_000,
      lines: [{ costCode: '23-31-00', costType: 'S', amount: 1_250_000, retainage: 0 }],
    } } });
    const [notice] = await h.store.readStream(inboxStream('demo', 'procore'));
    expect(notice).toMatchObject({ type: 'ProcoreWebhookReceived.v1', data: { resource: 'Commitment Change Orders', resourceId: '91001', action: 'update', raw: { reason: 'update' } } });
  });

  it('records a bill payment announced in the legacy format', async () => {
    const company = h.sandboxes.quickbooks.company();
    const bill = company.write('Bill', { VendorRef: { value: '47' }, Line: [{ Amount: 400, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: '61' } } }] });
    const paid = company.payBill(String(bill.Id), 400);
    const [event] = await eventsOf(h.store, `demo.quickbooks.bill_payment-${String(paid.Id)}`);
    expect(event).toMatchObject({ type: 'BillPaymentRecorded.v1', data: { snapshot: { counterpartyId: '47', totalAmount: 40_000 } } });
    const inbox = await h.store.readStream(inboxStream('demo', 'quickbooks'));
    expect(inbox.find((e) => (e.data as { resource: string }).resource === 'BillPayment')?.data).toMatchObject({ action: 'create', raw: { realmId: h.sandboxes.endpoints.quickbooks.realmId } });
    // A bill nobody marked as the hub's is not followed.
    expect(await h.store.readStream(`demo.quickbooks.bill-${String(bill.Id)}`)).toEqual([]);
  });

  it('finds a change whose webhook was dropped on the next timed poll', async () => {
    h.sandboxes.procore.faults.addWebhookFault({ kind: 'drop', count: 1 });
    h.sandboxes.procore.state.approveChangeOrder(91002);
    const [event] = await eventsOf(h.store, 'demo.procore.commitment_change_order-91002', 1, 30_000);
    expect(event).toMatchObject({ type: 'CommitmentChangeOrderApproved.v1', data: { snapshot: { status: 'approved', total: 420_000 } } });
    const [notice] = (await h.store.readStream(inboxStream('demo', 'procore'))).filter((e) => (e.data as { resourceId: string }).resourceId === '91002');
    expect(notice?.type).toBe('ProcoreChangePolled.v1');
  });
});
