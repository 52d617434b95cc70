import { describe, expect, it } from 'vitest';
import { classifyHttpStatus, classifyNetworkError, httpFailure, parseRetryAfter } from './classify.js';

describe('result classification', () => {
  it('maps HTTP statuses to what the dispatcher should do', () => {
    expect(classifyHttpStatus(200)).toBe('ok');
    expect(classifyHttpStatus(429)).toBe('throttled');
    expect(classifyHttpStatus(503)).toBe('retryable');
    expect(classifyHttpStatus(401)).toBe('retryable');
    expect(classifyHttpStatus(504)).toBe('ambiguous');
    expect(classifyHttpStatus(502)).toBe('ambiguous');
    expect(classifyHttpStatus(500)).toBe('ambiguous');
    expect(classifyHttpStatus(400)).toBe('permanent');
    expect(classifyHttpStatus(403)).toBe('permanent');
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('builds a failure from an HTTP answer, honouring Retry-After', () => {
    expect(httpFailure(429, 'ThrottleExceeded', { code: '3001', retryAfter: '60' })).toEqual({
      ok: false, kind: 'throttled', status: 429, message: 'ThrottleExceeded', code: '3001', retryAfterMs: 60_000,
    });
    // QuickBooks can answer 200 with a Fault: that is a refusal, not a success.
    expect(httpFailure(200, 'Fault').kind).toBe('permanent');
  });

  it('treats errors before sending as retryable, and resets and timeouts as ambiguous', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const reset = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(classifyNetworkError(refused)).toMatchObject({ kind: 'retryable', code: 'ECONNREFUSED' });
    expect(classifyNetworkError(reset)).toMatchObject({ kind: 'ambiguous', code: 'UND_ERR_SOCKET', message: 'fetch failed: other side closed' });
    expect(classifyNetworkError(timeout)).toMatchObject({ kind: 'ambiguous' });
    expect(classifyNetworkError(timeout).message).toMatch(/^timed out/);
  });
});
