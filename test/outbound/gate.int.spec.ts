import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPostgresEventStore } from '../../src/adapters/eventstore/postgres/index.js';
import { OUTBOUND_EVENT } from '../../src/adapters/pipeline/outbound/outbound-events.js';
import { SlidingWindowLimiter } from '../../src/adapters/pipeline/outbound/sliding-window.js';
import type { EventStore } from '../../src/eventstore/index.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../support/databases.js';
import { FakeTarget } from './support/fake-target.js';
import { appendRequest, auditOf, settled, startOutbound, waitFor } from './support/harness.js';
import { thingHandler } from './support/thing-handler.js';

const many = (store: EventStore, type: string, prefix: string, n: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => appendRequest(store, type, `${prefix}-${i}`, prefix)));

describe.each(testBackends())('the per-target gate on %s PostgreSQL, counted by the target', (backend) => {
  let db: TestDatabase;
  let store: EventStore;
  let fake: FakeTarget;
  let url: string;

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    store = await createPostgresEventStore({ connectionString: db.url, poolSize: 2 });
  });
  beforeEach(async () => {
    await fake?.stop();
    fake = new FakeTarget();
    url = await fake.start();
  });
  afterAll(async () => {
    await fake.stop();
    await store.close();
    await db.dispose();
  });

  it('sends batches when batchable requests queue up behind a slow target', async () => {
    // The target answers nothing until every request waits in the gate (however long the hub
    // takes to queue them on a busy machine): the first call holds the lane, the rest queue.
    let release = () => undefined as void;
    fake.hold = new Promise((resolve) => { release = resolve; });
    const h = startOutbound(store, 'batching', [thingHandler('PostBatchRequested.v1', url, { batchable: true })], {
      limits: { fake: { maxConcurrent: 1, batchMin: 5, batchMax: 10 } },
    });
    const requests = await many(store, 'PostBatchRequested.v1', 'BATCH', 25);
    await waitFor(async () => (await Promise.all(requests.map((r) => auditOf(store, r)))).every((a) => a.some((e) => e.type === OUTBOUND_EVENT.queued)));
    release();
    await waitFor(async () => (await Promise.all(requests.map((r) => settled(store, r)))).every(Boolean));
    await h.stop();
    const batches = fake.calls.filter((c) => c.path === '/batch');
    expect(batches.length).toBeGreaterThanOrEqual(2);
    for (const batch of batches) expect(batch.markers.length).toBeGreaterThanOrEqual(5);
    for (const batch of batches) expect(batch.markers.length).toBeLessThanOrEqual(10);
    expect(fake.calls.length).toBeLessThan(25);
    expect(fake.writes).toBe(25);
    const audits = await Promise.all(requests.map((r) => auditOf(store, r)));
    expect(audits.every((a) => a.at(-1)!.type === 'ThingPosted.v1')).toBe(true);
    const batched = audits.flat().filter((e) => e.type === OUTBOUND_EVENT.attempted && (e.data as { operation: string }).operation === 'batch');
    expect(batched.length).toBe(batches.reduce((n, b) => n + b.markers.length, 0));
  });

  it('never exceeds the concurrency or the per-window rate on the target', async () => {
    fake.delayMs = 10;
    const windowMs = 500;
    const limit = 5;
    // What the gate admitted, and when by its own clock: arrival times at the target carry the
    // event-loop lag of a busy machine, admission times do not.
    const admitted: number[] = [];
    const take = SlidingWindowLimiter.prototype.take;
    const spy = vi.spyOn(SlidingWindowLimiter.prototype, 'take').mockImplementation(function (this: SlidingWindowLimiter, now, cost = 1) {
      if (this.limit === limit && this.windowMs === windowMs) for (let i = 0; i < cost; i++) admitted.push(now);
      take.call(this, now, cost);
    });
    try {
      const h = startOutbound(store, 'rate', [thingHandler('PostRateRequested.v1', url)], {
        limits: { fake: { requestsPerWindow: limit, windowMs, maxConcurrent: 2 } },
      });
      const requests = await many(store, 'PostRateRequested.v1', 'RATE', 16);
      await waitFor(async () => (await Promise.all(requests.map((r) => settled(store, r)))).every(Boolean));
      await h.stop();
    } finally {
      spy.mockRestore();
    }
    expect(fake.writes).toBe(16);
    expect(fake.maxInFlight).toBeLessThanOrEqual(2);
    // Every call the target saw went through the gate, and none arrived before it was admitted.
    expect(admitted).toHaveLength(fake.calls.length);
    const arrivals = fake.calls.map((c) => c.at).sort((a, b) => a - b);
    arrivals.forEach((at, i) => expect(at).toBeGreaterThanOrEqual(admitted[i]!));
    // Any 6 consecutive admissions span a whole window: never more than 5 in one window.
    // Unlimited, 16 calls of 10 ms at concurrency 2 would all be admitted within ~100 ms.
    const spans = admitted.slice(limit).map((at, i) => at - admitted[i]!);
    expect(Math.min(...spans)).toBeGreaterThanOrEqual(windowMs);
    expect(admitted.at(-1)! - admitted[0]!).toBeGreaterThanOrEqual(3 * windowMs);
  });
});
