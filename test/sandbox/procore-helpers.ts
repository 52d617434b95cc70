import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ProcoreSandbox } from '../../sandbox/procore/index.js';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

const read = async (response: Response): Promise<Answer> => {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // non-JSON bodies stay text
  }
  return { status: response.status, headers: response.headers, body };
};

export const tokenRequest = async (sandbox: ProcoreSandbox, form: Record<string, string>, json = false): Promise<Answer> =>
  read(await fetch(`${sandbox.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
    body: json ? JSON.stringify(form) : new URLSearchParams(form).toString(),
  }));

export const serviceToken = async (sandbox: ProcoreSandbox): Promise<string> => {
  const answer = await tokenRequest(sandbox, { grant_type: 'client_credentials', client_id: sandbox.clientId, client_secret: sandbox.clientSecret });
  return (answer.body as { access_token: string }).access_token;
};

export interface CallOptions {
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly contentType?: string;
  readonly company?: string | null;
}

/** A Procore API client as thin as possible: bearer token and company header on every call. */
export const apiClient = (sandbox: ProcoreSandbox, token: string) =>
  async (method: string, path: string, options: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    const company = options.company === undefined ? String(sandbox.companyId) : options.company;
    if (company !== null) headers['procore-company-id'] = company;
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    return read(await fetch(`${sandbox.baseUrl}${path}`, { method, headers, body }));
  };

export const admin = async (sandbox: ProcoreSandbox, method: string, path: string, body?: unknown): Promise<Answer> =>
  read(await fetch(`${sandbox.baseUrl}/_sandbox/procore${path}`, {
    method, headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }));

export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

/** A webhook receiver whose answers the test scripts: `statuses` are used in turn, then 200. */
export const startReceiver = async (options: { statuses?: number[]; delayMs?: number } = {}) => {
  const received: Received[] = [];
  const statuses = [...(options.statuses ?? [])];
  let calls = 0;
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => { raw += chunk.toString('utf8'); });
    request.on('end', () => {
      calls++;
      const status = statuses.shift() ?? 200;
      if (status < 300) received.push({ headers: request.headers, body: JSON.parse(raw) as Record<string, unknown> });
      setTimeout(() => response.writeHead(status).end(), options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/procore`,
    received,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

// A liveness bound only: deliveries on a busy machine can take seconds.
export const waitFor = async (condition: () => boolean, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
