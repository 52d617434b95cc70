import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_XERO } from '../../sandbox/sample/sample-project.js';
import { startXeroSandbox, type TokenSet, type XeroSandbox } from '../../sandbox/xero/index.js';
import { basicAuth, connect, tokenRequest, xeroCall } from './xero-test-client.js';

const MINUTE = 60_000;

describe('Xero sandbox: OAuth 2.0 and tenancy', () => {
  let clock = Date.parse('2026-04-01T12:00:00Z');
  let sandbox: XeroSandbox;

  beforeAll(async () => {
    sandbox = await startXeroSandbox({ now: () => new Date(clock) });
  });
  afterAll(() => sandbox.close());

  const refresh = (token: string) => tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: token });

  it('issues a 30-minute access token and a refresh token; an authorization code works once', async () => {
    const codeResponse = await fetch(`${sandbox.baseUrl}/_sandbox/oauth/code`, { method: 'POST' });
    const { code } = (await codeResponse.json()) as { code: string };
    const first = await tokenRequest(sandbox, { grant_type: 'authorization_code', code });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ expires_in: 1800, token_type: 'Bearer' });
    expect(first.json.refresh_token).toEqual(expect.any(String));
    const again = await tokenRequest(sandbox, { grant_type: 'authorization_code', code });
    expect(again.status).toBe(400);
    expect(again.json).toEqual({ error: 'invalid_grant' });
  });

  it('rejects bad client credentials with 401 invalid_client', async () => {
    const tokens = await connect(sandbox);
    const response = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }, basicAuth(sandbox, 'wrong'));
    expect(response.status).toBe(401);
    expect(response.json).toEqual({ error: 'invalid_client' });
  });

  it('rotates refresh tokens, honours the 30-minute grace period for the old one, then invalid_grant', async () => {
    const original = await connect(sandbox);
    const rotated = await refresh(original.refresh_token!);
    expect(rotated.status).toBe(200);
    const next = rotated.json as TokenSet;
    expect(next.refresh_token).not.toBe(original.refresh_token);

    clock += 29 * MINUTE; // the refresh response was "lost": the old token still works inside the grace period
    expect((await refresh(original.refresh_token!)).status).toBe(200);

    clock += 2 * MINUTE; // 31 minutes after its first use
    const late = await refresh(original.refresh_token!);
    expect(late.status).toBe(400);
    expect(late.json).toEqual({ error: 'invalid_grant' });
    expect((await refresh(next.refresh_token!)).status).toBe(200);
    expect((await refresh('never-issued')).json).toEqual({ error: 'invalid_grant' });
  });

  it('answers 401 for an expired or unknown access token', async () => {
    const tokens = await connect(sandbox);
    expect((await xeroCall(sandbox, 'GET', '/Accounts', { token: tokens.access_token })).status).toBe(200);
    clock += 30 * MINUTE;
    const expired = await xeroCall(sandbox, 'GET', '/Accounts', { token: tokens.access_token });
    expect(expired.status).toBe(401);
    expect(expired.json).toMatchObject({ Title: 'Unauthorized', Status: 401 });
    expect(expired.json.Detail).toMatch(/^TokenExpired/);
    const unknown = await xeroCall(sandbox, 'GET', '/Accounts', { token: 'not-a-token' });
    expect(unknown.status).toBe(401);
    expect(unknown.json.Detail).toBe('AuthenticationUnsuccessful');
  });

  it('requires xero-tenant-id on Accounting calls: 403 when missing or not connected', async () => {
    const { access_token: token } = await connect(sandbox);
    const missing = await xeroCall(sandbox, 'GET', '/Invoices', { token, tenantId: null });
    expect(missing.status).toBe(403);
    expect(missing.json).toMatchObject({ Title: 'Forbidden', Status: 403, Detail: 'AuthenticationUnsuccessful' });
    expect((await xeroCall(sandbox, 'GET', '/Invoices', { token, tenantId: '11111111-2222-3333-4444-555555555555' })).status).toBe(403);
    const other = sandbox.state.addTenant('Other Org');
    expect((await xeroCall(sandbox, 'GET', '/Invoices', { token, tenantId: other })).status).toBe(403);
    expect((await xeroCall(sandbox, 'GET', '/Invoices', { token })).status).toBe(200);
  });

  it('lists connections for the token, with no tenant header needed', async () => {
    const { access_token: token } = await connect(sandbox, { tenantIds: [SAMPLE_XERO.tenantId] });
    const response = await fetch(`${sandbox.baseUrl}/connections`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([expect.objectContaining({
      tenantId: SAMPLE_XERO.tenantId, tenantType: 'ORGANISATION', tenantName: 'Keystone Mechanical Inc.',
    })]);
  });

  it('enforces scopes: a contacts-only token cannot read invoices', async () => {
    const { access_token: token } = await connect(sandbox, { scopes: ['offline_access', 'accounting.contacts.read'] });
    expect((await xeroCall(sandbox, 'GET', '/Contacts', { token })).status).toBe(200);
    const invoices = await xeroCall(sandbox, 'GET', '/Invoices', { token });
    expect(invoices.status).toBe(403);
    expect(invoices.json.Detail).toBe('AuthorizationUnsuccessful');
    expect((await xeroCall(sandbox, 'PUT', '/Contacts', { token, body: { Name: 'Nope' } })).status).toBe(403);
  });

  it('runs the browser authorize step as an automatic consent that redirects back with code and state', async () => {
    const url = `${sandbox.baseUrl}/identity/connect/authorize?response_type=code&client_id=${sandbox.clientId}`
      + '&redirect_uri=https%3A%2F%2Fhub.example.com%2Fcallback&scope=offline_access%20accounting.transactions&state=xyz';
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('xyz');
    const exchanged = await tokenRequest(sandbox, {
      grant_type: 'authorization_code', code: location.searchParams.get('code')!, redirect_uri: 'https://hub.example.com/callback',
    });
    expect(exchanged.json.scope).toBe('offline_access accounting.transactions');
  });
});
