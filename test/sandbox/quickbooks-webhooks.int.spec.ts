import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { billBody, startQbo, type Json, type QboTestClient } from './quickbooks-client.js';

const VERIFIER = 'f2b1c3d4-verifier-token';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly raw: string;
}

/** The hub's side: verify intuit-signature over the raw bytes, as facts §11.4 shows. */
const verified = (received: Received): boolean => {
  const signature = String(received.headers['intuit-signature'] ?? '');
  const expected = createHmac('sha256', VERIFIER).update(received.raw).digest('base64');
  return signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
};

describe('QuickBooks sandbox: webhooks', () => {
  let c: QboTestClient;
  let receiver: Server;
  let url: string;
  let received: Received[] = [];
  let failNext = 0;

  /** Waits for a condition; the bound is a liveness limit only (a busy machine may take seconds). */
  const until = async (predicate: () => boolean, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const bodies = (): Json[] => received.map((r) => JSON.parse(r.raw));

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (failNext > 0) {
          failNext--;
          response.writeHead(500).end();
          return;
        }
        received.push({ headers: request.headers, raw: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/qbo`;
    c = await startQbo({
      // The receiver answers at once; the generous per-attempt timeout keeps a slow machine from
      // turning one delivery into a timed-out attempt plus a retry (an extra copy, an extra attempt).
      webhook: { url, verifierToken: VERIFIER, format: 'legacy', policy: { timeoutMs: 30_000, retryDelayMs: (n) => (n <= 3 ? 20 : undefined) } },
    });
  });
  afterAll(async () => {
    await c.qbo.close();
    await new Promise((resolve) => receiver.close(resolve));
  });
  // Each test starts once everything an earlier test triggered has been delivered.
  beforeEach(async () => {
    await c.qbo.webhooks.drain();
    received = [];
    failNext = 0;
  });

  it('sends a signed legacy eventNotifications payload with Intuit headers', async () => {
    c.qbo.webhooks.configure({ format: 'legacy' });
    const vendor = (await c.post('/vendor', { DisplayName: 'Webhook Sheet Metal' })).json.Vendor;
    await until(() => received.length >= 1);
    await c.qbo.webhooks.drain();
    expect(received).toHaveLength(1);
    const [first] = received;
    expect(first && verified(first)).toBe(true);
    expect(first?.headers).toMatchObject({
      'intuit-notification-schema-version': '0.1',
      'user-agent': 'intuit_notification_server/0.1',
      'content-type': 'application/json; charset=utf-8',
    });
    expect(first?.headers['intuit-t-id']).toBeDefined();
    const [notification] = bodies()[0].eventNotifications;
    expect(notification.realmId).toBe(c.realm);
    expect(notification.dataChangeEvent.entities).toEqual([
      { name: 'Vendor', id: vendor.Id, operation: 'Create', lastUpdated: expect.stringMatching(/T\d{2}:\d{2}:\d{2}-0700$/) },
    ]);
  });

  it('sends signed CloudEvents arrays, and a tampered body fails verification', async () => {
    c.qbo.webhooks.configure({ format: 'cloudevents' });
    const bill = (await c.post('/bill', billBody())).json.Bill;
    await c.post('/bill?operation=delete', { Id: bill.Id, SyncToken: bill.SyncToken });
    await until(() => received.length >= 2);
    await c.qbo.webhooks.drain();
    expect(received.every(verified)).toBe(true);
    const events = bodies().flat();
    expect(events.map((e: Json) => e.type)).toEqual(['qbo.bill.created.v1', 'qbo.bill.deleted.v1']);
    expect(events[0]).toMatchObject({ specversion: '1.0', intuitaccountid: c.realm, intuitentityid: bill.Id, datacontenttype: 'application/json' });
    expect(events[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(events[0].id).not.toBe(events[1].id);
    const tampered = { ...received[0]!, raw: received[0]!.raw.replace(bill.Id, '1') };
    expect(verified(tampered)).toBe(false);
  });

  it('notifies bookkeeper actions too, and retries a failing receiver in order', async () => {
    c.qbo.webhooks.configure({ format: 'cloudevents' });
    const bill = (await c.post('/bill', billBody())).json.Bill;
    await until(() => received.length >= 1);
    failNext = 2;
    c.qbo.company().payBill(bill.Id, 1000);
    await until(() => received.length >= 3);
    await c.qbo.webhooks.drain();
    const types = bodies().flat().map((e: Json) => e.type);
    expect(types).toEqual(['qbo.bill.created.v1', 'qbo.billpayment.created.v1', 'qbo.bill.updated.v1']);
    const paymentDelivery = c.qbo.webhooks.log.find((d) => d.message.body.includes('billpayment'));
    expect(paymentDelivery?.attempts).toBe(3);
  });
});
