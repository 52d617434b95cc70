import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MappingApiModule } from '../../src/api/admin/admin-api.module.js';
import { AuthModule } from '../../src/api/auth/auth.module.js';
import { MappingModule } from '../../src/adapters/mapping/index.js';
import type { QuickBooksSandbox } from '../../sandbox/quickbooks/index.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { ADMIN_KEY, appendSampleDocuments, FINANCE_KEY, fixedClock, KEYS, SAMPLE_MAPPING_FILE, startSandboxChart } from './mapping-support.js';

const BASE = '/admin/connections/acme/mapping';

describe('mapping REST API', () => {
  let hub: TestHub;
  let qbo: QuickBooksSandbox;
  const clock = fixedClock('2026-05-01T08:00:00.000Z');

  beforeAll(async () => {
    const sandbox = await startSandboxChart();
    qbo = sandbox.qbo;
    hub = await startTestHub([
      AuthModule.forRoot(KEYS),
      MappingModule.forRoot({ connections: [{ name: 'acme', mappingFile: SAMPLE_MAPPING_FILE }], chart: sandbox.chart, now: clock.now }), MappingApiModule,
    ]);
    await appendSampleDocuments(hub.storage.store);
  });
  afterAll(async () => {
    await hub?.close();
    await qbo?.close();
  });

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const json = body !== undefined && typeof body !== 'string';
    const response = await fetch(`${hub.url}${path}`, {
      method,
      headers: { 'x-api-key': ADMIN_KEY, ...(json ? { 'content-type': 'application/json' } : {}), ...headers },
      body: json ? JSON.stringify(body) : (body as string | undefined),
    });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- specs read arbitrary response JSON
    return { status: response.status, type: response.headers.get('content-type') ?? '', text, json: (isJson ? JSON.parse(text) : undefined) as any };
  };

  it('reads the mapping in force with its version, and guards it with the admin role', async () => {
    const { status, json } = await call('GET', BASE);
    expect(status).toBe(200);
    expect(json).toMatchObject({ connection: 'acme', version: 1, settings: { retainage: { mode: 'gross-open' } } });
    expect(json.rules).toHaveLength(7);
    expect(json.rules[0]).toEqual({ costCode: '23-31-00', costType: 'S', account: { value: '61', name: 'Subcontractors' }, class: { value: '200000000000000123', name: '23 HVAC' } });
    expect(json.jobs).toEqual({ 2468013: { customer: { value: '59', name: '2026-014 Riverside Medical Office' } } });
    expect((await call('GET', BASE, undefined, { 'x-api-key': FINANCE_KEY })).status).toBe(403);
    expect((await call('GET', '/admin/connections/nope/mapping')).status).toBe(404);
    expect((await call('GET', '/admin/mappings')).json).toEqual([{ connection: 'acme', version: 1 }]);
  });

  it('refuses a replacement with 400, naming every problem with its path, and changes nothing', async () => {
    const yaml = [
      'settings: { retainage: { mode: negative } }',
      'rules:',
      '  - { costCode: "23-3x", account: "61" }',
      '  - { costCode: "22", account: "62", item: "12" }',
      '  - { costCode: "01", acount: "65" }',
    ].join('\n');
    const { status, type, json } = await call('PUT', BASE, yaml, { 'content-type': 'application/yaml' });
    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(json.problems.map((p: { path: string }) => p.path)).toEqual(['settings.retainage.mode', 'rules[0].costCode', 'rules[1]', 'rules[2].acount', 'rules[2]']);
    const syntax = await call('PUT', BASE, 'rules: [ { costCode: "23" ', { 'content-type': 'text/yaml' });
    expect(syntax.status).toBe(400);
    expect(syntax.json.problems[0].path).toMatch(/^\(yaml line \d+, column \d+\)$/);
    expect((await call('GET', BASE)).json.version).toBe(1);
  });

  it('upserts and removes one rule, each a new version, a repeat changing nothing; the history says who and when', async () => {
    clock.set('2026-05-02T10:00:00.000Z');
    const rule = { costCode: '23-09-00', costType: 'M', account: { value: '64', name: 'Equipment Rental' } };
    const upserted = await call('PUT', `${BASE}/rules`, rule);
    expect(upserted.status).toBe(200);
    expect(upserted.json).toMatchObject({ version: 2, changed: true, changedAt: '2026-05-02T10:00:00.000Z' });
    expect((await call('PUT', `${BASE}/rules`, rule)).json).toMatchObject({ version: 2, changed: false });
    const invalid = await call('PUT', `${BASE}/rules`, { costCode: '23-09-00', account: 'has spaces' });
    expect(invalid.json.problems).toEqual([{ path: 'rule.account', message: 'expected an id (text without spaces), got "has spaces"' }]);

    clock.set('2026-05-02T11:00:00.000Z');
    const removed = await call('DELETE', `${BASE}/rules?costCode=23-09-00&costType=M`);
    expect(removed.json).toMatchObject({ version: 3, changed: true });
    expect(removed.json.rules).toHaveLength(7);
    expect((await call('DELETE', `${BASE}/rules?costCode=23-09-00&costType=M`)).json).toMatchObject({ version: 3, changed: false });
    expect((await call('DELETE', `${BASE}/rules`)).status).toBe(400);

    const history = (await call('GET', `${BASE}/history`)).json as Array<Record<string, unknown>>;
    expect(history.map(({ version, type, changedBy, changedAt, origin, summary }) => ({ version, type, changedBy, changedAt, origin, summary }))).toEqual([
      { version: 1, type: 'MappingImported.v1', changedBy: `file:${SAMPLE_MAPPING_FILE}`, changedAt: '2026-05-01T08:00:00.000Z', origin: 'file', summary: 'imported the mapping: 7 rule(s), 1 job(s)' },
      { version: 2, type: 'MappingRuleUpserted.v1', changedBy: 'ops-admin', changedAt: '2026-05-02T10:00:00.000Z', origin: 'api', summary: 'added rule 23-09-00/M: posts to account Equipment Rental (64)' },
      { version: 3, type: 'MappingRuleRemoved.v1', changedBy: 'ops-admin', changedAt: '2026-05-02T11:00:00.000Z', origin: 'api', summary: 'removed rule 23-09-00/M (posted to account Equipment Rental (64))' },
    ]);
  });

  it('replaces the whole mapping from JSON as a new version; the same body again records nothing', async () => {
    const current = (await call('GET', BASE)).json;
    const body = { settings: current.settings, jobs: current.jobs, rules: current.rules.filter((r: { costCode: string }) => r.costCode !== '01') };
    expect((await call('PUT', BASE, body)).json).toMatchObject({ version: 4, changed: true });
    expect((await call('PUT', BASE, body)).json).toMatchObject({ version: 4, changed: false });
  });

  it('renders the mapping document over the cost codes in use, as CSV and as Markdown', async () => {
    const csv = await call('GET', `${BASE}/document?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    const rows = csv.text.trimEnd().split('\r\n');
    expect(rows[0]).toBe('project_id,cost_code,cost_type,name,posts_to,ref_id,ref_name,class_id,class_name,customer_job,billable,rule,status');
    expect(rows).toHaveLength(7);
    expect(rows).toContain('2468013,23-31-00,M,HVAC Ducts and Casings,Account,62,Job Materials (62),200000000000000123,23 HVAC (200000000000000123),2026-014 Riverside Medical Office (59),no,rules[2] 23/M,MAPPED');
    expect(rows).toContain('2468013,23-05-00,L,Common Work Results for HVAC,Item,12,HVAC Labor (12),200000000000000123,23 HVAC (200000000000000123),2026-014 Riverside Medical Office (59),no,rules[3] 23-05-00/L,MAPPED');

    const markdown = await call('GET', `${BASE}/document`);
    expect(markdown.type).toContain('text/markdown');
    expect(markdown.text).toContain('# Cost-code mapping');
    expect(markdown.text).toContain('6 cost codes in use; every one has a home.');
    expect(markdown.text).toContain('| 2468013 | 23-33-00 | S | Air Duct Accessories | Account | Subcontractors (61) |');
    expect((await call('GET', `${BASE}/document?format=pdf`)).status).toBe(400);
  });

  it('publishes the routes in the OpenAPI document', async () => {
    const doc = await (await fetch(`${hub.url}/docs/json`)).json() as { paths: Record<string, Record<string, unknown>> };
    const path = '/admin/connections/{connection}/mapping';
    expect(Object.keys(doc.paths[path] ?? {}).sort()).toEqual(['get', 'put']);
    expect(Object.keys(doc.paths[`${path}/rules`] ?? {}).sort()).toEqual(['delete', 'put']);
    for (const rest of ['/history', '/document', '/check']) expect(doc.paths[`${path}${rest}`]).toBeDefined();
  });
});
