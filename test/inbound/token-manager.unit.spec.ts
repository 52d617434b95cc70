import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NeedsReconnectError, TokenEndpointError } from '../../src/platform/oauth/oauth-errors.js';
import { TokenCipher } from '../../src/platform/oauth/token-cipher.js';
import type { OAuthGrant } from '../../src/platform/oauth/token-endpoint.js';
import { TokenManager } from '../../src/platform/oauth/token-manager.js';
import { InMemoryTokenStore } from '../../src/platform/oauth/token-store.js';

const grant: OAuthGrant = { connection: 'acme', system: 'quickbooks', tokenUrl: 'https://idp.test/token', clientId: 'cid', clientSecret: 'csecret', grant: 'refresh_token', refreshToken: 'rt-0', clientAuth: 'basic' };

/** A token endpoint that rotates refresh tokens and invalidates the old one at once, as Procore does. */
const rotatingIdp = () => {
  let current = 'rt-0';
  let issued = 0;
  const calls: URLSearchParams[] = [];
  const fetch = async (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const form = new URLSearchParams(String(init?.body));
    calls.push(form);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (form.get('grant_type') === 'client_credentials') return Response.json({ access_token: `cc-${++issued}`, expires_in: 5400 });
    if (form.get('refresh_token') !== current) return Response.json({ error: 'invalid_grant' }, { status: 400 });
    current = `rt-${++issued}`;
    return Response.json({ access_token: `at-${issued}`, expires_in: 3600, refresh_token: current });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls, current: () => current };
};

const logLines: string[] = [];
const logger = { info: (f: object, m: string) => logLines.push(JSON.stringify(f) + m), warn: (f: object, m: string) => logLines.push(JSON.stringify(f) + m), error: (f: object, m: string) => logLines.push(JSON.stringify(f) + m) };

describe('TokenManager', () => {
  it('refreshes once for many concurrent callers and persists the rotated token before handing out the access token', async () => {
    const idp = rotatingIdp();
    const store = new InMemoryTokenStore();
    const saved: string[] = [];
    const save = store.saveRefreshToken.bind(store);
    store.saveRefreshToken = async (c, s, token, seed) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      saved.push(token ?? '');
      return save(c, s, token, seed);
    };
    const tokens = new TokenManager(store, { fetch: idp.fetch, logger });
    const results = await Promise.all(Array.from({ length: 8 }, () => tokens.accessToken(grant)));
    expect(new Set(results)).toEqual(new Set(['at-1']));
    expect(idp.calls).toHaveLength(1);
    expect(saved).toEqual(['rt-1']);
    expect(idp.calls[0]?.get('client_id')).toBeNull(); // Basic auth for Intuit and Xero
  });

  it('refreshes before expiry with the stored (rotated) token, and again after a 401 invalidation', async () => {
    let now = 1_000_000;
    const idp = rotatingIdp();
    const tokens = new TokenManager(new InMemoryTokenStore(), { fetch: idp.fetch, now: () => now });
    expect(await tokens.accessToken(grant)).toBe('at-1');
    now += 3000 * 1000;
    expect(await tokens.accessToken(grant)).toBe('at-1');
    now += 300 * 1000; // within the last 10% of the hour
    expect(await tokens.accessToken(grant)).toBe('at-2');
    expect(idp.calls[1]?.get('refresh_token')).toBe('rt-1');
    tokens.invalidate(grant, 'at-1'); // an old token's 401 does not throw away the new one
    expect(await tokens.accessToken(grant)).toBe('at-2');
    tokens.invalidate(grant, 'at-2');
    expect(await tokens.accessToken(grant)).toBe('at-3');
  });

  it('marks the connection needs-reconnect on invalid_grant, once, and then fails fast without calling the endpoint', async () => {
    const idp = rotatingIdp();
    const store = new InMemoryTokenStore();
    await store.saveRefreshToken('acme', 'quickbooks', 'rt-lost', 'seed');
    const reconnects: string[] = [];
    const tokens = new TokenManager(store, { fetch: idp.fetch, onNeedsReconnect: (g) => reconnects.push(g.connection) });
    const stale = { ...grant, refreshToken: 'rt-stale' };
    await expect(tokens.accessToken(stale)).rejects.toBeInstanceOf(NeedsReconnectError);
    await expect(tokens.accessToken(stale)).rejects.toBeInstanceOf(NeedsReconnectError);
    expect(idp.calls).toHaveLength(1);
    expect(reconnects).toEqual(['acme']);
    expect(tokens.status('acme', 'quickbooks')).toBe('needs_reconnect');
    expect((await store.load('acme', 'quickbooks'))?.status).toBe('needs_reconnect');
    // A person reconnects: a new refresh token in the config is tried again, across restarts too.
    const fresh = new TokenManager(store, { fetch: idp.fetch });
    await expect(fresh.accessToken(stale)).rejects.toBeInstanceOf(NeedsReconnectError);
    expect(idp.calls).toHaveLength(1);
    expect(await fresh.accessToken({ ...grant, refreshToken: idp.current() })).toMatch(/^at-/);
  });

  it('uses client credentials without a refresh token (Procore DMSA), client in the form body', async () => {
    const idp = rotatingIdp();
    const tokens = new TokenManager(new InMemoryTokenStore(), { fetch: idp.fetch });
    const procore: OAuthGrant = { connection: 'acme', system: 'procore', tokenUrl: 'https://login.test/oauth/token', clientId: 'pc', clientSecret: 'ps', grant: 'client_credentials', clientAuth: 'body' };
    expect(await tokens.accessToken(procore)).toBe('cc-1');
    expect(idp.calls[0]?.get('client_id')).toBe('pc');
    expect(idp.calls[0]?.get('refresh_token')).toBeNull();
  });

  it('does not hand out the access token when the rotated refresh token could not be stored, and stores it on the next try', async () => {
    const idp = rotatingIdp();
    const store = new InMemoryTokenStore();
    const save = store.saveRefreshToken.bind(store);
    let failures = 1;
    store.saveRefreshToken = async (...args) => {
      if (failures-- > 0) throw new Error('database down');
      return save(...args);
    };
    const tokens = new TokenManager(store, { fetch: idp.fetch, logger });
    await expect(tokens.accessToken(grant)).rejects.toBeInstanceOf(TokenEndpointError);
    expect(await tokens.accessToken(grant)).toBe('at-2');
    expect((await store.load('acme', 'quickbooks'))?.refreshToken).toBe('rt-2');
    expect(logLines.join('\n')).not.toMatch(/rt-\d|at-\d/);
  });
});

describe('TokenCipher', () => {
  it('round-trips, and refuses altered text, another key or another row', () => {
    const key = randomBytes(32);
    const cipher = new TokenCipher(key);
    const sealed = cipher.encrypt('refresh-token-value', 'acme/quickbooks');
    expect(sealed).not.toContain('refresh-token-value');
    expect(cipher.decrypt(sealed, 'acme/quickbooks')).toBe('refresh-token-value');
    expect(() => cipher.decrypt(sealed, 'other/quickbooks')).toThrow();
    expect(() => new TokenCipher(randomBytes(32)).decrypt(sealed, 'acme/quickbooks')).toThrow();
    const altered = `${sealed.slice(0, -4)}${sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    expect(() => cipher.decrypt(altered, 'acme/quickbooks')).toThrow();
  });
});
