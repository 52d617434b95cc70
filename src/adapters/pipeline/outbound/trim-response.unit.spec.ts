import { describe, expect, it } from 'vitest';
import { MAX_RESPONSE_BYTES, trimMessage, trimResponse } from './trim-response.js';

describe('trimResponse', () => {
  it('redacts tokens and authorization values but keeps QuickBooks SyncToken', () => {
    const stored = trimResponse({
      Bill: { Id: '129', SyncToken: '3' }, access_token: 'eyJabc', refreshToken: 'r1', headers: { Authorization: 'Bearer eyJabc', 'x-api-key': 'k' },
      note: 'sent with Bearer eyJhbGciOi.abc-def',
    });
    expect(stored).toEqual({
      Bill: { Id: '129', SyncToken: '3' }, access_token: '[redacted]', refreshToken: '[redacted]', headers: { Authorization: '[redacted]', 'x-api-key': '[redacted]' },
      note: 'sent with Bearer [redacted]',
    });
  });

  it('keeps what is stored within 2 KB', () => {
    const big = { QueryResponse: { Bill: Array.from({ length: 500 }, (_, i) => ({ Id: String(i), DocNumber: `ACME-${i}` })) } };
    const stored = trimResponse(big) as { truncated: boolean; preview: string; bytes: number };
    expect(stored.truncated).toBe(true);
    expect(stored.bytes).toBeGreaterThan(MAX_RESPONSE_BYTES);
    expect(Buffer.byteLength(JSON.stringify(stored))).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
    expect(stored.preview.startsWith('{"QueryResponse"')).toBe(true);
  });

  it('stores null for no response and redacts messages', () => {
    expect(trimResponse(undefined)).toBeNull();
    expect(trimMessage('401 for Basic dXNlcjpwYXNz')).toBe('401 for Basic [redacted]');
  });
});
