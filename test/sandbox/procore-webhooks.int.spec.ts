import { afterEach, describe, expect, it } from 'vitest';
import {
  procoreDeliveryPolicy, type ProcoreSandbox, RESOURCE_NAMES, startProcoreSandbox,
} from '../../sandbox/procore/index.js';
import { type Answer, apiClient, serviceToken, startReceiver, waitFor } from './procore-helpers.js';

let sandbox: ProcoreSandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
afterEach(async () => {
  await sandbox.close();
  await receiver.close();
});

/**
 * Retries scaled from seconds/hours down to milliseconds (the give-up window counts scheduled
 * delays, not wall time). The per-attempt timeout stays generous: on a busy machine a receiver
 * that answers at once can still take longer than a few hundred ms, and a timed-out attempt
 * would be retried and delivered twice.
 */
const fastPolicy = procoreDeliveryPolicy({ timeoutMs: 30_000, firstDelayMs: 20, maxDelayMs: 80, giveUpAfterMs: 400 });

const subscribe = async (
  options: { version?: string; triggerVersion?: string; scope?: 'company' | 'project'; resource?: string; event?: string } = {},
) => {
  const call = apiClient(sandbox, await serviceToken(sandbox));
  const scope = options.scope === 'project' ? { project_id: sandbox.projectId } : { company_id: sandbox.companyId };
  const hook = await call('POST', '/rest/v1.0/webhooks/hooks', {
    body: { ...scope, hook: { api_version: options.version ?? 'v2', namespace: 'trestle-sync', destination_url: receiver.url, destination_headers: { Authorization: 'Bearer hook-secret' } } },
  });
  expect(hook.status).toBe(201);
  const hookId = (hook.body as { id: number }).id;
  const trigger = await call('POST', `/rest/v1.0/webhooks/hooks/${hookId}/triggers`, {
    body: { ...scope, api_version: options.triggerVersion ?? options.version ?? 'v2', trigger: { resource_name: options.resource ?? 'Requisitions', event_type: options.event ?? 'update' } },
  });
  expect(trigger.status).toBe(201);
  return { call, hookId, scope };
};

const deliveries = async (call: (m: string, p: string) => Promise<Answer>, hookId: number, status = 'any') =>
  (await call('GET', `/rest/v1.0/webhooks/hooks/${hookId}/deliveries?company_id=${sandbox.companyId}&filter[status]=${status}`)).body as Array<Record<string, unknown>>;

