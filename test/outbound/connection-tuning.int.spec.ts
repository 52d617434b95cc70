import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresEventStore } from '../../src/adapters/eventstore/postgres/index.js';
import { OutboundHandlerRegistry } from '../../src/adapters/pipeline/outbound/handler-registry.js';
import { OutboundDispatcher, type DispatcherOptions } from '../../src/adapters/pipeline/outbound/outbound-dispatcher.js';
import { OUTBOUND_EVENT } from '../../src/adapters/pipeline/outbound/outbound-events.js';
import type { OutboundHandler } from '../../src/adapters/pipeline/outbound/outbound-handler.js';
import { SubscriptionRunner } from '../../src/platform/subscriptions/subscription-runner.js';
import type { EventStore } from '../../src/eventstore/index.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { FakeTarget } from './support/fake-target.js';
import { appendRequest, auditOf, waitFor } from './support/harness.js';
import { thingHandler } from './support/thing-handler.js';

/** The dispatcher on its own runner, reporting when a target's breaker opens. */
const start = (store: EventStore, name: string, handler: OutboundHandler, options: DispatcherOptions) => {
  const opened: string[] = [];
  const dispatcher = new OutboundDispatcher(
    { store, registry: new OutboundHandlerRegistry([handler]), metrics: { attempt: () => undefined, breaker: (target, open) => void (open && opened.push(target)) } },
    { ...options, name: `outbound.${name}` },
  );
  const runner = new SubscriptionRunner(store, dispatcher, { ...dispatcher.runnerOptions(), backoffMs: () => 10 });
  runner.start();
  return { opened, stop: async () => { await runner.stop(); dispatcher.close(); } };
};

/** A handler that never answers: only the call's time limit ends it. */
const hangingHandler: OutboundHandler = {
  requestType: 'PostHangRequested.v1',
  target: () => 'fake:hang',
  execute: (_request, context) => new Promise((resolve) => context.signal.addEventListener('abort', () => resolve({ ok: false, kind: 'ambiguous', message: `aborted: ${(context.signal.reason as Error).message}` }))),
  failureOutcome: (_request, failure) => ({ type: 'HangFailed.v1', data: { message: failure.message } }),
};

describe('per-connection outbound settings (the connection\'s `outbound` block) change what the dispatcher does', () => {
  let db: TestDatabase;
  let store: EventStore;
  let fake: FakeTarget;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase((process.env.TRESTLE_TEST_BACKEND as 'server' | 'embedded' | undefined) === 'embedded' ? 'embedded' : 'server');
    store = await createPostgresEventStore({ connectionString: db.url, poolSize: 2 });
    fake = new FakeTarget();
    url = await fake.start();
    fake.behaviour = () => ({ status: 503 });
  });
  afterAll(async () => {
    await fake?.stop();
    await store?.close();
    await db?.dispose();
  });

  const callsFor = (marker: string) => fake.calls.filter((c) => c.markers.includes(marker)).length;

  it('opens the breaker after the connection\'s consecutiveFailures outage answers, not the default 5', async () => {
    const retry = { baseDelayMs: 5, maxDelayMs: 10 };
    const tuned = start(store, 'tuned', thingHandler('PostTunedRequested.v1', url), { retry, connections: { acme: { breaker: { consecutiveFailures: 2, resetTimeoutMs: 600_000 } } } });
    await appendRequest(store, 'PostTunedRequested.v1', 'TUNED-1', 'tuned');
    await waitFor(() => tuned.opened.includes('fake:tuned'));
    expect(callsFor('TUNED-1')).toBe(2);
    await tuned.stop();

    const untuned = start(store, 'untuned', thingHandler('PostUntunedRequested.v1', url), { retry, connections: { other: { breaker: { consecutiveFailures: 2 } } } });
    await appendRequest(store, 'PostUntunedRequested.v1', 'UNTUNED-1', 'untuned');
    await waitFor(() => untuned.opened.includes('fake:untuned'));
    expect(callsFor('UNTUNED-1')).toBe(5);
    await untuned.stop();
  });

  it('ends a call at the connection\'s timeoutMs and records it as ambiguous', async () => {
    const h = start(store, 'hang', hangingHandler, { retry: { maxAttempts: 1 }, connections: { acme: { retry: { callTimeoutMs: 150 } } } });
    const request = await appendRequest(store, 'PostHangRequested.v1', 'HANG-1', 'hang');
    await waitFor(async () => (await auditOf(store, request)).some((e) => e.type === OUTBOUND_EVENT.attempted));
    await h.stop();
    const attempt = (await auditOf(store, request)).find((e) => e.type === OUTBOUND_EVENT.attempted)!;
    expect(attempt.data).toMatchObject({ outcome: 'ambiguous', message: expect.stringContaining('no answer within 150 ms') });
    expect((attempt.data as { durationMs: number }).durationMs).toBeLessThan(30_000); // not the default limit
  });

  it('refuses bad tuning when the dispatcher is built (the hub does not start)', () => {
    expect(() => new OutboundDispatcher({ store, registry: new OutboundHandlerRegistry([]) }, { connections: { acme: { retry: { maxAttempts: 0 } } } }))
      .toThrow(/maxAttempts must be an integer >= 1/);
  });
});
