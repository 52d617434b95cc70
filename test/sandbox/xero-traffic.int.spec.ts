import { request as httpRequest, type ClientRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_XERO } from '../../sandbox/sample/sample-project.js';
import { startXeroSandbox, type XeroSandbox, type XeroSandboxOptions } from '../../sandbox/xero/index.js';
import { client, connect, sampleBill, xeroCall } from './xero-test-client.js';

describe('Xero sandbox: idempotency, rate limits and faults', () => {
  let sandbox: XeroSandbox;
  afterEach(() => sandbox?.close());

  const start = async (options: XeroSandboxOptions = {}) => {
    sandbox = await startXeroSandbox(options);
    const tokens = await connect(sandbox);
    return { xero: client(sandbox, tokens.access_token), token: tokens.access_token };
  };

  it('replays the original response for a repeated Idempotency-Key without creating twice', async () => {
    const { xero } = await start();
    const headers = { 'Idempotency-Key': 'procore-req-1280641-v1' };
    const first = await xero.put('/Invoices', { Invoices: [sampleBill()] }, { headers });
    const second = await xero.put('/Invoices', { Invoices: [sampleBill()] }, { headers });
    expect(second.status).toBe(200);
    expect(second.json).toEqual(first.json);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(sandbox.state.invoices()).toHaveLength(1);
    // A failed request is replayed too: the key names the request, not its success.
    const badHeaders = { 'Idempotency-Key': 'bad-1' };
    const bad = await xero.put('/Invoices', sampleBill({ Date: 'never' }), { headers: badHeaders });
    expect((await xero.put('/Invoices', sampleBill({ Date: 'never' }), { headers: badHeaders })).json).toEqual(bad.json);
  });

  it('refuses a key reused with a different body (422) and keys over 128 characters (400)', async () => {
    const { xero } = await start();
    const headers = { 'Idempotency-Key': 'procore-req-1280642-v1' };
    await xero.put('/Invoices', sampleBill({ InvoiceNumber: 'A' }), { headers });
    const reused = await xero.put('/Invoices', sampleBill({ InvoiceNumber: 'B' }), { headers });
    expect(reused.status).toBe(422);
    expect(reused.json.Detail).toMatch(/already used for a different request/);
    const long = await xero.put('/Invoices', sampleBill(), { headers: { 'Idempotency-Key': 'k'.repeat(129) } });
    expect(long.status).toBe(400);
    expect(sandbox.state.invoices()).toHaveLength(1);
  });

  it('applies a write whose answer is lost (timeout-after-write); the retry with the same key gets the original answer', async () => {
    const { xero } = await start();
    sandbox.faults.add({ kind: 'timeout-after-write', count: 1 }, { method: 'PUT', path: '/Invoices' });
    const headers = { 'Idempotency-Key': 'procore-req-1280643-v1' };
    await expect(xero.put('/Invoices', sampleBill(), { headers })).rejects.toThrow();
    expect(sandbox.state.invoices()).toHaveLength(1);
    const retry = await xero.put('/Invoices', sampleBill(), { headers });
    expect(retry.status).toBe(200);
    expect(retry.json.Invoices[0].InvoiceID).toBe(sandbox.state.invoices()[0]!.InvoiceID);
    expect(sandbox.state.invoices()).toHaveLength(1);
  });

  it('answers 429 minute past the per-minute limit, with Retry-After and the remaining-calls headers', async () => {
    let clock = Date.parse('2026-04-01T12:00:10Z');
    const { xero } = await start({ limits: { perMinute: 3 }, now: () => new Date(clock) });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ok = await xero.get('/Accounts');
      expect(ok.status).toBe(200);
      remaining.push(ok.headers.get('x-minlimit-remaining')!);
      expect(ok.headers.get('x-daylimit-remaining')).toBe(String(4999 - i));
      expect(ok.headers.get('x-appminlimit-remaining')).toBe(String(9999 - i));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const refused = await xero.get('/Accounts');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-rate-limit-problem')).toBe('minute');
    expect(Number(refused.headers.get('retry-after'))).toBe(60);
    clock += 60_000;
    expect((await xero.get('/Accounts')).status).toBe(200);
  });

  it('answers 429 day once the daily budget is spent', async () => {
    const { xero } = await start({ limits: { perDay: 2 } });
    await xero.get('/Accounts');
    await xero.get('/Accounts');
    const refused = await xero.get('/Accounts');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-rate-limit-problem')).toBe('day');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3600);
  });

  it('answers 429 concurrent for a sixth call while five are in progress', async () => {
    const perMinute = 10_000; // room for the probes below: only the in-flight limit may refuse
    const { xero, token } = await start({ limits: { perMinute } });
    // Five writes whose bodies arrive slowly: each holds a slot from its headers until it completes.
    const slow: Array<{ req: ClientRequest; status: Promise<number>; rest: string }> = [];
    for (let i = 0; i < 5; i++) {
      const body = JSON.stringify({ Name: `Slow Supplier ${i}` });
      const req = httpRequest(`${sandbox.apiBaseUrl}/Contacts`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'xero-tenant-id': SAMPLE_XERO.tenantId, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      const status = new Promise<number>((resolve, reject) => {
        req.on('response', (res) => { res.resume(); resolve(res.statusCode ?? 0); });
        req.on('error', reject);
      });
      req.write(body.slice(0, 4));
      slow.push({ req, status, rest: body.slice(4) });
    }
    // The slow writes take their slots when their headers reach the server, which on a busy
    // machine may take a while: probe until a call is refused. Every call that got a slot shows
    // in X-MinLimit-Remaining, so the refusal must come with exactly the five slow ones in.
    let probes = 0;
    let refused = await xero.get('/Contacts');
    for (const deadline = Date.now() + 30_000; refused.status === 200 && Date.now() < deadline; refused = await xero.get('/Contacts')) probes++;
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-rate-limit-problem')).toBe('concurrent');
    expect(perMinute - Number(refused.headers.get('x-minlimit-remaining')) - probes).toBe(5);
    expect(refused.headers.get('retry-after')).toBe('1');
    for (const s of slow) s.req.end(s.rest);
    expect(await Promise.all(slow.map((s) => s.status))).toEqual([200, 200, 200, 200, 200]);
    expect((await xero.get('/Contacts')).status).toBe(200);
  });

  it('serves kit faults in Xero form: outage 503, forced 429', async () => {
    const { token } = await start();
    const admin = (body: unknown) => fetch(`${sandbox.baseUrl}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await admin({ rule: { kind: 'throttle', count: 1, retryAfterSeconds: 7 }, match: { path: '/Invoices' } });
    const throttled = await xeroCall(sandbox, 'GET', '/Invoices', { token });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(throttled.headers.get('x-rate-limit-problem')).toBe('minute');
    await admin({ rule: { kind: 'outage', durationMs: 60_000 } });
    const outage = await xeroCall(sandbox, 'GET', '/Invoices', { token });
    expect(outage.status).toBe(503);
    expect(outage.json.Title).toBe('Service Unavailable');
    await fetch(`${sandbox.baseUrl}/_sandbox/faults`, { method: 'DELETE' });
    expect((await xeroCall(sandbox, 'GET', '/Invoices', { token })).status).toBe(200);
  });
});
