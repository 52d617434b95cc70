import { SignJWT, decodeJwt, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CLIENT_ID } from '../../sandbox/quickbooks/index.js';
import {
  REDIRECT_URI, SCOPES, connect, consentInBrowser, oauthClient, pointIntuitOAuthAt, startClockedSandbox, type ClockedSandbox,
} from './quickbooks-sdk.js';

/** intuit-oauth rejects with a wrapped Error whose `error` is the OAuth error code of the body. */
const rejectionOf = async (promise: Promise<unknown>): Promise<{ error?: string; code?: string; message: string }> => {
  try {
    await promise;
  } catch (error) {
    return error as { error?: string; code?: string; message: string };
  }
  throw new Error('expected the call to be refused');
};

describe('intuit-oauth against the QuickBooks sandbox', () => {
  let sb: ClockedSandbox;
  beforeAll(async () => {
    sb = await startClockedSandbox();
    pointIntuitOAuthAt(sb.qbo);
  });
  afterAll(() => sb.qbo.close());

  it('runs the authorization-code flow with openid profile email and validates the id_token against the JWKS', async () => {
    const client = oauthClient();
    const authorizeUri = client.authorizeUri({ scope: SCOPES, state: 'csrf-123' });
    expect(authorizeUri.startsWith(`${sb.qbo.baseUrl}/connect/oauth2?`)).toBe(true);
    const redirect = await consentInBrowser(authorizeUri);
    const back = new URL(redirect);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get('state')).toBe('csrf-123');

    const response = await client.createToken(redirect);
    expect(response.getToken()).toMatchObject({ realmId: sb.qbo.realmId, token_type: 'bearer', expires_in: 3600, x_refresh_token_expires_in: 8726400 });
    const token = client.getToken();
    expect(token.id_token.split('.')).toHaveLength(3);
    expect(client.isAccessTokenValid()).toBe(true);
    expect(await client.validateIdToken()).toBe(true);
    expect(decodeJwt(token.id_token)).toMatchObject({ aud: [SANDBOX_CLIENT_ID], realmid: sb.qbo.realmId, iss: 'https://oauth.platform.intuit.com/op/v1' });

    const info = await client.getUserInfo();
    expect(info.json).toMatchObject({ sub: decodeJwt(token.id_token).sub, email: expect.stringContaining('@'), emailVerified: true });

    // The code is single use: a replayed redirect is refused as Intuit refuses it.
    expect((await rejectionOf(oauthClient().createToken(redirect))).error).toBe('invalid_grant');
  });

  it('refuses an id_token that was altered or signed by another key', async () => {
    const client = await connect(sb.qbo);
    const genuine = client.getToken().id_token;
    const [header, , signature] = genuine.split('.') as [string, string, string];
    const claims = { ...decodeJwt(genuine), realmid: 'someone-else' };
    client.getToken().id_token = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect((await rejectionOf(client.validateIdToken())).message).toMatch(/signature/i);

    const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string };
    const { privateKey } = await generateKeyPair('RS256');
    client.getToken().id_token = await new SignJWT(decodeJwt(genuine)).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
    expect((await rejectionOf(client.validateIdToken())).message).toMatch(/signature/i);
  });

  it('rotates the refresh token on refresh; the superseded and the revoked ones get invalid_grant', async () => {
    const client = oauthClient({ includeRefreshTokenHardExpiresIn: true });
    await client.createToken(await consentInBrowser(client.authorizeUri({ scope: SCOPES, state: 's' })));
    const first = client.getToken().refresh_token;
    expect(client.getToken().x_refresh_token_hard_expires_in).toBeGreaterThan(0);

    expect((await client.refresh()).getToken().refresh_token).toBe(client.getToken().refresh_token);
    const second = client.getToken().refresh_token;
    expect(second).not.toBe(first);
    expect(client.getToken().access_token.length).toBeGreaterThan(0);
    // Facts §10: always persist the refresh token of every refresh; the older value stops working.
    expect((await rejectionOf(oauthClient().refreshUsingToken(first))).error).toBe('invalid_grant');

    await client.revoke({ refresh_token: second });
    expect((await rejectionOf(oauthClient().refreshUsingToken(second))).error).toBe('invalid_grant');
  });

  it('answers API calls with a bad or expired access token with 401, and a refresh makes them work again', async () => {
    const client = await connect(sb.qbo);
    const url = `${sb.qbo.baseUrl}/v3/company/${sb.qbo.realmId}/companyinfo/${sb.qbo.realmId}?minorversion=75`;
    const ok = await client.makeApiCall({ url });
    expect(ok.status).toBe(200);
    expect(ok.json.CompanyInfo.Id).toBe(sb.qbo.realmId);

    const wrong = oauthClient();
    wrong.setToken({ ...client.getToken(), access_token: 'not-a-token' });
    expect((await rejectionOf(wrong.makeApiCall({ url }))).code).toBe('401');

    sb.advance(3601); // the sandbox's clock passes the access token's hour
    expect((await rejectionOf(client.makeApiCall({ url }))).code).toBe('401');
    await client.refresh();
    expect((await client.makeApiCall({ url })).status).toBe(200);
  });
});
