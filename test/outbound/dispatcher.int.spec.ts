import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresEventStore } from '../../src/adapters/eventstore/postgres/index.js';
import { requestRetry } from '../../src/adapters/pipeline/outbound/failure-retry.js';
import { queuedEvent } from '../../src/adapters/pipeline/outbound/audit-events.js';
import { FAILURE_LEDGER_STREAM } from '../../src/adapters/pipeline/outbound/failure-ledger.js';
import { FailureLedgerProjector } from '../../src/adapters/pipeline/outbound/failure-ledger.projector.js';
import { OUTBOUND_EVENT, outboundRequestStream } from '../../src/adapters/pipeline/outbound/outbound-events.js';
import type { EventStore } from '../../src/eventstore/index.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../support/databases.js';
import { FakeTarget, WebhookReceiver } from './support/fake-target.js';
import { appendRequest, auditOf, settled, startOutbound, waitFor } from './support/harness.js';
import { thingHandler } from './support/thing-handler.js';

const types = (events: ReadonlyArray<{ type: string }>) => events.map((e) => e.type);
const attempts = (events: ReadonlyArray<{ type: string; data: unknown }>) =>
  events.filter((e) => e.type === OUTBOUND_EVENT.attempted).map((e) => e.data as { operation: string; outcome: string });

