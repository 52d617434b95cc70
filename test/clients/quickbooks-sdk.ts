import { createRequire } from 'node:module';
import OAuthClient from 'intuit-oauth';
import type { QuickBooks as QuickBooksClass } from 'node-quickbooks';
import {
  SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startQuickBooksSandbox, type QuickBooksSandbox,
} from '../../sandbox/quickbooks/index.js';

/**
 * intuit-oauth and node-quickbooks (unmodified) pointed at the QuickBooks sandbox the way an
 * app would configure them, plus the step an app leaves to the user's browser: consent.
 */
export const REDIRECT_URI = 'https://app.example.com/quickbooks/callback';
export const SCOPES = [OAuthClient.scopes.Accounting, OAuthClient.scopes.OpenId, OAuthClient.scopes.Profile, OAuthClient.scopes.Email];

// node-quickbooks ships `export default` typings for a CommonJS `module.exports = QuickBooks`;
// required as CommonJS, the value is the constructor its typings call QuickBooks.
export const QuickBooks = createRequire(import.meta.url)('node-quickbooks') as typeof QuickBooksClass;

/** The sandbox with a clock the test can move forward (access tokens live 3600 s). */
export interface ClockedSandbox {
  readonly qbo: QuickBooksSandbox;
  advance(seconds: number): void;
}

export const startClockedSandbox = async (): Promise<ClockedSandbox> => {
  let skewMs = 0;
  const qbo = await startQuickBooksSandbox({ now: () => new Date(Date.now() + skewMs) });
  return { qbo, advance: (seconds) => { skewMs += seconds * 1000; } };
};

/**
 * Intuit's hosts are static properties of the client: `setAuthorizeURLs` (its public API for
 * custom endpoints) for authorize/token/revoke/userinfo, and the public statics `jwks_uri`
 * (validateIdToken's key set) and `environment.sandbox` (makeApiCall's base for relative URLs).
 */
export const pointIntuitOAuthAt = (qbo: QuickBooksSandbox): void => {
  const discovery = {
    authorizeEndpoint: `${qbo.baseUrl}/connect/oauth2`,
    tokenEndpoint: qbo.tokenUrl,
    revokeEndpoint: `${qbo.baseUrl}/v2/oauth2/tokens/revoke`,
    userInfoEndpoint: `${qbo.baseUrl}/v1/openid_connect/userinfo`,
  };
  new OAuthClient({ clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET, environment: 'sandbox', redirectUri: REDIRECT_URI }).setAuthorizeURLs(discovery);
  OAuthClient.jwks_uri = `${qbo.baseUrl}/op/v1/jwks`;
  OAuthClient.environment.sandbox = `${qbo.baseUrl}/`;
};

export const oauthClient = (options: { includeRefreshTokenHardExpiresIn?: boolean } = {}): OAuthClient =>
  new OAuthClient({ clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET, environment: 'sandbox', redirectUri: REDIRECT_URI, ...options });

/** What the browser does with the authorize URL: the sandbox's consent is approved and redirects back. */
export const consentInBrowser = async (authorizeUri: string): Promise<string> => {
  const response = await fetch(authorizeUri, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`consent answered ${response.status}: ${await response.text()}`);
  return location;
};

/** A connected app: the tokens of a full authorization-code flow with intuit-oauth. */
export const connect = async (qbo: QuickBooksSandbox): Promise<OAuthClient> => {
  const client = oauthClient();
  const redirect = await consentInBrowser(client.authorizeUri({ scope: SCOPES, state: 'app-state' }));
  await client.createToken(redirect);
  if (client.getToken().realmId !== qbo.realmId) throw new Error('the redirect carried no realmId');
  return client;
};

/**
 * node-quickbooks for an OAuth 2.0 connection. The API host is the public static
 * `V3_ENDPOINT_BASE_URL` (read by the constructor for sandbox companies); refresh and revoke
 * use the public statics `TOKEN_URL` and `REVOKE_URL`.
 */
export const quickbooksFor = (qbo: QuickBooksSandbox, tokens: { access_token: string; refresh_token: string; realmId: string }): QuickBooksClass => {
  QuickBooks.V3_ENDPOINT_BASE_URL = `${qbo.baseUrl}/v3/company/`;
  QuickBooks.TOKEN_URL = qbo.tokenUrl;
  QuickBooks.REVOKE_URL = `${qbo.baseUrl}/v2/oauth2/tokens/revoke`;
  return new QuickBooks(
    SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, tokens.access_token, false, tokens.realmId,
    true, false, '75', '2.0', tokens.refresh_token,
  );
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- QuickBooks JSON as the SDK hands it back
export type Json = any;

/** One node-quickbooks call as its callback reports it: the error (AxiosError or Fault body), the data, the response. */
export interface SdkResult {
  readonly err: Json;
  readonly data: Json;
  readonly status: number | undefined;
}

/** Runs a node-quickbooks method with its (err, data, res) callback and returns all three. */
export const sdk = (run: (callback: (err: Json, data: Json, res: Json) => void) => void): Promise<SdkResult> =>
  new Promise((resolve) => {
    run((err, data, res) => resolve({ err, data, status: res?.status ?? err?.response?.status }));
  });

/** The Fault of a failed node-quickbooks call: from the HTTP error's body, or the 200 body itself. */
export const faultOf = (result: SdkResult): { code: string; Message?: string; Detail?: string } | undefined => {
  const body = result.err?.response?.data ?? result.err;
  const fault = body?.Fault ?? body?.fault;
  return (fault?.Error ?? fault?.error)?.[0];
};
