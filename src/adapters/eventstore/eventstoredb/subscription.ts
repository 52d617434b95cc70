/**
 * Catch-up subscription to $all as an AsyncIterable. ESDB's subscription is a catch-up one by
 * itself (it reads history, then goes live) and delivers $all in log order, so "never skipping"
 * comes from the server. What the adapter adds: the port's filter semantics, the abort signal,
 * and resubscribing from the last position seen when the node goes away (leader change).
 */
import { comparePositions, type AllPosition, type RecordedEvent, type SubscribeOptions } from '../../../eventstore/index.js';
import type { AllStreamResolvedEvent, AllStreamSubscription, EventStoreDBClient } from '@eventstore/db-client';
import { toReadPosition, toStoredEvent, type StoredEvent } from './event-mapping.js';
import { buildServerFilter, createEventMatcher } from './filters.js';
import type { Namespace } from './namespace.js';
import { isTransient } from './translate-error.js';

export type SubscriptionClient = Pick<EventStoreDBClient, 'subscribeToAll'>;

export interface ResubscribePolicy {
  /** Consecutive failures without a new event before the error reaches the caller. */
  readonly attempts: number;
  readonly delayMs: number;
}

const sleep = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Iterates the subscription until it ends or the signal aborts. Aborting must not wait for the
 * next event, so `next()` races the signal; unsubscribing cancels the gRPC call, which ends the
 * stream and settles the abandoned `next()`.
 */
async function* untilAborted(subscription: AllStreamSubscription, signal: AbortSignal | undefined): AsyncGenerator<AllStreamResolvedEvent> {
  const iterator = subscription[Symbol.asyncIterator]();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    if (signal?.aborted) resolve('aborted');
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    for (;;) {
      const pending = iterator.next();
      pending.catch(() => undefined); // settles after an abort; nobody is waiting for it then
      const next = await Promise.race([pending, aborted]);
      if (next === 'aborted' || next.done) return;
      yield next.value;
    }
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    await subscription.unsubscribe().catch(() => undefined);
  }
}

class SubscriptionEndedError extends Error {
  constructor() {
    super('EventStoreDB ended the $all subscription');
    this.name = 'SubscriptionEndedError';
  }
}

export interface SubscribeDeps {
  readonly client: SubscriptionClient;
  readonly namespace: Namespace;
  readonly deliver: (event: StoredEvent) => RecordedEvent;
  readonly policy: ResubscribePolicy;
}

export async function* subscribeToAll({ client, namespace, deliver, policy }: SubscribeDeps, options: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
  const { signal } = options;
  const matches = createEventMatcher(options.filter);
  let after: AllPosition | undefined = options.after;
  let failures = 0;
  while (!signal?.aborted) {
    const subscription = client.subscribeToAll({ fromPosition: toReadPosition(after), filter: buildServerFilter(options.filter, namespace.prefix) });
    try {
      for await (const resolved of untilAborted(subscription, signal)) {
        const stored = toStoredEvent(resolved);
        if (!stored || (after && comparePositions(stored.position, after) <= 0)) continue;
        failures = 0;
        after = stored.position;
        const local = namespace.localize(stored);
        if (local && matches(local)) yield deliver(local);
      }
      if (signal?.aborted) return;
      // A catch-up subscription has no natural end: the server closed it, so resubscribe.
      throw new SubscriptionEndedError();
    } catch (error) {
      if (signal?.aborted) return;
      failures += 1;
      if (!(isTransient(error) || error instanceof SubscriptionEndedError) || failures > policy.attempts) throw error;
      await sleep(policy.delayMs * failures, signal);
    }
  }
}
