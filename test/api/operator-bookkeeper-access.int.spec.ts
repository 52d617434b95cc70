import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsModule } from '../../src/adapters/alerts/alerts.module.js';
import { MappingModule } from '../../src/adapters/mapping/index.js';
import { OutboundModule } from '../../src/adapters/pipeline/outbound/outbound.module.js';
import { OutboundService } from '../../src/adapters/pipeline/outbound/outbound.service.js';
import { AlertsApiModule, FailuresApiModule, MappingApiModule } from '../../src/api/admin/admin-api.module.js';
import { AuthModule } from '../../src/api/auth/auth.module.js';
import { ROLES, type Role } from '../../src/api/auth/api-keys.js';
import type { QuickBooksSandbox } from '../../sandbox/quickbooks/index.js';
import { appendSampleDocuments, SAMPLE_MAPPING_FILE, startSandboxChart } from '../mapping/mapping-support.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { KEYS } from './reporting-hub.js';

const HELD = '0b7c1f3e-5d2a-4c8b-9e61-3f4a5b6c7d8e';
const MAPPING = '/admin/connections/acme/mapping';

/** Who may call what under /admin: each route for the operator and the bookkeeper, and for every other role. */
const ROUTES: Array<{ method: string; path: string; body?: object; allowed: readonly Role[]; answers: number }> = [
  { method: 'GET', path: '/admin/failures', allowed: ['operator'], answers: 200 },
  { method: 'POST', path: `/admin/failures/${HELD}/retry`, allowed: ['operator'], answers: 404 },
  { method: 'GET', path: '/admin/alerts', allowed: ['operator'], answers: 200 },
  { method: 'GET', path: '/admin/quarantine', allowed: ['operator'], answers: 200 },
  { method: 'GET', path: '/admin/approvals', allowed: ['operator'], answers: 200 },
  { method: 'POST', path: `/admin/approvals/${HELD}/approve`, allowed: ['operator'], answers: 404 },
  { method: 'GET', path: '/admin/mappings', allowed: ['bookkeeper'], answers: 200 },
  { method: 'GET', path: MAPPING, allowed: ['bookkeeper'], answers: 200 },
  { method: 'GET', path: `${MAPPING}/history`, allowed: ['bookkeeper'], answers: 200 },
  { method: 'GET', path: `${MAPPING}/document`, allowed: ['bookkeeper'], answers: 200 },
  { method: 'POST', path: `${MAPPING}/remap/preview`, body: { changes: [{ costCode: '23-31-00', costType: 'S', account: '63' }] }, allowed: ['finance', 'bookkeeper'], answers: 200 },
  { method: 'POST', path: `${MAPPING}/remap/apply`, body: { changes: [{ costCode: '23-31-00', costType: 'S', account: '63' }], posted: 'leave' }, allowed: ['finance'], answers: 0 },
  { method: 'PUT', path: `${MAPPING}/rules`, body: { costCode: '23-31-00', costType: 'S', account: '63' }, allowed: [], answers: 0 },
  { method: 'POST', path: `${MAPPING}/check`, body: {}, allowed: [], answers: 0 },
];

