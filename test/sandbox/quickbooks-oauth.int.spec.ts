import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../../sandbox/quickbooks/index.js';
import { readResponse, startQbo, type QboTestClient } from './quickbooks-client.js';

const basic = (id = SANDBOX_CLIENT_ID, secret = SANDBOX_CLIENT_SECRET) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('QuickBooks sandbox: OAuth 2.0', () => {
  let c: QboTestClient;
  let nowMs = Date.parse('2026-04-01T16:00:00Z');
  const token = async (form: Record<string, string>, authorization = basic(), headers: Record<string, string> = {}) =>
    readResponse(await fetch(c.qbo.tokenUrl, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
      body: new URLSearchParams(form).toString(),
    }));

  beforeAll(async () => {
    c = await startQbo({ now: () => new Date(nowMs) });
  });
  afterAll(() => c.qbo.close());

  it('runs the consent redirect and exchanges the code once, with client Basic auth', async () => {
    const redirectUri = 'http://127.0.0.1:9/callback';
    const consent = await fetch(`${c.qbo.baseUrl}/connect/oauth2?client_id=${SANDBOX_CLIENT_ID}&response_type=code&scope=com.intuit.quickbooks.accounting&state=s1&redirect_uri=${encodeURIComponent(redirectUri)}`, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const location = new URL(consent.headers.get('location') ?? '');
    expect(location.searchParams.get('realmId')).toBe(c.realm);
    expect(location.searchParams.get('state')).toBe('s1');
    const code = location.searchParams.get('code') ?? '';

    expect((await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }, basic('x', 'y'))).json).toEqual({ error: 'invalid_client' });
    const granted = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
    expect(granted.status).toBe(200);
    expect(granted.json).toMatchObject({ token_type: 'bearer', expires_in: 3600, x_refresh_token_expires_in: 8726400 });
    expect(granted.json.x_refresh_token_hard_expires_in).toBeUndefined();
    const again = await token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
    expect(again.status).toBe(400);
    expect(again.json).toEqual({ error: 'invalid_grant' });
  });

  it('rotates the refresh token on every refresh; the superseded one gets invalid_grant', async () => {
    const first = c.qbo.issueTokens();
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token }, basic(), { 'x-include-refresh-token-hard-expires-in': 'true' });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.refresh_token).not.toBe(first.refresh_token);
    expect(refreshed.json.x_refresh_token_hard_expires_in).toBeGreaterThan(0);
    const superseded = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(superseded.status).toBe(400);
    expect(superseded.json).toEqual({ error: 'invalid_grant' });
    expect((await token({ grant_type: 'refresh_token', refresh_token: refreshed.json.refresh_token })).status).toBe(200);
    expect((await token({ grant_type: 'password' })).json).toEqual({ error: 'unsupported_grant_type' });
  });

  it('answers an expired access token with 401, a lower-case fault and www-authenticate', async () => {
    const pair = c.qbo.issueTokens();
    c.accessToken = pair.access_token;
    expect((await c.get('/vendor/46')).status).toBe(200);
    nowMs += 3601_000;
    const expired = await c.get('/vendor/46');
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe('Bearer realm="Intuit", error="invalid_token"');
    expect(expired.json.fault).toMatchObject({ type: 'AUTHENTICATION', error: [{ code: '3200', detail: 'Token expired' }] });
    expect(expired.json.Fault).toBeUndefined();
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: pair.refresh_token });
    c.accessToken = refreshed.json.access_token;
    expect((await c.get('/vendor/46')).status).toBe(200);
    expect((await c.call('GET', '/vendor/46', { token: 'not-a-token' })).status).toBe(401);
    expect((await c.call('GET', '/vendor/46', { token: null })).json.fault.error[0].code).toBe('3200');
  });
});
