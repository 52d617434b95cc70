import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitmentEvents } from '../../bench/replay/contract-flow.js';
import type { Role } from '../../src/api/auth/api-keys.js';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from '../mapping/mapping-support.js';
import { appendAll } from '../projections/append-flows.js';
import { eventually, startTrestleHarness, type TrestleHarness } from '../e2e/support/trestle-harness.js';

interface Parameter { name: string; in: 'query' | 'path' | 'header'; required?: boolean }
interface Operation { method: string; path: string; parameters: Parameter[]; roles?: Role[]; body: boolean }

/** The names a request can get wrong; each is probed alone, the others known. */
const SCOPES = ['connection', 'project', 'document'] as const;
type Scope = (typeof SCOPES)[number];

const PROJECT = '5550001';
const COMMITMENT = '5550002';
const KNOWN: Record<Scope, string> = { connection: 'demo', project: PROJECT, document: `demo.procore.commitment-${COMMITMENT}` };
const UNKNOWN: Record<Scope, string> = { connection: 'nosuch', project: '999000999', document: 'demo.procore.subcontractor_invoice-999000999' };
/** Values for the other parameters a route requires, and bodies the routes accept, so that only the probed name can be wrong. */
const OTHER: Record<string, string> = { at: '2026-12-31T00:00:00Z', entity: 'Bill', id: '1', costCode: '23-31-00', kind: 'planswift-takeoff' };
const CHANGE = { costCode: '23-31-00', costType: 'S', account: '63' };
const BODIES: Record<string, object> = {
  'PUT /admin/connections/{connection}/mapping/rules': CHANGE,
  'POST /admin/connections/{connection}/mapping/remap/preview': { changes: [CHANGE] },
  'POST /admin/connections/{connection}/mapping/remap/apply': { changes: [CHANGE], posted: 'leave' },
};

/**
 * Routes that take a name but must not say whether it exists: a webhook's sender is not signed
 * in, and an unauthenticated caller learns nothing about which connections the hub has (401).
 */
const UNAUTHENTICATED = (op: Operation) => op.roles === undefined;

/** A file import names the project its documents go to, which may be new: an estimator's takeoff comes before anything else of the project. */
const NAMES_A_NEW_PROJECT = (op: Operation, scope: Scope) => scope === 'project' && op.path.startsWith('/imports/');

const operationsOf = (doc: { paths: Record<string, Record<string, { parameters?: Parameter[]; 'x-roles'?: Role[]; requestBody?: unknown }>> }): Operation[] =>
  Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(), path, parameters: op.parameters ?? [], roles: op['x-roles'], body: op.requestBody !== undefined,
  })));

/** The route's URL with `scope` set to `value` and every other parameter known (optional ones left out). */
const urlOf = (op: Operation, scope: Scope, value: string): string => {
  let url = op.path;
  const query: string[] = [];
  for (const p of op.parameters) {
    const given = p.name === scope ? value : p.name === 'connection' ? KNOWN.connection : p.required ? (OTHER[p.name] ?? KNOWN[p.name as Scope] ?? 'x') : undefined;
    if (given === undefined) continue;
    if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(given));
    else query.push(`${p.name}=${encodeURIComponent(given)}`);
  }
  // The drill-down needs its cost code to get as far as the project.
  if (op.path === '/console/finance-documents') query.push(`costCode=${OTHER.costCode}`);
  return query.length > 0 ? `${url}?${query.join('&')}` : url;
};

