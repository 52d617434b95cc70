import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxStream } from '../../src/adapters/pipeline/inbound/inbox/inbox-events.js';
import { allEvents, eventsOf, sleep, startInboundHarness, waitFor, type InboundHarness } from './support/inbound-harness.js';

const REQUISITION_STREAM = (id: number) => `demo.procore.subcontractor_invoice-${id}`;

describe('Procore inbound, end to end over HTTP', () => {
  let h: InboundHarness;

  beforeAll(async () => {
    h = await startInboundHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('turns an approved requisition webhook into exactly one document event with the normalised snapshot', async () => {
    h.sandboxes.procore.state.approveRequisition(1280641);
    const [event] = await eventsOf(h.store, REQUISITION_STREAM(1280641));
    expect(event?.type).toBe('SubcontractorInvoiceApproved.v1');
    expect(event?.data).toMatchObject({
      ref: { connection: 'demo', source: 'procore', type: 'subcontractor_invoice', externalId: '1280641' },
      snapshot: {
        projectId: '2468013', commitmentId: '786001', vendorId: '5521', vendorName: 'Northwind Sheet Metal LLC', number: '1',
        invoiceNumber: 'NSM-1041', status: 'approved', billingDate: '2026-03-31', periodStart: '2026-03-01', periodEnd: '2026-03-31',
        lines: [{ costCode: '23-31-00', costType: 'S', description: 'Supply and return ductwork', amount: 4_500_000, retainage: 450_000 }],
        grossAmount: 4_500_000, retainageAmount: 450_000, netAmount: 4_050_000, retainagePercent: '10.00',
      },
      raw: { id: 1280641, status: 'approved' },
    });
    expect(event?.metadata).toMatchObject({ connection: 'demo', source: 'procore' });
    await sleep(500);
    expect(await h.store.readStream(REQUISITION_STREAM(1280641))).toHaveLength(1);
  });

  it('records one event when the same webhook arrives three times at once', async () => {
    const body = JSON.stringify({
      id: 990001, ulid: '01JTESTDUPLICATE0000000001', timestamp: new Date().toISOString(), user_id: 1771001, company_id: 5358233,
      project_id: 2468013, api_version: 'v2.0', event_type: 'update', resource_name: 'Requisitions', resource_id: 1280643,
      metadata: { source_user_id: 1771001, source_project_id: 2468013, source_operation_id: null, source_company_id: 5358233, source_application_id: null },
    });
    const authorization = h.sandboxes.endpoints.procore.webhookAuthorization;
    h.sandboxes.procore.state.store.requisitions.get(1280643)!.status = 'under_review';
    const answers = await Promise.all([1, 2, 3].map(() => fetch(`${h.hub.url}/webhooks/procore/demo`, {
      method: 'POST', body, headers: { 'content-type': 'application/json', authorization },
    })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const receipts = await Promise.all(answers.map((a) => a.json() as Promise<{ received: number; duplicates: number }>));
    expect(receipts.reduce((n, r) => n + r.received, 0)).toBe(1);
    const [event] = await eventsOf(h.store, REQUISITION_STREAM(1280643));
    expect(event?.type).toBe('SubcontractorInvoiceSubmitted.v1');
    await sleep(500);
    const inbox = await h.store.readStream(inboxStream('demo', 'procore'));
    expect(inbox.filter((e) => (e.data as { noticeId: string }).noticeId === '01JTESTDUPLICATE0000000001')).toHaveLength(1);
    expect(await h.store.readStream(REQUISITION_STREAM(1280643))).toHaveLength(1);
  });

  it('refuses unsigned and forged deliveries with 401 and a problem body, appending nothing', async () => {
    const before = (await allEvents(h.store)).length;
    const body = JSON.stringify({ id: 1, ulid: '01JFORGED', event_type: 'update', resource_name: 'Requisitions', resource_id: 1280641, company_id: 5358233 });
    const cases: Array<Record<string, string>> = [{}, { authorization: 'Bearer guessed-token-000000000' }, { authorization: `${h.sandboxes.endpoints.procore.webhookAuthorization}x` }];
    for (const headers of cases) {
      const answer = await fetch(`${h.hub.url}/webhooks/procore/demo`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(await answer.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
    }
    const unknown = await fetch(`${h.hub.url}/webhooks/procore/nobody`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: h.sandboxes.endpoints.procore.webhookAuthorization } });
    expect(unknown.status).toBe(401);
    await sleep(300);
    expect((await allEvents(h.store)).length).toBe(before);
  });

  it('ends in the latest state when the update arrives before the create', async () => {
    h.sandboxes.procore.state.approveCommitment(786002);
    const [commitment] = await eventsOf(h.store, 'demo.procore.commitment-786002');
    expect(commitment?.type).toBe('CommitmentApproved.v1');
    h.sandboxes.procore.faults.addWebhookFault({ kind: 'reorder', batch: 2 });
    const created = h.sandboxes.procore.state.createRequisition(786002);
    h.sandboxes.procore.state.submitRequisition(created.id);
    const events = await eventsOf(h.store, REQUISITION_STREAM(created.id));
    await sleep(800);
    const all = await h.store.readStream(REQUISITION_STREAM(created.id));
    expect(all.map((e) => e.type)).toEqual(['SubcontractorInvoiceSubmitted.v1']);
    expect(events[0]?.data).toMatchObject({ snapshot: { status: 'under_review', commitmentId: '786002', vendorId: '5522' } });
  });

  it('recovers a dropped webhook with the reconciliation poll, recording it once', async () => {
    h.sandboxes.procore.faults.addWebhookFault({ kind: 'drop', count: 1 });
    h.sandboxes.procore.state.approveRequisition(1280642);
    await sleep(500);
    expect(await h.store.readStream(REQUISITION_STREAM(1280642))).toHaveLength(0);
    const report = await h.poller.pollNow('demo');
    expect(report.errors).toEqual([]);
    const [event] = await eventsOf(h.store, REQUISITION_STREAM(1280642), 1, 60_000);
    expect(event?.type).toBe('SubcontractorInvoiceApproved.v1');
    await h.poller.pollNow('demo');
    await waitFor(async () => ((await h.store.readStream('demo.procore.commitment-786001')).length > 0 ? true : undefined), 'the initial sync', 60_000);
    await sleep(1000);
    expect(await h.store.readStream(REQUISITION_STREAM(1280642))).toHaveLength(1);
    expect(await h.store.readStream(REQUISITION_STREAM(1280641))).toHaveLength(1);
  });

  it('records the sample project\'s reference data and documents from the first poll, parking nothing', async () => {
    const byType = async () => {
      const counts: Record<string, number> = {};
      for (const event of await allEvents(h.store)) if (event.streamName.startsWith('demo.procore.')) counts[event.type] = (counts[event.type] ?? 0) + 1;
      return counts;
    };
    const counts = await waitFor(async () => {
      const c = await byType();
      return (c['TimecardApproved.v1'] ?? 0) + (c['BudgetLineChanged.v1'] ?? 0) >= 10 ? c : undefined;
    }, 'the initial sync', 60_000);
    expect(counts).toMatchObject({
      'ProjectObserved.v1': 1, 'VendorObserved.v1': 3, 'CostCodeObserved.v1': 8, 'CostTypeObserved.v1': 5, 'BudgetLineChanged.v1': 10,
      'CommitmentCreated.v1': 1, 'CommitmentApproved.v1': 1, 'CommitmentChangeOrderCreated.v1': 2, 'PrimeChangeOrderCreated.v1': 1,
    });
    expect(counts['TimecardApproved.v1']).toBeUndefined();
    expect(await h.store.readStream('system.parked.inbound.inbox-processor')).toEqual([]);
    const [budget] = await h.store.readStream('demo.procore.budget_line-8810001');
    expect(budget?.data).toMatchObject({ snapshot: { projectId: '2468013', costCode: '01-50-00', costType: 'O', originalBudget: 1_850_000, revisedBudget: 1_850_000 } });
    const [order] = await h.store.readStream('demo.procore.prime_change_order-92001');
    expect(order?.data).toMatchObject({ snapshot: { kind: 'prime', contractId: '640001', status: 'pending', total: 2_240_000,
      lines: [{ costCode: '23-31-00', costType: 'S', amount: 1_680_000 }, { costCode: '23-07-00', costType: 'S', amount: 560_000 }] } });
  });

  it('records approved timecards and owner invoices with their retainage', async () => {
    h.sandboxes.procore.state.approveTimecard(990100);
    const [timecard] = await eventsOf(h.store, 'demo.procore.timecard-990100');
    expect(timecard).toMatchObject({ type: 'TimecardApproved.v1', data: { snapshot: {
      projectId: '2468013', employeeId: '7788', employeeName: 'Dana Ortiz', date: '2026-03-02', hours: '8.00', costCode: '23-05-00', costType: 'L', approvalStatus: 'approved',
    } } });
    h.sandboxes.procore.state.approvePaymentApplication(3301);
    const [invoice] = await eventsOf(h.store, 'demo.procore.owner_invoice-3301');
    expect(invoice).toMatchObject({ type: 'OwnerInvoiceApproved.v1', data: { snapshot: {
      primeContractId: '640001', ownerName: 'Harbor Point Builders', grossAmount: 7_700_000, retainageRetained: 770_000, retainageReleased: 0, netAmount: 6_930_000,
      lines: [{ costCode: '23-31-00', costType: 'S', amount: 5_800_000, retainage: 580_000 }, { costCode: '23-07-00', costType: 'S', amount: 1_900_000, retainage: 190_000 }],
    } } });
    h.sandboxes.procore.state.deleteRequisition(1280641);
    const events = await eventsOf(h.store, REQUISITION_STREAM(1280641), 2);
    expect(events[1]).toMatchObject({ type: 'SubcontractorInvoiceVoided.v1', data: { snapshot: { status: 'deleted', grossAmount: 4_500_000 } } });
  });
});
