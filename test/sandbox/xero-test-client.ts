import { SAMPLE_XERO } from '../../sandbox/sample/sample-project.js';
import type { TokenSet, XeroSandbox } from '../../sandbox/xero/index.js';

/** A minimal Xero client for the simulator's integration tests: real HTTP, nothing mocked. */
export interface XeroResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary Xero JSON
  readonly json: any;
}

export interface CallOptions {
  readonly body?: unknown;
  /** Sent as-is instead of JSON (malformed-input tests). */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly token?: string;
  readonly tenantId?: string | null;
}

export const readResponse = async (response: Response): Promise<XeroResponse> => {
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
};

export const basicAuth = (sandbox: XeroSandbox, secret = sandbox.clientSecret): string =>
  `Basic ${Buffer.from(`${sandbox.clientId}:${secret}`).toString('base64')}`;

export const tokenRequest = async (sandbox: XeroSandbox, form: Record<string, string>, authorization = basicAuth(sandbox)) =>
  readResponse(await fetch(sandbox.tokenUrl, {
    method: 'POST', body: new URLSearchParams(form).toString(),
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
  }));

/** Consent through the admin route, then the authorization-code grant over HTTP. */
export const connect = async (sandbox: XeroSandbox, consent: Record<string, unknown> = {}): Promise<TokenSet> => {
  const codeResponse = await fetch(`${sandbox.baseUrl}/_sandbox/oauth/code`, {
    method: 'POST', body: JSON.stringify(consent), headers: { 'content-type': 'application/json' },
  });
  const { code } = (await codeResponse.json()) as { code: string };
  const response = await tokenRequest(sandbox, { grant_type: 'authorization_code', code });
  if (response.status !== 200) throw new Error(`token exchange failed: ${response.text}`);
  return response.json as TokenSet;
};

export const xeroCall = async (sandbox: XeroSandbox, method: string, path: string, options: CallOptions = {}): Promise<XeroResponse> => {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.tenantId !== null) headers['xero-tenant-id'] = options.tenantId ?? SAMPLE_XERO.tenantId;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  return readResponse(await fetch(`${sandbox.apiBaseUrl}${path}`, { method, headers, body }));
};

/** A client bound to one token and tenant. */
export const client = (sandbox: XeroSandbox, token: string, tenantId: string = SAMPLE_XERO.tenantId) => ({
  get: (path: string, options: CallOptions = {}) => xeroCall(sandbox, 'GET', path, { token, tenantId, ...options }),
  put: (path: string, body: unknown, options: CallOptions = {}) => xeroCall(sandbox, 'PUT', path, { token, tenantId, body, ...options }),
  post: (path: string, body: unknown, options: CallOptions = {}) => xeroCall(sandbox, 'POST', path, { token, tenantId, body, ...options }),
});

export type XeroClient = ReturnType<typeof client>;

/** An ACCPAY bill to Northwind (seeded), coded to Subcontractors with both tracking categories. */
export const sampleBill = (overrides: Record<string, unknown> = {}) => ({
  Type: 'ACCPAY',
  Contact: { Name: 'Northwind Sheet Metal LLC' },
  InvoiceNumber: 'NSM-1041',
  Date: '2026-03-31',
  DueDate: '2026-04-30',
  Status: 'AUTHORISED',
  Url: 'https://app.example.com/bills/1280641',
  LineItems: [{
    Description: 'Supply and return ductwork', Quantity: 1, UnitAmount: 45000, AccountCode: '310', TaxType: 'NONE',
    Tracking: [{ Name: 'Job', Option: '2026-014 Riverside Medical Office' }, { Name: 'Cost Code', Option: '23 HVAC' }],
  }],
  ...overrides,
});