describe('an unknown connection, project or document is a 404 problem on every route and CLI command that names one', () => {
  let harness: TrestleHarness;
  let operations: Operation[];
  const send = (op: Operation, url: string) => {
    const body = BODIES[`${op.method} ${op.path}`] ?? (op.body ? {} : undefined);
    return fetch(`${harness.url}${url}`, {
      method: op.method,
      headers: { 'x-api-key': harness.key('admin'), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  };

  beforeAll(async () => {
    harness = await startTrestleHarness();
    // One draft commitment (nothing posts a draft): a known project and document on the demo connection.
    await appendAll(harness.store, commitmentEvents('demo', PROJECT, COMMITMENT, [{ costCode: '23-31-00', costType: 'S', amount: 1_000_00, retainage: 0 }]).slice(0, 1));
    await eventually('the reconciliation to hold the draft commitment', async () =>
      (await fetch(`${harness.url}/finance/reconciliation?connection=demo&project=${PROJECT}`, { headers: { 'x-api-key': harness.key('finance') } })).status === 200);
    operations = operationsOf(await (await fetch(`${harness.url}/docs/json`)).json() as never);
  });
  afterAll(async () => harness?.close());

  const probes = () => operations.filter((op) => !UNAUTHENTICATED(op))
    .flatMap((op) => SCOPES.filter((scope) => op.parameters.some((p) => p.name === scope) && !NAMES_A_NEW_PROJECT(op, scope)).map((scope) => ({ op, scope })));

  it('walks every documented route that names one', () => {
    const walked = new Set(probes().map(({ op }) => `${op.method} ${op.path}`));
    // The areas the issue names: finance, audit (history, as-of), console, mapping and remap, approvals, failures, alerts.
    for (const route of ['GET /finance/reconciliation', 'GET /finance/retainage', 'GET /audit/documents/{document}/history', 'GET /audit/documents/{document}/as-of',
      'GET /console/finance', 'GET /console/audit', 'GET /console/operator', 'GET /console/approvals', 'GET /console/mapping',
      'POST /admin/connections/{connection}/mapping/remap/preview', 'GET /admin/approvals', 'GET /admin/failures', 'GET /admin/alerts', 'GET /admin/quarantine']) {
      expect(walked, route).toContain(route);
    }
    expect(walked.size).toBeGreaterThanOrEqual(33);
  });

  it('answers 404 with a problem body naming the unknown value, where the known value is no 404', async () => {
    const wrong: string[] = [];
    for (const { op, scope } of probes()) {
      const unknownUrl = urlOf(op, scope, UNKNOWN[scope]);
      const response = await send(op, unknownUrl);
      const text = await response.text();
      const named = text.includes(UNKNOWN[scope]);
      if (response.status !== 404 || !response.headers.get('content-type')?.includes('application/problem+json') || !named) {
        wrong.push(`${op.method} ${unknownUrl}: ${response.status} ${text.slice(0, 160)}`);
      }
      // The same request with the known value gets past the lookup: the 404 above is the name's doing.
      if (op.method === 'GET') {
        const known = await send(op, urlOf(op, scope, KNOWN[scope]));
        if (known.status === 404) wrong.push(`${op.method} ${urlOf(op, scope, KNOWN[scope])} (known): 404 ${(await known.text()).slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('exits 2 naming the 404 from every CLI command given an unknown connection, project or document', async () => {
    const hub = ['--url', harness.url, '--key', harness.key('admin')];
    const commands: Array<[string[], string]> = [
      [['history', UNKNOWN.document], UNKNOWN.document],
      [['audit', 'verify', UNKNOWN.connection], UNKNOWN.connection],
      [['finance', 'owner-billing', '--connection', UNKNOWN.connection], UNKNOWN.connection],
      [['finance', 'owner-billing', '--connection', KNOWN.connection, '--project', UNKNOWN.project], UNKNOWN.project],
      [['finance', 'retainage', '--connection', UNKNOWN.connection], UNKNOWN.connection],
      [['finance', 'retainage', '--connection', KNOWN.connection, '--project', UNKNOWN.project], UNKNOWN.project],
      [['mapping', 'document', '--connection', UNKNOWN.connection], UNKNOWN.connection],
      [['mapping', 'preview', '--connection', UNKNOWN.connection, '--cost-code', '23-31-00', '--cost-type', 'S', '--account', '63'], UNKNOWN.connection],
      [['procore', 'hooks', '--connection', UNKNOWN.connection], UNKNOWN.connection],
    ];
    for (const [args, name] of commands) {
      const io = captureIo();
      expect(await runCli([...args, ...hub], io), args.join(' ')).toBe(2);
      expect(io.stderr.join('\n'), args.join(' ')).toMatch(new RegExp(`404 Not Found.*${name}`));
    }
  });
});
