import { randomUUID } from 'node:crypto';
import type { EventData, EventStore, RecordedEvent, SubscribeOptions } from '../../src/eventstore/index.js';

/** A getter, because the store is created in beforeAll after the tests are declared. */
export type StoreRef = () => EventStore;

/** Stream names unique to one test, so a fixture can be shared by a whole file. */
export const uniquePrefix = (label: string): string => `ct${randomUUID().slice(0, 8)}.${label}`;

export const event = (type: string, data: unknown = {}, metadata?: EventData['metadata']): EventData =>
  ({ id: randomUUID(), type, data, ...(metadata ? { metadata } : {}) });

export const events = (count: number, type = 'Tested.v1'): EventData[] =>
  Array.from({ length: count }, (_, i) => event(type, { i }));

/**
 * Retries until `done` holds. $all may lag a moment behind an acknowledged append (e.g.
 * an adapter that waits for older in-flight transactions), so $all assertions wait. The
 * bounds below are liveness only: on a busy shared server that lag can last seconds.
 */
export const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** Takes `count` events from a subscription, then stops it; gives up after `timeoutMs`. */
export const take = async (
  store: EventStore, count: number, options: Omit<SubscribeOptions, 'signal'> = {}, timeoutMs = 30_000,
): Promise<RecordedEvent[]> => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const received: RecordedEvent[] = [];
  try {
    for await (const recorded of store.subscribeToAll({ ...options, signal: controller.signal })) {
      received.push(recorded);
      if (received.length >= count) break;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return received;
};

/** Starts a subscription in the background; `stop()` ends it and returns what arrived. */
export const subscribeInBackground = (store: EventStore, options: Omit<SubscribeOptions, 'signal'> = {}) => {
  const controller = new AbortController();
  const received: RecordedEvent[] = [];
  const done = (async () => {
    for await (const recorded of store.subscribeToAll({ ...options, signal: controller.signal })) received.push(recorded);
  })();
  return {
    received,
    waitFor: (count: number, timeoutMs = 30_000) => eventually(async () => received.length, (n) => n >= count, timeoutMs),
    stop: async () => {
      controller.abort();
      await done;
      return received;
    },
  };
};