describe('Procore sandbox webhooks', () => {
  it('delivers v2.0 payloads with numeric ids, ulid, metadata and the configured Authorization header', async () => {
    sandbox = await startProcoreSandbox({ webhookPolicy: fastPolicy });
    receiver = await startReceiver();
    await subscribe();
    sandbox.state.submitRequisition(1280641);
    await waitFor(() => receiver.received.length === 1);
    const [delivery] = receiver.received;
    expect(delivery?.headers.authorization).toBe('Bearer hook-secret');
    expect(delivery?.body).toMatchObject({
      company_id: 5358233, project_id: 2468013, api_version: 'v2.0', event_type: 'update', resource_name: 'Requisitions',
      resource_id: 1280641, user_id: 1771001, metadata: { source_company_id: 5358233, source_application_id: null },
    });
    expect(typeof delivery?.body.id).toBe('number');
    expect(String(delivery?.body.ulid)).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(String(delivery?.body.timestamp)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it('delivers v4.0 payloads with string ids, reason and resource_type', async () => {
    sandbox = await startProcoreSandbox({ webhookPolicy: fastPolicy });
    receiver = await startReceiver();
    await subscribe({ version: 'v4', resource: 'Work Order Contracts' });
    sandbox.state.approveCommitment(786001);
    await waitFor(() => receiver.received.length === 1);
    const body = receiver.received[0]?.body;
    expect(body).toMatchObject({ reason: 'update', company_id: '5358233', project_id: '2468013', resource_type: 'Work Order Contracts', resource_id: '786001', user_id: '1771001' });
    expect(body).not.toHaveProperty('ulid');
    expect(typeof body?.id).toBe('string');
  });

  it('marks API writes with the calling application, and never delivers when trigger and hook versions differ', async () => {
    sandbox = await startProcoreSandbox({ webhookPolicy: fastPolicy });
    receiver = await startReceiver();
    const { call } = await subscribe({ resource: 'Company Vendors', event: 'create' });
    await subscribe({ resource: 'Requisitions', triggerVersion: 'v4' });
    sandbox.state.submitRequisition(1280641);
    await call('PATCH', '/rest/v1.0/vendors/sync', { body: { company_id: sandbox.companyId, updates: [{ origin_id: 'qbo-1', name: 'New Sub' }] } });
    await waitFor(() => receiver.received.length === 1);
    await sandbox.webhooks.drain();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.body).toMatchObject({ resource_name: 'Company Vendors', metadata: { source_application_id: sandbox.clientId } });
    expect(receiver.received[0]?.body).not.toHaveProperty('project_id');
  });

  it('retries a failing receiver with backoff until it recovers, then reports the delivery ok', async () => {
    sandbox = await startProcoreSandbox({ webhookPolicy: fastPolicy });
    receiver = await startReceiver({ statuses: [500, 503] });
    const { call, hookId } = await subscribe();
    sandbox.state.submitRequisition(1280641);
    sandbox.state.approveRequisition(1280641);
    await waitFor(() => receiver.received.length === 2);
    await sandbox.webhooks.drain();
    expect(receiver.calls()).toBe(4);
    expect(receiver.received.map((r) => r.body.resource_id)).toEqual([1280641, 1280641]);
    expect((await deliveries(call, hookId, 'successful')).length).toBe(2);
  });

  it('discards a message once retries run past the give-up window', async () => {
    sandbox = await startProcoreSandbox({ webhookPolicy: fastPolicy });
    receiver = await startReceiver({ statuses: Array.from({ length: 50 }, () => 500) });
    const { call, hookId } = await subscribe();
    sandbox.state.submitRequisition(1280641);
    await waitFor(() => sandbox.webhooks.log[0]?.outcome === 'discarded');
    expect(receiver.calls()).toBeGreaterThan(3);
    expect((await deliveries(call, hookId, 'discarded')).map((d) => d.outcome)).toEqual(['discarded']);
  });

  it('drops, duplicates and reorders deliveries on injected webhook faults', async () => {
    sandbox = await startProcoreSandbox({ webhookPolicy: fastPolicy });
    receiver = await startReceiver();
    await subscribe({ resource: 'Timecard Entries' });
    const ids = [990100, 990101, 990102, 990103, 990104, 990105];
    sandbox.faults.addWebhookFault({ kind: 'drop', count: 1 });
    sandbox.state.approveTimecard(ids[0] ?? 0);
    sandbox.faults.addWebhookFault({ kind: 'duplicate', copies: 1, count: 1 });
    sandbox.state.approveTimecard(ids[1] ?? 0);
    await waitFor(() => receiver.received.length === 2);
    expect(receiver.received.map((r) => r.body.resource_id)).toEqual([ids[1], ids[1]]);
    expect(receiver.received[0]?.body.ulid).toBe(receiver.received[1]?.body.ulid);
    sandbox.faults.addWebhookFault({ kind: 'reorder', batch: 3 });
    for (const id of ids.slice(2, 5)) sandbox.state.approveTimecard(id);
    await waitFor(() => receiver.received.length === 5);
    expect(receiver.received.slice(2).map((r) => r.body.resource_id)).toEqual([ids[4], ids[3], ids[2]]);
  });

  it('retries after the 5 s-style timeout when the receiver is too slow', async () => {
    sandbox = await startProcoreSandbox({ webhookPolicy: procoreDeliveryPolicy({ timeoutMs: 50, firstDelayMs: 20, giveUpAfterMs: 200 }) });
    receiver = await startReceiver({ delayMs: 120 });
    await subscribe();
    sandbox.state.submitRequisition(1280641);
    await waitFor(() => (sandbox.webhooks.log[0]?.attempts ?? 0) >= 2);
    expect(sandbox.webhooks.log[0]?.lastError).toBe('timeout');
  });

  it('manages hooks and triggers, validates them and lists the webhook resources', async () => {
    sandbox = await startProcoreSandbox();
    receiver = await startReceiver();
    const { call, hookId, scope } = await subscribe({ scope: 'project' });
    const resources = (await call('GET', `/rest/v1.0/webhooks/resources?project_id=${sandbox.projectId}`)).body as Array<{ name: string }>;
    expect(resources.map((r) => r.name)).toEqual([...RESOURCE_NAMES]);
    expect((await call('GET', `/rest/v1.0/webhooks/hooks?project_id=${sandbox.projectId}`)).body).toMatchObject([{ id: hookId, owned_by_project_id: sandbox.projectId, api_version: 'v2.0' }]);
    expect((await call('GET', `/rest/v1.0/webhooks/hooks/${hookId}?company_id=${sandbox.companyId}`)).status).toBe(404);
    const patched = await call('PATCH', `/rest/v1.0/webhooks/hooks/${hookId}`, { body: { ...scope, hook: { destination_headers: { Authorization: 'Bearer rotated' } } } });
    expect(patched.body).toMatchObject({ destination_headers: { Authorization: 'Bearer rotated' } });
    const badTrigger = await call('POST', `/rest/v1.0/webhooks/hooks/${hookId}/triggers`, { body: { ...scope, trigger: { resource_name: 'Invoices', event_type: 'update' } } });
    expect(badTrigger.status).toBe(400);
    const insecure = await call('POST', '/rest/v1.0/webhooks/hooks', { body: { ...scope, hook: { namespace: 'trestle-sync', destination_url: 'http://hooks.example.com/x' } } });
    expect(insecure.status).toBe(400);
    expect((await call('DELETE', `/rest/v1.0/webhooks/hooks/${hookId}?project_id=${sandbox.projectId}`)).status).toBe(204);
    expect(sandbox.hooks.triggers.size).toBe(0);
  });
});