describe('the operator and bookkeeper roles on the /admin routes', () => {
  let hub: TestHub;
  let qbo: QuickBooksSandbox;
  beforeAll(async () => {
    const sandbox = await startSandboxChart();
    qbo = sandbox.qbo;
    hub = await startTestHub([
      AuthModule.forRoot(Object.entries(KEYS).map(([role, key]) => ({ role: role as Role, key }))),
      AlertsModule.forRoot(), AlertsApiModule, OutboundModule.forRoot(), FailuresApiModule,
      MappingModule.forRoot({ connections: [{ name: 'acme', mappingFile: SAMPLE_MAPPING_FILE }], chart: sandbox.chart }), MappingApiModule,
    ]);
    await appendSampleDocuments(hub.storage.store);
  });
  afterAll(async () => {
    await hub?.close();
    await qbo?.close();
  });

  const send = (route: (typeof ROUTES)[number], role: Role) => fetch(`${hub.url}${route.path}`, {
    method: route.method, headers: { 'x-api-key': KEYS[role], ...(route.body ? { 'content-type': 'application/json' } : {}) },
    ...(route.body ? { body: JSON.stringify(route.body) } : {}),
  });

  it('lets the operator at failures, alerts, quarantine and approvals, and the bookkeeper read the mapping and preview a remap', async () => {
    for (const route of ROUTES.filter((r) => r.answers !== 0)) {
      for (const role of route.allowed) {
        const response = await send(route, role);
        expect(response.status, `${route.method} ${route.path} as ${role}: ${await response.clone().text()}`).toBe(route.answers);
      }
    }
  });

  it('answers 403 with a problem body naming the roles to every other role but admin', async () => {
    for (const route of ROUTES) {
      for (const role of ROLES.filter((r) => r !== 'admin' && !route.allowed.includes(r))) {
        const response = await send(route, role);
        expect(response.status, `${route.method} ${route.path} as ${role}`).toBe(403);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(await response.json()).toMatchObject({ status: 403, title: 'Forbidden', detail: expect.stringContaining(`the key has ${role}`) });
      }
    }
  });

  it('lets the operator approve a held request over REST once, recorded under the key\'s name', async () => {
    const saga = 'acme.saga.invoice_sync-77001';
    const requestId = '5e1d7a52-8c1b-4f0e-a6d4-2b9c3e7f1a60';
    await hub.storage.store.append(saga, [{ id: requestId, type: 'PostBillRequested.v1', data: { DocNumber: 'OPS-1' }, metadata: { correlationId: requestId, connection: 'acme' } }], 'no_stream');
    const [request] = await hub.storage.store.readStream(saga);
    await hub.app.get(OutboundService, { strict: false }).approvals.hold(request!, 'quickbooks:acme', 'acme.procore.subcontractor_invoice-77001');
    const held = { method: 'POST', path: `/admin/approvals/${requestId}/approve`, allowed: ['operator'] as Role[], answers: 200 };

    expect((await send(held, 'finance')).status).toBe(403);
    const listed = await (await send({ ...held, method: 'GET', path: '/admin/approvals?connection=acme' }, 'operator')).json() as { items: Array<{ requestId: string; decision: unknown }> };
    expect(listed.items).toEqual([expect.objectContaining({ requestId, decision: null })]);
    const approved = await send(held, 'operator');
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ requestId, documentStream: 'acme.procore.subcontractor_invoice-77001', decision: { decision: 'approved', decidedBy: 'operator-3' } });
    const again = await send({ ...held, path: `/admin/approvals/${requestId}/reject` }, 'operator');
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ status: 409, detail: `request ${requestId} was already approved` });
  });

  it('still lets admin everywhere', async () => {
    for (const route of ROUTES.filter((r) => r.answers !== 0)) expect((await send(route, 'admin')).status, `${route.method} ${route.path}`).toBe(route.answers);
  });

  it('documents the roles of each route in OpenAPI (x-roles)', async () => {
    const doc = await (await fetch(`${hub.url}/docs/json`)).json() as { paths: Record<string, Record<string, { 'x-roles'?: string[] }>> };
    expect(doc.paths['/admin/approvals']?.get?.['x-roles']).toEqual(['operator']);
    expect(doc.paths['/admin/failures']?.get?.['x-roles']).toEqual(['operator']);
    expect(doc.paths['/admin/connections/{connection}/mapping']?.get?.['x-roles']).toEqual(['bookkeeper']);
    expect(doc.paths['/admin/connections/{connection}/mapping']?.put?.['x-roles']).toEqual(['admin']);
    expect(doc.paths['/admin/connections/{connection}/mapping/remap/preview']?.post?.['x-roles']).toEqual(['finance', 'bookkeeper']);
    expect(doc.paths['/admin/connections/{connection}/mapping/remap/apply']?.post?.['x-roles']).toEqual(['finance']);
  });
});
