import { createRequire } from 'node:module';
import type { AxiosStatic } from 'axios';
import { custom, Issuer } from 'openid-client';
import { XeroClient } from 'xero-node';
import type { XeroSandbox } from '../../sandbox/xero/index.js';

/**
 * xero-node (unmodified) pointed at the Xero sandbox the way an app would configure it,
 * plus the one step an app leaves to the user's browser: the consent screen.
 */
export const REDIRECT_URI = 'https://app.example.com/xero/callback';
export const STATE = 'trestle-clients-state';
/** Xero's standard OpenID Connect scopes plus the accounting scopes the hub needs. */
export const SCOPES = [
  'openid', 'profile', 'email', 'offline_access', 'accounting.transactions', 'accounting.contacts', 'accounting.settings',
];

const VENDOR_ORIGINS = ['https://api.xero.com', 'https://identity.xero.com'];

/** The axios module instance xero-node itself loads (CommonJS, resolved from xero-node), not the ESM twin an import gets. */
const xeroNodeAxios = (): AxiosStatic => {
  const fromHere = createRequire(import.meta.url);
  return createRequire(fromHere.resolve('xero-node'))('axios') as AxiosStatic;
};

/**
 * xero-node sends three requests to hard-coded vendor URLs that no config or base path
 * reaches: `updateTenants()` and `disconnect()` (https://api.xero.com/connections) and
 * `refreshWithRefreshToken()` (https://identity.xero.com/connect/token). It sends them with
 * axios's default instance, so a request interceptor on that instance (axios's public API)
 * rewrites those two origins to the sandbox, like a hosts-file entry; xero-node's code is
 * untouched. Anything else aimed at xero.com fails loudly instead of leaving the machine.
 * Returns the function that removes the interceptor.
 */
export const routeVendorHostsTo = (sandbox: XeroSandbox): (() => void) => {
  const axios = xeroNodeAxios();
  const id = axios.interceptors.request.use((config) => {
    const url = config.url ?? '';
    const origin = VENDOR_ORIGINS.find((o) => url.startsWith(`${o}/`));
    if (origin) return { ...config, url: `${sandbox.baseUrl}${url.slice(origin.length)}` };
    if (/^https:\/\/[^/]*xero\.com\//.test(url)) throw new Error(`unrouted Xero URL in a sandbox test: ${url}`);
    return config;
  });
  return () => axios.interceptors.request.eject(id);
};

/**
 * A XeroClient configured as an app configures it. Two things point it at the sandbox:
 * - `initialize()` hard-codes `Issuer.discover('https://identity.xero.com')`. The client's
 *   public `openIdClient` property is set instead to a client of the issuer that
 *   openid-client discovers from the sandbox's discovery document (exactly what
 *   initialize() builds, from another issuer URL); buildConsentUrl() and apiCallback()
 *   only call initialize() while openIdClient is unset. The HTTP timeout and clock
 *   tolerance initialize() would set are set the same way here.
 * - the Accounting and Projects API objects' public `basePath`.
 */
export const sandboxXeroClient = async (sandbox: XeroSandbox, scopes: readonly string[] = SCOPES): Promise<XeroClient> => {
  const config = {
    clientId: sandbox.clientId, clientSecret: sandbox.clientSecret, redirectUris: [REDIRECT_URI], scopes: [...scopes], state: STATE,
    httpTimeout: 30_000,
  };
  const xero = new XeroClient(config);
  custom.setHttpOptionsDefaults({ timeout: config.httpTimeout });
  const issuer = await Issuer.discover(sandbox.discoveryUrl);
  xero.openIdClient = new issuer.Client({ client_id: config.clientId, client_secret: config.clientSecret, redirect_uris: config.redirectUris });
  xero.openIdClient[custom.clock_tolerance] = 5;
  xero.accountingApi.basePath = sandbox.apiBaseUrl;
  xero.projectApi.basePath = sandbox.projectsApiBaseUrl;
  return xero;
};

/** What the user's browser does with the consent URL: follow it and land on the redirect URI. */
export const consentInBrowser = async (consentUrl: string): Promise<string> => {
  const response = await fetch(consentUrl, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`consent answered ${response.status}: ${await response.text()}`);
  return location;
};

/** The whole sign-in an app runs: consent URL, browser, callback, tenants. */
export const connectedXeroClient = async (sandbox: XeroSandbox, scopes: readonly string[] = SCOPES): Promise<XeroClient> => {
  const xero = await sandboxXeroClient(sandbox, scopes);
  await xero.apiCallback(await consentInBrowser(await xero.buildConsentUrl()));
  await xero.updateTenants();
  return xero;
};

/** A failed AccountingApi call rejects with a JSON string ({ response: { statusCode, body } }). */
export interface XeroApiFailure {
  readonly response: { readonly statusCode: number; readonly body: unknown; readonly headers: Record<string, string> };
}

export const apiFailure = async (call: Promise<unknown>): Promise<XeroApiFailure> => {
  try {
    await call;
  } catch (error) {
    return JSON.parse(typeof error === 'string' ? error : JSON.stringify(error)) as XeroApiFailure;
  }
  throw new Error('expected the call to fail');
};
