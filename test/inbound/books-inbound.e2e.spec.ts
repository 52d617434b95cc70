import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxStream } from '../../src/adapters/pipeline/inbound/inbox/inbox-events.js';
import { XeroClients } from '../../src/adapters/xero/xero-clients.js';
import { KnownObjects } from '../../src/adapters/pipeline/inbound/state/inbound-tables.js';
import { signIntuit } from '../../sandbox/quickbooks/index.js';
import { signXero } from '../../sandbox/xero/index.js';
import { xeroTime } from '../../src/adapters/xero/xero-client.js';
import { allEvents, eventsOf, sleep, startInboundHarness, waitFor, type InboundHarness } from './support/inbound-harness.js';

type Doc = Record<string, unknown>;

describe('QuickBooks and Xero inbound, end to end over HTTP', () => {
  let h: InboundHarness;

  beforeAll(async () => {
    h = await startInboundHarness({ withXero: true, quickBooksFormat: 'cloudevents' });
  });
  afterAll(async () => {
    await h?.close();
  });

  const hubBill = (docNumber: string, amount: number): Doc => h.sandboxes.quickbooks.company().write('Bill', {
    VendorRef: { value: '46' }, DocNumber: docNumber, PrivateNote: `trestle:demo.procore.subcontractor_invoice-${docNumber}`,
    Line: [{ Amount: amount, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: '61' } } }],
  });

  it('records a bill payment from a CloudEvents webhook, and a hand edit of the hub\'s bill, but not the payment\'s balance change', async () => {
    const bill = hubBill('NSM-1041', 1250);
    const paid = h.sandboxes.quickbooks.company().payBill(String(bill.Id), 500);
    const [payment] = await eventsOf(h.store, `demo.quickbooks.bill_payment-${String(paid.Id)}`);
    expect(payment).toMatchObject({ type: 'BillPaymentRecorded.v1', data: { snapshot: {
      kind: 'bill_payment', counterpartyId: '46', totalAmount: 50_000, appliedTo: [{ txnId: String(bill.Id), txnType: 'Bill', amount: 50_000 }], deleted: false,
    } } });
    await sleep(800);
    expect(await h.store.readStream(`demo.quickbooks.bill-${String(bill.Id)}`)).toEqual([]);
    h.sandboxes.quickbooks.company().editBillLine(String(bill.Id), 1300);
    const [edit] = await eventsOf(h.store, `demo.quickbooks.bill-${String(bill.Id)}`);
    expect(edit).toMatchObject({ type: 'BooksObjectEditedByHand.v1', data: { snapshot: { entity: 'Bill', id: String(bill.Id), totalAmount: 130_000, docNumber: 'NSM-1041' } } });
  });

  it('records the deletion of a hub bill by hand', async () => {
    const bill = hubBill('SI-2207', 900);
    await waitFor(async () => (await h.hub.app.get(KnownObjects).get('demo', 'quickbooks', 'Bill', String(bill.Id))) ?? undefined, 'the baseline');
    h.sandboxes.quickbooks.company().deleteBill(String(bill.Id));
    const [deleted] = await eventsOf(h.store, `demo.quickbooks.bill-${String(bill.Id)}`);
    expect(deleted).toMatchObject({ type: 'BooksObjectDeletedByHand.v1', data: { snapshot: { deleted: true, docNumber: 'SI-2207' } } });
  });

  it('accepts signed legacy and CloudEvents deliveries and refuses unsigned ones', async () => {
    const realmId = h.sandboxes.endpoints.quickbooks.realmId;
    const legacy = JSON.stringify({ eventNotifications: [{ realmId, dataChangeEvent: { entities: [
      { name: 'Vendor', id: '46', operation: 'Update', lastUpdated: '2026-03-02T14:42:19-0700' }] } }] });
    const cloud = JSON.stringify([{ specversion: '1.0', id: '88cd52aa-33b6-4351-9aa4-47572edbd068', source: 'intuit.test', type: 'qbo.vendor.updated.v1',
      datacontenttype: 'application/json', time: '2026-03-02T21:31:25.179Z', intuitentityid: '47', intuitaccountid: realmId, data: {} }]);
    const post = (body: string, signature?: string, contentType = 'application/json; charset=utf-8') => fetch(`${h.hub.url}/webhooks/quickbooks`, {
      method: 'POST', body, headers: { 'content-type': contentType, ...(signature ? { 'intuit-signature': signature } : {}) },
    });
    const token = h.sandboxes.endpoints.quickbooks.webhookVerifierToken;
    for (const [body, contentType] of [[legacy, 'application/json; charset=utf-8'], [cloud, 'application/cloudevents-batch+json']] as const) {
      const answer = await post(body, signIntuit(token, body), contentType);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ received: 1, duplicates: 0, ignored: 0 });
    }
    const inbox = await h.store.readStream(inboxStream('demo', 'quickbooks'));
    expect(inbox.filter((e) => (e.data as Doc).resource === 'Vendor').map((e) => (e.data as Doc).resourceId).sort()).toEqual(['46', '47']);
    expect((await post(legacy)).status).toBe(401);
    expect((await post(legacy, signIntuit('not-the-verifier-token', legacy))).status).toBe(401);
    expect((await post(legacy, signIntuit(token, `${legacy} `))).status).toBe(401);
  });

  it('passes Xero\'s intent to receive: 200 with an empty body when signed, 401 when not', async () => {
    const url = `${h.hub.url}/webhooks/xero`;
    const itr = await h.sandboxes.xero.state.runIntentToReceive(url, { pattern: [true, false, true, false, false, true] });
    expect(itr.attempts.filter((a) => !a.passed)).toEqual([]);
    expect(itr.passed).toBe(true);
    const body = JSON.stringify({ events: [], firstEventSequence: 0, lastEventSequence: 0, entropy: 'S0m3r4Nd0mt3xt' });
    const answer = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-xero-signature': signXero(h.sandboxes.endpoints.xero!.webhookKey, body) } });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('');
    expect(answer.headers.get('set-cookie')).toBeNull();
  });

  it('follows the hub\'s Xero bill: a hand edit by webhook, its payment by poll', async () => {
    const xero = h.hub.app.get(XeroClients).xero('demo-xero')!;
    const created = await xero.http.request<{ Invoices: Doc[] }>('PUT', '/Invoices', { body: { Invoices: [{
      Type: 'ACCPAY', Contact: { Name: 'Northwind Sheet Metal LLC' }, InvoiceNumber: 'NSM-1077', Date: '2026-04-30', DueDate: '2026-05-30', Status: 'AUTHORISED',
      LineItems: [{ Description: 'Supply and return ductwork', Quantity: 1, UnitAmount: 47250, AccountCode: '310', TaxType: 'NONE' }],
    }] } });
    if (!created.ok) throw new Error(created.error.message);
    const invoice = created.body.Invoices[0]!;
    const id = String(invoice.InvoiceID);
    await h.hub.app.get(KnownObjects).recordHubWrite('demo-xero', 'xero', 'Invoice', id, String(xeroTime(invoice.UpdatedDateUTC)));
    await sleep(800);
    expect(await h.store.readStream(`demo-xero.xero.bill-${id}`)).toEqual([]);
    const edited = h.sandboxes.xero.state.editInvoice(id, { LineItems: [{ Description: 'Supply and return ductwork', Quantity: 1, UnitAmount: 47000, AccountCode: '310', TaxType: 'NONE' }] });
    expect(edited.ok).toBe(true);
    const [edit] = await eventsOf(h.store, `demo-xero.xero.bill-${id}`);
    expect(edit).toMatchObject({ type: 'BooksObjectEditedByHand.v1', data: { snapshot: { entity: 'Bill', id, totalAmount: 4_700_000 } } });

    const paid = h.sandboxes.xero.state.recordPayment({ InvoiceID: id, Amount: 10000 });
    if (!paid.ok) throw new Error(paid.errors.join('; '));
    const report = await h.poller.pollNow('demo-xero');
    expect(report.errors).toEqual([]);
    const paymentId = String(paid.object.PaymentID);
    const [payment] = await eventsOf(h.store, `demo-xero.xero.bill_payment-${paymentId}`, 1, 60_000);
    expect(payment).toMatchObject({ type: 'BillPaymentRecorded.v1', data: { snapshot: { kind: 'bill_payment', totalAmount: 1_000_000, appliedTo: [{ txnId: id, txnType: 'Bill', amount: 1_000_000 }] } } });
    await sleep(800);
    expect(await h.store.readStream(`demo-xero.xero.bill-${id}`)).toHaveLength(1);
  });

  it('parks nothing', async () => {
    expect(await h.store.readStream('system.parked.inbound.inbox-processor')).toEqual([]);
    expect((await allEvents(h.store)).some((e) => e.streamName.startsWith('system.parked'))).toBe(false);
  });
});
