import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XeroClient } from 'xero-node';
import { SAMPLE_XERO } from '../../sandbox/sample/sample-project.js';
import { startXeroSandbox, type XeroSandbox } from '../../sandbox/xero/index.js';
import { apiFailure, consentInBrowser, REDIRECT_URI, routeVendorHostsTo, sandboxXeroClient, SCOPES, STATE } from './xero-sdk.js';

const MINUTE = 60_000;

/** An axios rejection from xero-node's token and connections calls. */
const axiosStatus = async (call: Promise<unknown>) => {
  const error = await call.then(() => undefined, (e: { response?: { status: number; data: unknown } }) => e);
  return { status: error?.response?.status, data: error?.response?.data };
};

// Steps run in order and share the signed-in client, as one app session would.
describe('xero-node (unmodified) against the Xero sandbox: OpenID Connect sign-in, tenants, token rotation, 401s', () => {
  let sandbox: XeroSandbox;
  let unroute: () => void;
  let xero: XeroClient;
  // The sandbox's clock runs with the wall clock (openid-client checks id_tokens against it) until a step moves it forward.
  let aheadMs = 0;
  let firstSub: string;

  beforeAll(async () => {
    sandbox = await startXeroSandbox({ now: () => new Date(Date.now() + aheadMs) });
    unroute = routeVendorHostsTo(sandbox);
    xero = await sandboxXeroClient(sandbox);
  });
  afterAll(async () => {
    unroute();
    await sandbox.close();
  });

  it('builds the consent URL from the discovered authorize endpoint with the standard scopes', async () => {
    const url = new URL(await xero.buildConsentUrl());
    expect(`${url.origin}${url.pathname}`).toBe(`${sandbox.baseUrl}/identity/connect/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: sandbox.clientId, response_type: 'code', redirect_uri: REDIRECT_URI, scope: SCOPES.join(' '), state: STATE,
    });
  });

  it('completes the code flow: apiCallback verifies the RS256 id_token (JWKS, iss, aud, at_hash)', async () => {
    const tokenSet = await xero.apiCallback(await consentInBrowser(await xero.buildConsentUrl()));
    expect(tokenSet.id_token).toEqual(expect.any(String));
    const claims = tokenSet.claims();
    expect(claims).toMatchObject({ iss: sandbox.baseUrl, aud: sandbox.clientId, xero_userid: expect.any(String), email: expect.stringContaining('@') });
    firstSub = claims.sub;
    const access = decodeJwt(tokenSet.access_token!);
    expect(access).toMatchObject({ iss: sandbox.baseUrl, client_id: sandbox.clientId, xero_userid: claims.xero_userid, scope: SCOPES });
    expect(access.exp! - access.nbf!).toBe(1800);
    expect(tokenSet.refresh_token).toEqual(expect.any(String));
  });

  it('updateTenants lists the connected organisation with its details, matched to the access token\'s authentication event', async () => {
    const tenants = await xero.updateTenants();
    expect(tenants).toHaveLength(1);
    const access = decodeJwt(xero.readTokenSet().access_token!);
    expect(tenants[0]).toMatchObject({
      tenantId: SAMPLE_XERO.tenantId, tenantType: 'ORGANISATION', tenantName: 'Keystone Mechanical Inc.', authEventId: access.authentication_event_id,
    });
    expect(tenants[0].orgData).toMatchObject({ organisationID: SAMPLE_XERO.tenantId, name: 'Keystone Mechanical Inc.', baseCurrency: 'USD' });
  });

  it('refreshToken rotates the refresh token; the new id_token verifies and names the same user', async () => {
    const before = xero.readTokenSet();
    const after = await xero.refreshToken();
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect(after.access_token).not.toBe(before.access_token);
    expect(after.claims().sub).toBe(firstSub);
    const invoices = await xero.accountingApi.getInvoices(SAMPLE_XERO.tenantId);
    expect(invoices.response.status).toBe(200);
  });

  it('revokeToken (a second sign-in of the same app) ends that authorisation: its refresh token and its connections', async () => {
    const second = await sandboxXeroClient(sandbox);
    await second.apiCallback(await consentInBrowser(await second.buildConsentUrl()));
    const { refresh_token: refresh, access_token: access } = second.readTokenSet();
    await second.revokeToken();
    expect(await axiosStatus(second.refreshWithRefreshToken(sandbox.clientId, sandbox.clientSecret, refresh)))
      .toEqual({ status: 400, data: { error: 'invalid_grant' } });
    const connections = await fetch(`${sandbox.baseUrl}/connections`, { headers: { authorization: `Bearer ${access}` } });
    expect(connections.status).toBe(401);
    expect((await xero.accountingApi.getInvoices(SAMPLE_XERO.tenantId)).response.status).toBe(200); // the first sign-in is untouched
  });

  it('a rotated refresh token still works for 30 minutes (a lost response), then invalid_grant; the newest keeps working', async () => {
    const rotated = xero.readTokenSet().refresh_token!;
    const newest = (await xero.refreshWithRefreshToken(sandbox.clientId, sandbox.clientSecret, rotated)).refresh_token!;
    aheadMs = 29 * MINUTE;
    const retried = await xero.refreshWithRefreshToken(sandbox.clientId, sandbox.clientSecret, rotated);
    expect(retried.access_token).toEqual(expect.any(String));
    aheadMs = 31 * MINUTE;
    expect(await axiosStatus(xero.refreshWithRefreshToken(sandbox.clientId, sandbox.clientSecret, rotated)))
      .toEqual({ status: 400, data: { error: 'invalid_grant' } });
    const latest = await xero.refreshWithRefreshToken(sandbox.clientId, sandbox.clientSecret, newest);
    expect(latest.id_token).toEqual(expect.any(String)); // openid was granted, so every refresh carries one
    expect((await xero.accountingApi.getContacts(SAMPLE_XERO.tenantId)).response.status).toBe(200);
  });

  it('gets 401 for an expired access token, a made-up one and one signed by another key', async () => {
    const valid = xero.readTokenSet();
    aheadMs += 30 * MINUTE;
    const expired = await apiFailure(xero.accountingApi.getInvoices(SAMPLE_XERO.tenantId));
    expect(expired.response.statusCode).toBe(401);
    expect(expired.response.body).toMatchObject({ Title: 'Unauthorized', Status: 401, Detail: expect.stringMatching(/^TokenExpired/) });

    xero.setTokenSet({ ...valid, access_token: 'not-a-token' });
    expect((await apiFailure(xero.accountingApi.getInvoices(SAMPLE_XERO.tenantId))).response.statusCode).toBe(401);

    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ ...decodeJwt(valid.access_token!), exp: Math.floor((Date.now() + aheadMs) / 1000) + 600 })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(privateKey);
    xero.setTokenSet({ ...valid, access_token: forged });
    const refused = await apiFailure(xero.accountingApi.getInvoices(SAMPLE_XERO.tenantId));
    expect(refused.response.statusCode).toBe(401);
    expect(refused.response.body).toMatchObject({ Detail: 'AuthenticationUnsuccessful' });
    await xero.refreshWithRefreshToken(sandbox.clientId, sandbox.clientSecret, valid.refresh_token);
    expect((await xero.accountingApi.getInvoices(SAMPLE_XERO.tenantId)).response.status).toBe(200);
  });

  it('disconnect removes the tenant from /connections', async () => {
    const [tenant] = await xero.updateTenants(false);
    await xero.disconnect(tenant.id);
    expect(await xero.updateTenants(false)).toEqual([]);
    expect((await apiFailure(xero.accountingApi.getInvoices(SAMPLE_XERO.tenantId))).response.statusCode).toBe(403);
  });
});
