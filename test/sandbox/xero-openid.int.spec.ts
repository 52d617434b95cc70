import { createHash } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_XERO } from '../../sandbox/sample/sample-project.js';
import { startXeroSandbox, type TokenSet, type XeroSandbox } from '../../sandbox/xero/index.js';
import { tokenRequest, xeroCall } from './xero-test-client.js';

const REDIRECT = 'https://app.example.com/xero/callback';

describe('Xero sandbox: OpenID Connect provider', () => {
  let sandbox: XeroSandbox;
  let jwks: JWTVerifyGetKey;

  beforeAll(async () => {
    sandbox = await startXeroSandbox();
    jwks = createRemoteJWKSet(new URL(`${sandbox.baseUrl}/.well-known/openid-configuration/jwks`));
  });
  afterAll(() => sandbox.close());

  /** The browser step (authorize → 302 back with a code), then the code exchange. */
  const signIn = async (scope: string, nonce?: string): Promise<TokenSet> => {
    const authorize = new URL(`${sandbox.baseUrl}/identity/connect/authorize`);
    const params = { response_type: 'code', client_id: sandbox.clientId, redirect_uri: REDIRECT, scope, state: 's1', ...(nonce ? { nonce } : {}) };
    for (const [name, value] of Object.entries(params)) authorize.searchParams.set(name, value);
    const consent = await fetch(authorize, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
    const exchanged = await tokenRequest(sandbox, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(exchanged.status).toBe(200);
    return exchanged.json as TokenSet;
  };

  it('publishes a discovery document whose endpoints all point at the sandbox', async () => {
    const response = await fetch(sandbox.discoveryUrl);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Record<string, unknown>;
    expect(doc).toMatchObject({
      issuer: sandbox.baseUrl,
      jwks_uri: `${sandbox.baseUrl}/.well-known/openid-configuration/jwks`,
      authorization_endpoint: `${sandbox.baseUrl}/identity/connect/authorize`,
      token_endpoint: sandbox.tokenUrl,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic'],
    });
    expect(doc.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'email', 'offline_access']));
    const keys = (await (await fetch(String(doc.jwks_uri))).json()) as { keys: Array<Record<string, unknown>> };
    expect(keys.keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) })]);
    expect(keys.keys[0]).not.toHaveProperty('d'); // the public half only
  });

  it('issues an RS256 id_token on the code exchange that verifies against the JWKS, with the nonce and at_hash', async () => {
    const tokens = await signIn('openid profile email offline_access accounting.transactions', 'n-0S6_WzA2Mj');
    expect(tokens.id_token).toEqual(expect.any(String));
    expect(decodeProtectedHeader(tokens.id_token!)).toMatchObject({ alg: 'RS256', kid: expect.any(String) });
    const { payload } = await jwtVerify(tokens.id_token!, jwks, { issuer: sandbox.baseUrl, audience: sandbox.clientId });
    const atHash = createHash('sha256').update(tokens.access_token).digest().subarray(0, 16).toString('base64url');
    expect(payload).toMatchObject({
      nonce: 'n-0S6_WzA2Mj', at_hash: atHash, sub: expect.stringMatching(/^[0-9a-f]{32}$/),
      xero_userid: expect.stringMatching(/^[0-9a-f-]{36}$/), global_session_id: expect.any(String),
      given_name: expect.any(String), family_name: expect.any(String), email: expect.stringContaining('@'),
    });
    expect(payload.exp! - payload.iat!).toBe(300);
  });

  it('issues access tokens that are RS256 JWTs with Xero claims, matching the /connections authEventId', async () => {
    const tokens = await signIn('openid profile email offline_access accounting.transactions accounting.contacts');
    const { payload } = await jwtVerify(tokens.access_token, jwks, { issuer: sandbox.baseUrl, audience: `${sandbox.baseUrl}/resources` });
    expect(payload).toMatchObject({
      client_id: sandbox.clientId, xero_userid: expect.any(String), authentication_event_id: expect.any(String),
      scope: ['openid', 'profile', 'email', 'offline_access', 'accounting.transactions', 'accounting.contacts'],
      jti: expect.any(String),
    });
    expect(payload.exp! - payload.nbf!).toBe(1800);
    const connections = await fetch(`${sandbox.baseUrl}/connections`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await connections.json()).toEqual([expect.objectContaining({ tenantId: SAMPLE_XERO.tenantId, authEventId: payload.authentication_event_id })]);
  });

  it('returns a new id_token for the same subject on refresh, and none when openid was not requested', async () => {
    const first = await signIn('openid offline_access accounting.transactions');
    const refreshed = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: first.refresh_token! });
    expect(refreshed.status).toBe(200);
    const before = await jwtVerify(first.id_token!, jwks, { issuer: sandbox.baseUrl, audience: sandbox.clientId });
    const after = await jwtVerify(refreshed.json.id_token, jwks, { issuer: sandbox.baseUrl, audience: sandbox.clientId });
    expect(after.payload.sub).toBe(before.payload.sub);
    expect(after.payload).not.toHaveProperty('nonce');
    expect(after.payload).not.toHaveProperty('email'); // no email scope, no email claim

    const plain = await signIn('offline_access accounting.transactions');
    expect(plain).not.toHaveProperty('id_token');
    const plainRefresh = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: plain.refresh_token! });
    expect(plainRefresh.json).not.toHaveProperty('id_token');
  });

  it('serves userinfo for an openid token and refuses a token altered by one character', async () => {
    const tokens = await signIn('openid profile email accounting.transactions');
    const info = await fetch(`${sandbox.baseUrl}/connect/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(info.status).toBe(200);
    const claims = (await info.json()) as Record<string, unknown>;
    const { payload } = await jwtVerify(tokens.id_token!, jwks);
    expect(claims).toMatchObject({ sub: payload.sub, email: payload.email, xero_userid: payload.xero_userid });

    const signature = tokens.access_token.slice(-1) === 'A' ? 'B' : 'A';
    const altered = `${tokens.access_token.slice(0, -1)}${signature}`;
    expect((await xeroCall(sandbox, 'GET', '/Invoices', { token: altered })).status).toBe(401);
    expect((await xeroCall(sandbox, 'GET', '/Invoices', { token: tokens.access_token })).status).toBe(200);
    const noOpenid = await signIn('accounting.transactions');
    const refused = await fetch(`${sandbox.baseUrl}/connect/userinfo`, { headers: { authorization: `Bearer ${noOpenid.access_token}` } });
    expect(refused.status).toBe(403);
  });
  it('sends authorize errors back to the app (invalid_scope, unsupported_response_type) and answers 400 when it cannot redirect', async () => {
    const authorize = (params: Record<string, string>) => {
      const url = new URL(`${sandbox.baseUrl}/identity/connect/authorize`);
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      return fetch(url, { redirect: 'manual' });
    };
    const base = { response_type: 'code', client_id: sandbox.clientId, redirect_uri: REDIRECT, state: 's2' };
    const badScope = await authorize({ ...base, scope: 'openid accounting.everything' });
    expect(badScope.status).toBe(302);
    const back = new URL(badScope.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(Object.fromEntries(back.searchParams)).toMatchObject({ error: 'invalid_scope', state: 's2' });
    expect(back.searchParams.has('code')).toBe(false);
    const granular = await authorize({ ...base, scope: 'openid accounting.invoices accounting.reports.trialbalance.read' });
    expect(new URL(granular.headers.get('location')!).searchParams.get('code')).toEqual(expect.any(String));
    const token = await authorize({ ...base, response_type: 'token', scope: 'openid' });
    expect(new URL(token.headers.get('location')!).searchParams.get('error')).toBe('unsupported_response_type');
    expect((await authorize({ ...base, redirect_uri: 'not a url', scope: 'openid' })).status).toBe(400);
    expect((await authorize({ ...base, client_id: 'someone-else', scope: 'openid' })).status).toBe(400);
  });
  it('accepts Basic client credentials form-encoded first (RFC 6749 2.3.1, as openid-client sends them) as well as raw', async () => {
    const secret = 'p+q/r=s t%u';
    const strict = await startXeroSandbox({ clientSecret: secret });
    try {
      const exchange = async (user: string, password: string) => {
        const { code } = (await (await fetch(`${strict.baseUrl}/_sandbox/oauth/code`, { method: 'POST' })).json()) as { code: string };
        const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
        return (await tokenRequest(strict, { grant_type: 'authorization_code', code }, authorization)).status;
      };
      const formEncode = (value: string) => encodeURIComponent(value).replaceAll('%20', '+');
      expect(await exchange(formEncode(strict.clientId), formEncode(secret))).toBe(200);
      expect(await exchange(strict.clientId, secret)).toBe(200);
      expect(await exchange(strict.clientId, formEncode('p+q/r=s t%v'))).toBe(401);
    } finally {
      await strict.close();
    }
  });
});
