import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsModule } from '../../src/adapters/alerts/alerts.module.js';
import { OutboundModule } from '../../src/adapters/pipeline/outbound/outbound.module.js';
import { loadEnv } from '../../src/platform/config/env.js';
import { deterministicEventId } from '../../src/eventstore/index.js';
import { createHub, type Hub } from '../../src/hub/create-hub.js';
import { AlertsApiModule, FailuresApiModule } from '../../src/api/admin/admin-api.module.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../support/databases.js';
import { FakeTarget, WebhookReceiver } from './support/fake-target.js';
import { appendRequest, auditOf, waitFor } from './support/harness.js';
import { thingHandler } from './support/thing-handler.js';

interface Page { items: Array<{ requestId: string; status: string; connection: string; documentStream: string }>; nextCursor: number | null }

describe.each(testBackends())('admin failures and alerts over HTTP, hub on %s PostgreSQL', (backend) => {
  let db: TestDatabase;
  let dataDir: string;
  let hub: Hub;
  const fake = new FakeTarget();
  const receiver = new WebhookReceiver();
  let down = true;
  const get = async <T>(path: string): Promise<{ status: number; type: string | null; body: T }> => {
    const response = await fetch(`${hub.url}${path}`);
    return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as T };
  };
  const post = (path: string, body?: object) => fetch(`${hub.url}${path}`, {
    method: 'POST', ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    dataDir = await mkdtemp(join(tmpdir(), 'trestle-admin-'));
    const url = await fake.start();
    fake.behaviour = () => (down ? { status: 503 } : 'ok');
    const env = loadEnv({
      DATABASE_URL: db.url, PORT: '0', LOG_LEVEL: 'silent', TRESTLE_DATA_DIR: dataDir,
      TRESTLE_ALERT_WEBHOOK_URL: await receiver.start(), TRESTLE_PUBLIC_URL: 'https://trestle.test',
    });
    hub = await createHub(env, [
      AlertsModule.forRoot(), AlertsApiModule, FailuresApiModule,
      OutboundModule.forRoot({
        handlers: [thingHandler('PostAdminRequested.v1', url)], retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 }, breaker: { consecutiveFailures: 100 },
      }),
    ]);
  });
  afterAll(async () => {
    await hub?.close();
    await fake.stop();
    await receiver.stop();
    await db.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists a dead letter with an alert, retries it on request, and sends the recovery', async () => {
    const store = hub.storage.store;
    const request = await appendRequest(store, 'PostAdminRequested.v1', 'ADM-1');
    await waitFor(async () => (await get<Page>('/admin/failures')).body.items.length === 1);
    const listed = await get<Page>('/admin/failures?connection=acme&status=dead-lettered');
    expect(listed.body).toEqual({ items: [expect.objectContaining({ requestId: request.id, status: 'dead-lettered', documentStream: 'acme.procore.thing-ADM-1' })], nextCursor: null });
    expect((await get<Page>('/admin/failures?connection=other')).body.items).toEqual([]);
    const detail = await get<{ history: Array<{ type: string }> }>(`/admin/failures/${request.id}`);
    expect(detail.body.history.map((e) => e.type)).toContain('OutboundDeadLettered.v1');
    await waitFor(() => receiver.messages.some((m) => m.includes('Posting gave up')));
    expect(receiver.messages.find((m) => m.includes('Posting gave up'))).toContain('<https://trestle.test/audit/documents/acme.procore.thing-ADM-1/history|');

    down = false;
    const retried = await post(`/admin/failures/${request.id}/retry`, { reason: 'QuickBooks is back' });
    expect(retried.status).toBe(202);
    expect(await retried.json()).toEqual({ requestId: request.id, cycle: 1, status: 'retry-requested' });
    await waitFor(async () => (await auditOf(store, request)).at(-1)!.type === 'ThingPosted.v1');
    await waitFor(async () => (await get<Page>('/admin/failures')).body.items.length === 0);
    expect(fake.calls.filter((c) => c.markers.includes('ADM-1')).map((c) => `${c.method}`).slice(-2)).toEqual(['GET', 'POST']);
    await waitFor(() => receiver.messages.some((m) => m.includes('Trestle resolved') && m.includes('ADM-1')));

    const again = await post(`/admin/failures/${request.id}/retry`);
    expect(again.status).toBe(404);
    const metrics = await (await fetch(`${hub.url}/metrics`)).text();
    expect(metrics).toMatch(/trestle_outbound_requests_total\{target="fake:r1",outcome="retryable"\} 2/);
    expect(metrics).toMatch(/trestle_requests_dead_lettered 0/);
  });

  it('answers problem+json for an unknown or malformed request id and a bad query', async () => {
    const missing = await get<{ type: string; status: number; detail: string }>(`/admin/failures/${deterministicEventId('nope')}`);
    expect(missing.status).toBe(404);
    expect(missing.type).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ type: 'https://trestle.dev/problems/failure-not-found', status: 404 });
    expect((await post(`/admin/failures/${deterministicEventId('nope')}/retry`)).status).toBe(404);
    expect((await get(`/admin/failures/not-a-uuid`)).status).toBe(400);
    expect((await get(`/admin/failures?limit=0`)).status).toBe(400);
  });

  it('alerts once while a document is parked, lists it as quarantined, and sends the recovery when it resumes', async () => {
    const store = hub.storage.store;
    const saga = 'acme.saga.invoice-Q1';
    const document = { invoice: { connection: 'acme', source: 'procore', type: 'subcontractor_invoice', externalId: 'Q1' }, message: 'cost code 09-250 has no account' };
    for (const n of [1, 2]) {
      await store.append(saga, [{ id: deterministicEventId('parked', n), type: n === 1 ? 'MappingMissing.v1' : 'InvoiceSyncParked.v1', data: document, metadata: { connection: 'acme' } }], 'any');
    }
    await waitFor(async () => (await get<{ items: unknown[] }>('/admin/quarantine?connection=acme')).body.items.length === 1);
    expect((await get<{ items: unknown[] }>('/admin/quarantine')).body.items).toEqual([
      expect.objectContaining({ documentStream: 'acme.procore.subcontractor_invoice-Q1', connection: 'acme', reason: document.message }),
    ]);
    await store.append(saga, [{ id: deterministicEventId('resumed', 1), type: 'InvoiceSyncResumed.v1', data: document, metadata: { connection: 'acme' } }], 'any');
    await waitFor(() => receiver.messages.some((m) => m.includes('Trestle resolved') && m.includes('Q1')));
    expect(receiver.messages.filter((m) => m.includes('Trestle alert') && m.includes('Q1'))).toHaveLength(1);
    expect(receiver.messages.filter((m) => m.includes('Trestle resolved') && m.includes('Q1'))).toHaveLength(1);
    expect((await get<{ items: unknown[] }>('/admin/quarantine')).body.items).toEqual([]);
  });
});
