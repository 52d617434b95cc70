import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/api/auth/api-keys.js';
import { startTrestleHarness, type TrestleHarness } from '../e2e/support/trestle-harness.js';

interface Parameter { name: string; in: 'query' | 'path' | 'header'; required?: boolean }
interface Operation { method: string; path: string; parameters: Parameter[]; roles: Role[] | undefined }

const operationsOf = (doc: { paths: Record<string, Record<string, { parameters?: Parameter[]; 'x-roles'?: Role[] }>> }): Operation[] =>
  Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(), path, parameters: op.parameters ?? [], roles: op['x-roles'],
  })));

/** Text that must never reach a 5xx: control characters, NUL, huge and odd numbers, long strings, any Unicode. */
const hostileText = (realNames: readonly string[]): fc.Arbitrary<string> => fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 20 }),
  fc.tuple(fc.constantFrom(...realNames, 'acme', '1'), fc.constantFrom('\u0000', '\u0001', '\n', '\u007f', '\u0085')).map(([a, b]) => `${a}${b}`),
  fc.bigInt({ min: 10n ** 15n, max: 10n ** 40n }).map(String),
  fc.constantFrom('99999999999999999999', '-1', '0', '-0', '1e309', '-1e309', 'NaN', 'Infinity', '1.5', '0x10', ' ', '', '9007199254740993'),
  fc.integer({ min: -2_000_000_000, max: -1 }).map(String),
  fc.integer({ min: 100, max: 3000 }).map((n) => 'a'.repeat(n)),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(...realNames, 'acme.procore.subcontractor_invoice-1', '2026-03-31T23:59:59Z', 'reconciliation', 'Bill', 'markdown', 'csv'),
);

/** Raw percent sequences, sent as they are: bad escapes, NUL, overlong UTF-8, lone surrogates, dot-dot. */
const RAW_ESCAPES = ['%', '%%', '%zz', '%00', '%C0%80', '%ED%A0%80', '%FF%FE', '%2e%2e%2f', '%u0000', '%E2%80%AE'];

/** A text as it goes into a URL: percent-encoded (a lone surrogate is sent as its WTF-8 escape), or a raw escape. */
const encoded = (text: string): string => {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
};
const urlValue = (realNames: readonly string[]): fc.Arbitrary<string> => fc.oneof(
  { weight: 5, arbitrary: hostileText(realNames).map(encoded) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_ESCAPES) },
);

interface Attempt { url: string; method: string; role: Role }

const attemptFor = (op: Operation, realNames: readonly string[]): fc.Arbitrary<Attempt> => {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  return fc.record({
    path: fc.tuple(...pathParams.map(() => urlValue(realNames))),
    query: fc.tuple(...queryParams.map(() => fc.option(urlValue(realNames), { nil: undefined }))),
    unknown: fc.option(fc.tuple(fc.oneof(fc.constantFrom('foo', 'page[0]', '__proto__', 'constructor'), hostileText([]).map(encoded)), urlValue(realNames)), { nil: undefined }),
    repeated: fc.boolean(),
  }).map(({ path, query, unknown, repeated }) => {
    let url = op.path;
    pathParams.forEach((p, i) => { url = url.replace(`{${p.name}}`, path[i] || 'x'); });
    const pairs = queryParams.flatMap((p, i) => (query[i] === undefined ? [] : [`${p.name}=${query[i]}`]));
    if (repeated && pairs[0]) pairs.push(pairs[0]);
    if (unknown) pairs.push(`${unknown[0]}=${unknown[1]}`);
    return { url: pairs.length ? `${url}?${pairs.join('&')}` : url, method: op.method, role: op.roles?.[0] ?? 'admin' };
  });
};

