import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startXeroSandbox, type XeroSandbox, type XeroSandboxOptions } from '../../sandbox/xero/index.js';
import { client, connect, sampleBill } from './xero-test-client.js';

const WEBHOOK_KEY = 'm7mOXjZ0H4Qq8Yb1pW3kq0Zx9bq2h1T6a1uQpLwB8cVJfY+3o0iZ2C9yC8bX0r5s';

interface Received { readonly raw: string; readonly signature: string; readonly valid: boolean }
type Behaviour = 'verify' | 'always-200' | 'always-500';

/** A local webhook receiver: verifies x-xero-signature over the raw bytes, then 200 (empty) or 401. */
const startReceiver = async (behaviour: Behaviour = 'verify') => {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const signature = String(req.headers['x-xero-signature'] ?? '');
      const expected = createHmac('sha256', WEBHOOK_KEY).update(raw).digest('base64');
      const valid = signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
      received.push({ raw, signature, valid });
      const status = behaviour === 'always-200' ? 200 : behaviour === 'always-500' ? 500 : valid ? 200 : 401;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/xero`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

// A liveness bound only: deliveries on a busy machine can take seconds.
const waitFor = async (check: () => boolean, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('Xero sandbox: webhooks and Intent to Receive', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  const start = async (options: XeroSandboxOptions): Promise<XeroSandbox> => {
    const sandbox = await startXeroSandbox(options);
    cleanups.push(() => sandbox.close());
    return sandbox;
  };
  const receiver = async (behaviour?: Behaviour) => {
    const r = await startReceiver(behaviour);
    cleanups.push(r.close);
    return r;
  };

  it('delivers signed INVOICE and CONTACT events with increasing sequence numbers; payments add no category', async () => {
    const inbox = await receiver();
    const sandbox = await start({ webhook: { url: inbox.url, webhookKey: WEBHOOK_KEY } });
    const xero = client(sandbox, (await connect(sandbox)).access_token);
    const created = await xero.put('/Invoices', sampleBill({ Contact: { Name: 'Apex Controls Co' } }));
    const invoiceId = created.json.Invoices[0].InvoiceID as string;
    await waitFor(() => inbox.received.length === 1);
    const first = JSON.parse(inbox.received[0]!.raw);
    expect(inbox.received[0]!.valid).toBe(true);
    expect(first).toMatchObject({ firstEventSequence: 1, lastEventSequence: 2, entropy: expect.stringMatching(/^[A-Z]{20}$/) });
    expect(first.events.map((e: { eventCategory: string; eventType: string }) => `${e.eventCategory} ${e.eventType}`)).toEqual(['CONTACT CREATE', 'INVOICE CREATE']);
    expect(first.events[1]).toMatchObject({
      resourceId: invoiceId, resourceUrl: `${sandbox.apiBaseUrl}/Invoices/${invoiceId}`, tenantType: 'ORGANISATION',
      eventDateUtc: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/),
    });
    await xero.post('/Payments', { Invoice: { InvoiceID: invoiceId }, Account: { Code: '090' }, Amount: 100 });
    await waitFor(() => inbox.received.length === 2);
    const second = JSON.parse(inbox.received[1]!.raw);
    expect(second).toMatchObject({ firstEventSequence: 3, lastEventSequence: 3, events: [{ eventCategory: 'INVOICE', eventType: 'UPDATE', resourceId: invoiceId }] });
    expect(sandbox.webhooks.events.every((e) => e.eventCategory === 'INVOICE' || e.eventCategory === 'CONTACT')).toBe(true);
  });

  it('passes Intent to Receive against a receiver that verifies, and fails one that always answers 200', async () => {
    const good = await receiver('verify');
    const lax = await receiver('always-200');
    const sandbox = await start({ webhook: { webhookKey: WEBHOOK_KEY } });
    expect(sandbox.webhooks.status).toBe('awaiting-itr');

    const failed = await sandbox.state.runIntentToReceive(lax.url);
    expect(failed.passed).toBe(false);
    expect(failed.attempts.filter((a) => !a.passed).every((a) => !a.correctlySigned && a.status === 200)).toBe(true);
    expect(sandbox.webhooks.status).toBe('awaiting-itr');

    const response = await fetch(`${sandbox.baseUrl}/_sandbox/webhooks/intent-to-receive`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: good.url }),
    });
    const passed = (await response.json()) as { passed: boolean; url: string; attempts: Array<{ correctlySigned: boolean }> };
    expect(passed).toMatchObject({ passed: true, url: good.url });
    expect(passed.attempts.map((a) => a.correctlySigned).sort()).toEqual([false, false, true, true]);
    expect(good.received.map((r) => JSON.parse(r.raw))).toEqual(Array(4).fill(expect.objectContaining({ events: [], firstEventSequence: 0, lastEventSequence: 0 })));
    expect(sandbox.webhooks.status).toBe('active');
    expect(sandbox.webhooks.url).toBe(good.url);
  });

  it('retries a failing receiver per the delivery policy, then disables the subscription until ITR passes again', async () => {
    const broken = await receiver('always-500');
    // A generous per-attempt timeout: each of the three attempts must end in the receiver's 500, not a timeout.
    const sandbox = await start({
      webhook: { url: broken.url, webhookKey: WEBHOOK_KEY, policy: { timeoutMs: 30_000, retryDelayMs: (n) => (n < 3 ? 20 : undefined) } },
    });
    const xero = client(sandbox, (await connect(sandbox)).access_token);
    await xero.put('/Contacts', { Name: 'Retry Me Ltd' });
    await waitFor(() => sandbox.webhooks.status === 'disabled');
    expect(broken.received).toHaveLength(3);
    expect(sandbox.webhooks.dispatcher.log[0]).toMatchObject({ outcome: 'discarded', attempts: 3, lastStatus: 500 });

    await xero.put('/Contacts', { Name: 'Not Delivered Ltd' });
    const fixed = await receiver('verify');
    expect((await sandbox.state.runIntentToReceive(fixed.url)).passed).toBe(true);
    await xero.put('/Contacts', { Name: 'Delivered Again Ltd' });
    await waitFor(() => fixed.received.length === 5);
    expect(JSON.parse(fixed.received[4]!.raw)).toMatchObject({ firstEventSequence: 3, events: [{ eventCategory: 'CONTACT', eventType: 'CREATE' }] });
  });
});