describe.each(testBackends())('OutboundDispatcher on %s PostgreSQL, against a real HTTP target', (backend) => {
  let db: TestDatabase;
  let store: EventStore;
  let fake: FakeTarget;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    store = await createPostgresEventStore({ connectionString: db.url, poolSize: 2 });
    fake = new FakeTarget();
    url = await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
    await store.close();
    await db.dispose();
  });

  it('a success appends the attempt and the outcome once, routed to the saga; a redelivery does nothing', async () => {
    const handler = thingHandler('PostOkRequested.v1', url);
    const h = startOutbound(store, 'ok', [handler]);
    const request = await appendRequest(store, 'PostOkRequested.v1', 'OK-1');
    await waitFor(() => settled(store, request));
    await h.dispatcher.handle(request);
    await h.stop();
    const again = startOutbound(store, 'ok-replay', [handler]); // a new subscriber replays the request from the start
    await new Promise((r) => setTimeout(r, 300));
    await again.stop();
    const audit = await auditOf(store, request);
    expect(types(audit)).toEqual([OUTBOUND_EVENT.queued, OUTBOUND_EVENT.attempted, 'ThingPosted.v1']);
    expect(audit[1]!.data).toMatchObject({ requestId: request.id, target: 'fake:r1', attempt: 1, outcome: 'succeeded', status: 200, operation: 'execute' });
    expect(audit[2]!.metadata).toMatchObject({ sagaStream: 'acme.saga.thing-OK-1', causationId: request.id, correlationId: 'corr-OK-1', connection: 'acme' });
    expect(fake.calls.filter((c) => c.markers.includes('OK-1'))).toEqual([expect.objectContaining({ method: 'POST', requestId: request.id })]);
  });

  it('an ambiguous failure (applied, then the connection dropped) is found by marker and not written twice', async () => {
    let dropped = false;
    fake.behaviour = (req) => (req.markers.includes('AMB-1') && req.method === 'POST' && !dropped ? ((dropped = true), 'apply-then-drop') : 'ok');
    const h = startOutbound(store, 'ambiguous', [thingHandler('PostAmbRequested.v1', url)], { retry: { baseDelayMs: 10 } });
    const request = await appendRequest(store, 'PostAmbRequested.v1', 'AMB-1');
    await waitFor(() => settled(store, request));
    await h.stop();
    const audit = await auditOf(store, request);
    expect(attempts(audit)).toEqual([
      expect.objectContaining({ operation: 'execute', outcome: 'ambiguous' }), expect.objectContaining({ operation: 'find', outcome: 'found' }),
    ]);
    expect(audit.at(-1)).toMatchObject({ type: 'ThingPosted.v1', data: { marker: 'AMB-1' } });
    expect(fake.calls.filter((c) => c.markers.includes('AMB-1')).map((c) => c.method)).toEqual(['POST', 'GET']);
    expect([...fake.objects.values()].filter((o) => o.Marker === 'AMB-1')).toHaveLength(1);
  });

  it('after a crash mid-call (queued, no attempt recorded) it looks before writing again', async () => {
    fake.behaviour = () => 'ok';
    const handler = thingHandler('PostCrashRequested.v1', url);
    const request = await appendRequest(store, 'PostCrashRequested.v1', 'CRASH-1');
    // The previous process queued the request and its write reached the target; then it died.
    await store.append(outboundRequestStream('acme', request.id), [queuedEvent(request, handler, 'fake:r1', new Date().toISOString())], 'no_stream');
    fake.objects.set('CRASH-1', { Id: 'crashed-write', Marker: 'CRASH-1', Amount: 100 });
    const h = startOutbound(store, 'crash', [handler]);
    await waitFor(() => settled(store, request));
    await h.stop();
    const audit = await auditOf(store, request);
    expect(attempts(audit)).toEqual([expect.objectContaining({ operation: 'find', outcome: 'found' })]);
    expect(audit.at(-1)).toMatchObject({ type: 'ThingPosted.v1', data: { thingId: 'crashed-write' } });
    expect(fake.calls.filter((c) => c.markers.includes('CRASH-1')).map((c) => c.method)).toEqual(['GET']);
  });

  it('a permanent failure gives the saga its failure outcome at once, with no retries', async () => {
    fake.behaviour = (req) => (req.markers.includes('BAD-1') ? { status: 400, body: { Fault: { Error: [{ code: '6000' }] } } } : 'ok');
    const h = startOutbound(store, 'permanent', [thingHandler('PostBadRequested.v1', url)]);
    const request = await appendRequest(store, 'PostBadRequested.v1', 'BAD-1');
    await waitFor(() => settled(store, request));
    await waitFor(async () => (await h.ledger.get(request.id)) !== undefined);
    await h.stop();
    const audit = await auditOf(store, request);
    expect(attempts(audit)).toEqual([expect.objectContaining({ outcome: 'permanent', status: 400 })]);
    expect(audit.at(-1)).toMatchObject({ type: 'ThingPostingFailed.v1', data: { kind: 'permanent', deadLettered: false }, metadata: { outbound: { result: 'failed' } } });
    expect(await h.ledger.get(request.id)).toMatchObject({ status: 'failed', connection: 'acme', error: { status: 400 } });
  });

  it('a spent budget dead-letters with an alert; an operator retry looks first, then posts, and clears it', async () => {
    let down = true;
    fake.behaviour = (req) => (req.markers.includes('DL-1') && down ? { status: 503 } : 'ok');
    const options = { retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 20 }, breaker: { consecutiveFailures: 100 } };
    const h = startOutbound(store, 'dead-letter', [thingHandler('PostDlRequested.v1', url)], options);
    const request = await appendRequest(store, 'PostDlRequested.v1', 'DL-1');
    await waitFor(async () => (await h.ledger.get(request.id))?.status === 'dead-lettered');
    const audit = await auditOf(store, request);
    expect(attempts(audit).map((a) => a.outcome)).toEqual(['retryable', 'retryable', 'retryable']);
    expect(types(audit).slice(-2)).toEqual([OUTBOUND_EVENT.deadLettered, 'ThingPostingFailed.v1']);
    expect(audit.at(-1)!.data).toMatchObject({ deadLettered: true });
    await waitFor(async () => (await h.alerts.open({ kind: 'dead-letter' })).length > 0);
    expect(await h.alerts.open({ kind: 'dead-letter' })).toEqual([expect.objectContaining({ subject: 'acme.procore.thing-DL-1', connection: 'acme' })]);
    // The ledger projector may see the dead letter again (at least once): nothing is recorded twice.
    await new FailureLedgerProjector(store, h.ledger).handle(audit.find((e) => e.type === OUTBOUND_EVENT.deadLettered)!);
    const ledger = await store.readStream(FAILURE_LEDGER_STREAM);
    expect(ledger.filter((e) => (e.data as { requestId: string }).requestId === request.id)).toHaveLength(1);
    down = false;
    expect(await requestRetry(store, h.ledger, request.id)).toMatchObject({ ok: true, cycle: 1 });
    await waitFor(async () => (await h.ledger.get(request.id)) === undefined);
    await waitFor(async () => (await h.alerts.open({ kind: 'dead-letter' })).length === 0);
    await h.stop();
    const after = await auditOf(store, request);
    expect(attempts(after).slice(3).map((a) => `${a.operation}:${a.outcome}`)).toEqual(['find:not-found', 'execute:succeeded']);
    expect(after.at(-1)).toMatchObject({ type: 'ThingPosted.v1', metadata: { outbound: { cycle: 1, result: 'succeeded' } } });
    expect(await h.alerts.open({ kind: 'dead-letter' })).toEqual([]);
  });

  it('an outage opens the breaker: nothing dead-letters, all posts afterwards, one alert and one recovery', async () => {
    const receiver = new WebhookReceiver();
    const webhookUrl = await receiver.start();
    // The outage lasts a number of calls, not a stretch of time (a busy machine may send few
    // calls in any given second). At most 6 calls are not probes: 3 failures in a row open the
    // breaker, and with 4 in flight up to 3 more were already sent; so of the first 9 refused,
    // at least 3 are half-open probes.
    let refused = 0;
    fake.behaviour = (req) => {
      if (!req.markers.some((m) => m.startsWith('OUT-')) || refused >= 9) return 'ok';
      refused++;
      return { status: 503 };
    };
    const h = startOutbound(store, 'outage', [thingHandler('PostOutRequested.v1', url)], {
      webhookUrl, retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 },
      breaker: { consecutiveFailures: 3, resetTimeoutMs: 200, volumeThreshold: 1000 }, limits: { fake: { maxConcurrent: 4 } },
    });
    const requests = await Promise.all(Array.from({ length: 10 }, (_, i) => appendRequest(store, 'PostOutRequested.v1', `OUT-${i}`, 'outage')));
    await waitFor(async () => (await Promise.all(requests.map((r) => settled(store, r)))).every(Boolean));
    const about = () => receiver.messages.filter((m) => m.includes('fake:outage'));
    await waitFor(() => about().length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    await h.stop();
    await receiver.stop();
    const audits = await Promise.all(requests.map((r) => auditOf(store, r)));
    expect(audits.map((a) => a.at(-1)!.type)).toEqual(Array(10).fill('ThingPosted.v1'));
    expect(audits.flat().filter((e) => e.type === OUTBOUND_EVENT.deadLettered)).toEqual([]);
    const failed = audits.flat().filter((e) => e.type === OUTBOUND_EVENT.attempted && (e.data as { outcome: string }).outcome === 'retryable');
    expect(failed.length).toBeGreaterThan(3); // the breaker's probes failed too, and spent no budget
    expect(failed.some((e) => (e.data as { consumedBudget: boolean }).consumedBudget === false)).toBe(true);
    expect([...fake.objects.values()].filter((o) => o.Marker.startsWith('OUT-'))).toHaveLength(10);
    expect(about()).toHaveLength(2);
    expect(about()[0]).toMatch(/Trestle alert\* \[acme\] Target unreachable/);
    expect(about()[1]).toMatch(/Trestle resolved\* \[acme\]/);
  });
});
