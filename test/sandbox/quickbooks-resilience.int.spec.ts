import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billBody, faultOf, startQbo, type QboTestClient } from './quickbooks-client.js';

/** PrivateNote is not filterable (facts §3): the bills are compared here, as the hub does. */
const count = async (c: QboTestClient, marker: string): Promise<number> =>
  ((await c.query('SELECT * FROM Bill MAXRESULTS 1000')).Bill as Array<{ PrivateNote?: string }> | undefined ?? [])
    .filter((b) => b.PrivateNote?.includes(marker)).length;

describe('QuickBooks sandbox: requestid, faults', () => {
  let c: QboTestClient;
  beforeAll(async () => {
    c = await startQbo();
  });
  afterAll(() => c.qbo.close());

  it('replays the original response for a repeated requestid and creates nothing new', async () => {
    const body = billBody({ PrivateNote: 'trestle:rid-1' });
    const first = await c.post('/bill?requestid=5b0c1f0e-rid-1&minorversion=75', body);
    const second = await c.post('/bill?requestid=5b0c1f0e-rid-1&minorversion=75', { ...body, PrivateNote: 'trestle:rid-1 changed' });
    expect(second.json).toEqual(first.json);
    expect(await count(c, 'trestle:rid-1')).toBe(1);
    const other = await c.post('/bill?requestid=5b0c1f0e-rid-2', billBody({ PrivateNote: 'trestle:rid-1' }));
    expect(other.json.Bill.Id).not.toBe(first.json.Bill.Id);
  });

  it('forgets requestids on demand, so a retry duplicates (what the marker lookup must catch)', async () => {
    const body = billBody({ PrivateNote: 'trestle:rid-forget' });
    await c.post('/bill?requestid=rid-forget', body);
    const forgot = await c.admin('POST', `/realms/${c.realm}/requestids/forget`);
    expect(forgot.status).toBe(200);
    await c.post('/bill?requestid=rid-forget&include=allowduplicatedocnum', body);
    expect(await count(c, 'trestle:rid-forget')).toBe(2);
  });

  it('refuses a requestid over 50 characters (36 on batch)', async () => {
    expect(faultOf((await c.post(`/bill?requestid=${'x'.repeat(51)}`, billBody())).json)?.code).toBe('2050');
    expect(faultOf((await c.post(`/batch?requestid=${'x'.repeat(37)}`, { BatchItemRequest: [] })).json)?.code).toBe('2050');
  });

  it('applies the write and drops the connection on timeout-after-write; the object exists and the requestid replays it', async () => {
    c.qbo.faults.add({ kind: 'timeout-after-write', count: 1 }, { method: 'POST', path: '/bill' });
    const body = billBody({ PrivateNote: 'trestle:ambiguous-1' });
    await expect(c.post('/bill?requestid=rid-ambiguous', body)).rejects.toThrow();
    expect(await count(c, 'trestle:ambiguous-1')).toBe(1);
    const retry = await c.post('/bill?requestid=rid-ambiguous', body);
    expect(retry.status).toBe(200);
    expect(await count(c, 'trestle:ambiguous-1')).toBe(1);
  });

  it('answers an injected outage with 503 and a SystemFault', async () => {
    c.qbo.faults.add({ kind: 'outage', durationMs: 60_000 }, { path: '/vendor' });
    const down = await c.get('/vendor/46');
    expect(down.status).toBe(503);
    expect(down.json.Fault.type).toBe('SystemFault');
    c.qbo.faults.clear();
    expect((await c.get('/vendor/46')).status).toBe(200);
  });
});

describe('QuickBooks sandbox: throttling', () => {
  it('answers 429 with fault 3001 past the per-minute limit, without Retry-After by default', async () => {
    const c = await startQbo({ limits: { perMinute: 5 } });
    try {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await c.get('/vendor/46')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const throttled = await c.get('/vendor/46');
      expect(faultOf(throttled.json)).toMatchObject({ code: '3001', Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429' });
      expect(throttled.headers.get('retry-after')).toBeNull();
    } finally {
      await c.qbo.close();
    }
  });

  it('sends Retry-After when configured, and limits batch calls per minute separately', async () => {
    const c = await startQbo({ limits: { perMinute: 100, batchPerMinute: 2 }, throttleRetryAfter: true });
    try {
      const batch = () => c.post('/batch', { BatchItemRequest: [{ bId: 'q', Query: 'select * from Vendor' }] });
      expect((await batch()).status).toBe(200);
      expect((await batch()).status).toBe(200);
      const third = await batch();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await c.get('/vendor/46')).status).toBe(200);
    } finally {
      await c.qbo.close();
    }
  });

  it('answers 429 past 10 requests in flight for a realm', async () => {
    const c = await startQbo();
    try {
      c.qbo.faults.add({ kind: 'latency', ms: 400 }, { path: '/vendor' });
      const statuses = (await Promise.all(Array.from({ length: 13 }, () => c.get('/vendor/46')))).map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(3);
      c.qbo.faults.clear();
      expect((await c.get('/vendor/46')).status).toBe(200);
    } finally {
      await c.qbo.close();
    }
  });
});
