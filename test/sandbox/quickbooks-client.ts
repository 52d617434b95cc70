import { startQuickBooksSandbox, type QuickBooksSandbox, type QuickBooksSandboxOptions } from '../../sandbox/quickbooks/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs read arbitrary QuickBooks JSON
export type Json = any;

export interface QboResponse {
  readonly status: number;
  readonly json: Json;
  readonly text: string;
  readonly headers: Headers;
}

export interface CallOptions {
  readonly body?: unknown;
  /** Sent as-is (malformed-input tests); Content-Type from headers. */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly token?: string | null;
}

/** A tiny client for the QuickBooks simulator specs: real HTTP, bearer token, parsed JSON. */
export interface QboTestClient {
  readonly qbo: QuickBooksSandbox;
  readonly realm: string;
  accessToken: string;
  /** `${baseUrl}/v3/company/${realm}${path}` with the bearer token. */
  call(method: string, path: string, options?: CallOptions): Promise<QboResponse>;
  post(path: string, body: unknown): Promise<QboResponse>;
  get(path: string): Promise<QboResponse>;
  /** GET /query; returns the QueryResponse object. */
  query(select: string): Promise<Json>;
  admin(method: string, path: string, body?: unknown): Promise<QboResponse>;
}

export const readResponse = async (response: Response): Promise<QboResponse> => {
  const text = await response.text();
  let json: Json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, headers: response.headers };
};

export const startQbo = async (options: QuickBooksSandboxOptions = {}): Promise<QboTestClient> => {
  const qbo = await startQuickBooksSandbox(options);
  const client: QboTestClient = {
    qbo,
    realm: qbo.realmId,
    accessToken: qbo.issueTokens().access_token,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
      const token = options.token === undefined ? client.accessToken : options.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      let body = options.rawBody;
      if (options.body !== undefined) body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      if (body !== undefined && !headers['content-type']) headers['content-type'] = typeof options.body === 'string' ? 'application/text' : 'application/json';
      return readResponse(await fetch(`${qbo.baseUrl}/v3/company/${client.realm}${path}`, { method, headers, body }));
    },
    post: (path, body) => client.call('POST', path, { body }),
    get: (path) => client.call('GET', path),
    async query(select) {
      const { json } = await client.get(`/query?query=${encodeURIComponent(select)}&minorversion=75`);
      return json.QueryResponse;
    },
    async admin(method, path, body) {
      return readResponse(await fetch(`${qbo.baseUrl}/_sandbox${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }));
    },
  };
  return client;
};

let docCounter = 0;

/** A valid bill for the seeded vendor 46 against the project job (59), Subcontractors (61), class 23 HVAC. */
export const billBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  VendorRef: { value: '46' },
  TxnDate: '2026-03-31',
  DocNumber: `NSM-${++docCounter}`,
  PrivateNote: 'trestle:req:1280641',
  Line: [{
    Description: 'Supply and return ductwork',
    Amount: 45000,
    DetailType: 'AccountBasedExpenseLineDetail',
    AccountBasedExpenseLineDetail: {
      AccountRef: { value: '61' },
      CustomerRef: { value: '59' },
      ClassRef: { value: '200000000000000123' },
      BillableStatus: 'NotBillable',
    },
  }],
  ...overrides,
});

/** The first Fault error of a body, whatever the key casing. */
export const faultOf = (json: Json): { code: string; Message?: string; Detail?: string; message?: string } | undefined => {
  const fault = json?.Fault ?? json?.fault;
  return (fault?.Error ?? fault?.error)?.[0];
};
