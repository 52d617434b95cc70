import { describe, expect, it } from 'vitest';
import { HttpApiClient } from '../../src/platform/http/http-client.js';
import { HeaderThrottle, procoreRateLimit, retryAfterMs, xeroRateLimit } from '../../src/platform/http/throttle.js';
import { NeedsReconnectError, type TokenSource } from '../../src/platform/oauth/oauth-errors.js';
import { QuickBooksClient } from '../../src/adapters/quickbooks/quickbooks-client.js';

/** Answers in order; records the Authorization header of every call. */
const scripted = (...answers: Array<() => Response>) => {
  const seen: string[] = [];
  const fetch = async (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    seen.push(String((init?.headers as Record<string, string>).authorization));
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next();
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
};

const tokens = (): TokenSource & { invalidated: string[] } => {
  let n = 1;
  const invalidated: string[] = [];
  return { invalidated, accessToken: async () => `t${n}`, invalidate: (t) => { invalidated.push(t); n++; } };
};

describe('HttpApiClient', () => {
  it('refreshes once after a 401 and retries, then believes a second 401', async () => {
    const t = tokens();
    const { fetch, seen } = scripted(() => new Response('', { status: 401 }), () => Response.json({ ok: 1 }));
    const client = new HttpApiClient({ target: 'x', baseUrl: 'http://api.test', tokens: t, fetch });
    expect(await client.get('/a')).toMatchObject({ ok: true, body: { ok: 1 } });
    expect(seen).toEqual(['Bearer t1', 'Bearer t2']);
    const twice = scripted(() => new Response('', { status: 401 }), () => new Response('', { status: 401 }));
    const again = new HttpApiClient({ target: 'x', baseUrl: 'http://api.test', tokens: tokens(), fetch: twice.fetch });
    expect(await again.get('/a')).toMatchObject({ ok: false, error: { kind: 'unauthorized', status: 401 } });
  });

  it('honours Retry-After on 429 and 503 when short, and hands a long one back to the caller', async () => {
    const { fetch } = scripted(
      () => new Response('', { status: 429, headers: { 'retry-after': '0' } }),
      () => new Response('', { status: 503, headers: { 'retry-after': '0' } }),
      () => Response.json([1]),
    );
    const client = new HttpApiClient({ target: 'x', baseUrl: 'http://api.test', tokens: tokens(), fetch });
    expect(await client.get('/a')).toMatchObject({ ok: true, body: [1] });
    const slow = scripted(() => new Response('', { status: 429, headers: { 'retry-after': '120' } }));
    const throttled = await new HttpApiClient({ target: 'x', baseUrl: 'http://api.test', tokens: tokens(), fetch: slow.fetch }).get('/a');
    expect(throttled).toMatchObject({ ok: false, error: { kind: 'throttled', retryable: true, retryAfterMs: 120_000 } });
  });

  it('turns network failures and a connection needing reconnect into typed results', async () => {
    const broken = (async () => { throw new TypeError('fetch failed'); }) as unknown as typeof fetch;
    expect(await new HttpApiClient({ target: 'x', baseUrl: 'http://api.test', tokens: tokens(), fetch: broken }).get('/a'))
      .toMatchObject({ ok: false, error: { kind: 'network', retryable: true } });
    const refused: TokenSource = { accessToken: async () => { throw new NeedsReconnectError('acme', 'xero', 'invalid_grant'); }, invalidate: () => undefined };
    expect(await new HttpApiClient({ target: 'x', baseUrl: 'http://api.test', tokens: refused }).get('/a'))
      .toMatchObject({ ok: false, error: { kind: 'needs_reconnect', retryable: false } });
  });

  it('reads QuickBooks faults: 610 is not found, even under HTTP 400 or 200', async () => {
    const fault = { Fault: { Error: [{ Message: 'Object Not Found', Detail: 'gone', code: '610' }], type: 'ValidationFault' } };
    const { fetch } = scripted(() => Response.json(fault, { status: 400 }), () => Response.json(fault));
    const client = new QuickBooksClient(new HttpApiClient({ target: 'quickbooks', baseUrl: 'http://qbo.test', tokens: tokens(), fetch }), '1', 75);
    expect(await client.read('Bill', '145')).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(await client.read('Bill', '145')).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });
});

describe('header-driven throttling', () => {
  it('pauses Procore calls until the window resets when one call is left', () => {
    const now = 1_700_000_000_000;
    const headers = new Headers({ 'x-rate-limit-remaining': '1', 'x-rate-limit-reset': String(now / 1000 + 7) });
    expect(procoreRateLimit(headers, now)).toBe(now + 7000);
    expect(procoreRateLimit(new Headers({ 'x-rate-limit-remaining': '40', 'x-rate-limit-reset': '1' }), now)).toBeUndefined();
    const throttle = new HeaderThrottle(2, procoreRateLimit, () => now);
    throttle.release(headers);
    expect(throttle.pausedFor()).toBe(7000);
  });

  it('pauses Xero calls for a minute when the minute budget is spent, and reads Retry-After dates', () => {
    expect(xeroRateLimit(new Headers({ 'x-minlimit-remaining': '0' }), 1000)).toBe(61_000);
    expect(xeroRateLimit(new Headers({ 'x-minlimit-remaining': '30' }), 1000)).toBeUndefined();
    expect(retryAfterMs(new Headers({ 'retry-after': new Date(10_000).toUTCString() }), 4000)).toBe(6000);
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    const throttle = new HeaderThrottle(2);
    let inFlight = 0;
    let peak = 0;
    await Promise.all(Array.from({ length: 6 }, async () => {
      await throttle.acquire();
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      throttle.release();
    }));
    expect(peak).toBe(2);
  });
});