describe('no 5xx from any query or path value, on every documented route', () => {
  let harness: TrestleHarness;
  let operations: Operation[];
  const send = (path: string, init: RequestInit & { role?: Role } = {}) =>
    fetch(`${harness.url}${path}`, { ...init, headers: { 'x-api-key': harness.key(init.role ?? 'admin'), ...init.headers } });

  beforeAll(async () => {
    // Every optional feature configured (anchoring needs its key), so that any 5xx left is a real fault.
    harness = await startTrestleHarness({}, { TRESTLE_AUDIT_KEY: randomBytes(32).toString('hex') });
    operations = operationsOf(await (await fetch(`${harness.url}/docs/json`)).json() as never);
  });
  afterAll(async () => harness?.close());

  it('answers hostile values with a 4xx problem body (or a success), never a 5xx', async () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
    const realNames = harness.trestle.config.connections.map((c) => c.name);
    const attempts = fc.oneof(...operations.map((op) => attemptFor(op, realNames)));
    await fc.assert(fc.asyncProperty(attempts, async ({ url, method, role }) => {
      const response = await send(url, { method, role });
      const text = await response.text();
      expect(response.status, `${method} ${url}: ${text.slice(0, 300)}`).toBeLessThan(500);
      if (response.status >= 400) expect(response.headers.get('content-type'), `${method} ${url}`).toContain('application/problem+json');
    }), { numRuns: 400 });
  });

  it('refuses NUL in a finance filter and a page beyond any list with a 400 naming the parameter', async () => {
    for (const [path, name] of [['/finance/reconciliation?costCode=23%0000', 'costCode'], ['/finance/job-cost?project=24%00', 'project'],
      ['/finance/discrepancies?page=99999999999999999999', 'page'], ['/audit/documents/acme.procore.x-1/history?pageSize=1e9', 'pageSize'],
      ['/finance/reconciliation?page=1000001', 'page'], ['/finance/reconciliation?page=2.5', 'page']] as const) {
      const response = await send(path, { role: path.startsWith('/audit') ? 'auditor' : 'finance' });
      expect(response.status, path).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const body = await response.json() as { detail: string; requestId: string };
      expect(body.detail, path).toContain(`"${name}"`);
      expect(body.requestId).toBe(response.headers.get('x-request-id'));
    }
  });

  it('takes the last page the bound allows', async () => {
    const response = await send('/finance/reconciliation?page=1000000&pageSize=500', { role: 'finance' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ page: 1000000, items: [] });
  });

  it('refuses an unknown query parameter alike on every documented route', async () => {
    for (const op of operations) {
      const path = op.path.replace(/\{[^}]+\}/g, 'x');
      const response = await send(`${path}?nonsense=1`, { method: op.method, role: op.roles?.[0] ?? 'admin' });
      expect(response.status, `${op.method} ${path}`).toBe(400);
      expect((await response.json() as { detail: string }).detail, `${op.method} ${path}`).toContain('"nonsense"');
    }
    // Routes the document leaves out take no query parameter; HEAD takes GET's.
    for (const path of ['/health/live', '/health/ready', '/metrics']) expect((await send(`${path}?nonsense=1`)).status, path).toBe(400);
    expect((await send('/finance/reconciliation?page=2', { method: 'HEAD', role: 'finance' })).status).toBe(200);
    expect((await send('/finance/reconciliation?nonsense=1', { method: 'HEAD', role: 'finance' })).status).toBe(400);
  });

  it('answers an over-long URL with 414 and a malformed escape with 400, both problem bodies', async () => {
    for (const [path, status] of [[`/finance/reconciliation?project=${'a'.repeat(5000)}`, 414], [`/audit/documents/${'a'.repeat(5000)}/history`, 414], ['/audit/documents/%zz/history', 400]] as const) {
      const response = await send(path, { role: 'auditor' });
      expect(response.status, path.slice(0, 40)).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ status, requestId: response.headers.get('x-request-id') });
    }
  });

  it('answers headers beyond the limit with 431 and a problem body', async () => {
    const { port } = new URL(harness.url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(`GET /health/live HTTP/1.1\r\nHost: x\r\nx-big: ${'b'.repeat(20_000)}\r\n\r\n`));
      let text = '';
      socket.on('data', (chunk) => { text += chunk.toString(); });
      socket.on('close', () => resolve(text));
      socket.on('error', (error) => (text ? resolve(text) : reject(error)));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 431 /);
    expect(reply).toContain('content-type: application/problem+json'.replace('content-type', 'Content-Type'));
    expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 431, title: 'Request Header Fields Too Large' });
  });

  it('answers a body beyond the limit with 413 and a problem body', async () => {
    const response = await send('/admin/connections/x/mapping/check', { method: 'POST', body: JSON.stringify({ text: 'y'.repeat(1_100_000) }), headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 413 });
  });
});
