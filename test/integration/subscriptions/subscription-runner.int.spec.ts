import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { CqrsModule, EventBus, type IEventHandler } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicEventId, type EventStore, type RecordedEvent } from '../../../src/eventstore/index.js';
import { createPostgresEventStore } from '../../../src/adapters/eventstore/postgres/index.js';
import { SubscriptionRunner } from '../../../src/platform/subscriptions/subscription-runner.js';
import { parkedStream } from '../../../src/platform/subscriptions/subscription-handler.js';
import { CqrsEventBusFeed } from '../../../src/platform/subscriptions/cqrs-event-bus-feed.js';
import { DurableEventsHandler, type StoredEvent } from '../../../src/platform/subscriptions/stored-event.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../../support/databases.js';

const waitFor = async (condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

const seen: string[] = [];
@Injectable()
@DurableEventsHandler('ThingHappened.v1')
class ThingHandler implements IEventHandler<StoredEvent> {
  async handle(event: StoredEvent): Promise<void> {
    await new Promise((r) => setTimeout(r, 5));
    if ((event.data as { fail?: boolean }).fail && seen.filter((s) => s === event.record.id).length < 2) {
      seen.push(event.record.id);
      throw new Error('not yet');
    }
    seen.push(event.record.id);
  }
}

describe.each(testBackends())('SubscriptionRunner on %s PostgreSQL', (backend) => {
  let db: TestDatabase;
  let store: EventStore;
  const stream = `acme.test.runner-${backend}`;
  const append = (n: number, data: object = {}) =>
    store.append(stream, [{ id: deterministicEventId(stream, n), type: 'ThingHappened.v1', data: { n, ...data } }], 'any');

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    store = await createPostgresEventStore({ connectionString: db.url, poolSize: 2 });
  });
  afterAll(async () => {
    await store.close();
    await db.dispose();
  });

  it('retries a failing handler, parks a poison event after N attempts, and keeps the rest flowing', async () => {
    const handled: number[] = [];
    const attempts = new Map<number, number>();
    const handler = {
      name: 'retry-and-park', filter: { streamPrefixes: [stream] },
      handle: async (event: RecordedEvent) => {
        const { n } = event.data as { n: number };
        attempts.set(n, (attempts.get(n) ?? 0) + 1);
        if (n === 2 && attempts.get(n)! < 3) throw new Error('flaky');
        if (n === 3) throw new Error('poison');
        handled.push(n);
      },
    };
    for (const n of [1, 2, 3, 4]) await append(n);
    const runner = new SubscriptionRunner(store, handler, { maxAttempts: 4, backoffMs: () => 5 });
    runner.start();
    await waitFor(() => handled.includes(4));
    await runner.stop();
    expect(handled).toEqual([1, 2, 4]);
    expect(attempts.get(2)).toBe(3);
    expect(attempts.get(3)).toBe(4);
    const parked = await store.readStream(parkedStream('retry-and-park'));
    expect(parked).toHaveLength(1);
    expect(parked[0]!.data).toMatchObject({ eventType: 'ThingHappened.v1', attempts: 4, error: 'poison', streamName: stream });
  });

  it('resumes from its durable checkpoint after a stop', async () => {
    const handled: number[] = [];
    const handler = { name: 'resume', filter: { streamPrefixes: [stream] }, handle: async (e: RecordedEvent) => void handled.push((e.data as { n: number }).n) };
    const first = new SubscriptionRunner(store, handler, { maxAttempts: 1, backoffMs: () => 1 });
    first.start();
    await waitFor(() => handled.length >= 4);
    await first.stop();
    await append(5);
    const second = new SubscriptionRunner(store, handler, { maxAttempts: 1 });
    second.start();
    await waitFor(() => handled.includes(5));
    await second.stop();
    expect(handled).toEqual([1, 2, 3, 4, 5]);
  });

  it('handles events concurrently, in order per stream, and checkpoints only the finished prefix', async () => {
    const prefix = `acme.test.concurrent-${backend}-`;
    for (let i = 0; i < 40; i++) {
      await store.append(`${prefix}${i % 5}`, [{ id: deterministicEventId(prefix, i), type: 'ThingHappened.v1', data: { n: i } }], 'any');
    }
    const perStream = new Map<string, number[]>();
    let inFlight = 0;
    let maxInFlight = 0;
    const handler = {
      name: 'concurrent', filter: { streamPrefixes: [prefix] },
      handle: async (event: RecordedEvent) => {
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await new Promise((r) => setTimeout(r, 2 + ((event.data as { n: number }).n * 7) % 11));
        perStream.set(event.streamName, [...(perStream.get(event.streamName) ?? []), (event.data as { n: number }).n]);
        inFlight--;
      },
    };
    const runner = new SubscriptionRunner(store, handler, { concurrency: 8 });
    runner.start();
    await waitFor(() => [...perStream.values()].flat().length === 40);
    await runner.stop();
    expect(maxInFlight).toBeGreaterThan(1);
    expect(maxInFlight).toBeLessThanOrEqual(8);
    for (const [stream, ns] of perStream) {
      expect(ns, stream).toEqual([...ns].sort((a, b) => a - b));
      expect(ns).toHaveLength(8);
    }
    const last = (await store.readStream(`${prefix}4`, { direction: 'backwards', maxCount: 1 }))[0]!;
    expect(await store.checkpoints.load('concurrent')).toEqual(last.position);
  });

  it('feeds @DurableEventsHandler classes through the @nestjs/cqrs EventBus and waits for them', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [CqrsModule.forRoot()], providers: [ThingHandler, CqrsEventBusFeed] }).compile();
    await moduleRef.init();
    const feed = moduleRef.get(CqrsEventBusFeed);
    expect(feed.filter.eventTypes).toContain('ThingHappened.v1');
    const events = await store.readStream(stream);
    const flaky = events.find((e) => (e.data as { n: number }).n === 2)!;
    const failing = { ...flaky, id: 'f0000000-0000-4000-8000-000000000000', data: { n: 99, fail: true } } as RecordedEvent;
    await expect(feed.handle(failing)).rejects.toThrow('not yet');
    await feed.handle(flaky);
    expect(seen).toContain(flaky.id);
    expect(moduleRef.get(EventBus)).toBeDefined();
    await moduleRef.close();
  });
});
