import { isConnectionError } from '../../../platform/postgres/connection-errors.js';
import { comparePositions } from '../../../eventstore/position.js';
import type { AllFilter, AllPosition, RecordedEvent, SubscribeOptions } from '../../../eventstore/index.js';
import type { ScanPage } from './reads.js';
import type { SharedTail, TailFollower } from './shared-tail.js';
import type { Waker } from './wake.js';

export interface SubscriptionDeps {
  readonly scan: (after: AllPosition | undefined, window: number, filter: AllFilter | undefined) => Promise<ScanPage>;
  readonly upcast: (event: RecordedEvent) => RecordedEvent;
  readonly waker: Waker;
  /** Aborted when the store closes. */
  readonly closing: AbortSignal;
  /** Idle polling starts at minMs and backs off to maxMs; any delivery resets it. */
  readonly pollMinMs: number;
  readonly pollMaxMs: number;
  readonly window: number;
  /** When given, a caught-up subscriber follows it instead of querying the store itself. */
  readonly tail?: SharedTail;
}

/** Consecutive failed reads tolerated before a query error surfaces. */
const MAX_READ_FAILURES = 8;

/**
 * Reads that fail because the server is away (restarting, stopped, unreachable) are retried
 * for as long as it takes, with backoff: every live subscriber, including those that cannot
 * restart themselves, picks up where it was once the server is back.
 */
export const scanWithRetry = async (deps: Pick<SubscriptionDeps, 'scan' | 'window' | 'waker' | 'pollMinMs'>, signal: AbortSignal, after: AllPosition | undefined, filter: AllFilter | undefined) => {
  for (let failures = 1; ; failures++) {
    try {
      return await deps.scan(after, deps.window, filter);
    } catch (error) {
      if (signal.aborted) return undefined; // the store closed under the query
      if (failures >= MAX_READ_FAILURES && !isConnectionError(error)) throw error;
      await deps.waker.sleep(Math.min(deps.pollMinMs * 2 ** failures, 5_000), signal);
    }
  }
};

/**
 * Catch-up then live over $all, in commit order. Positions only move forward and never
 * past a transaction that may still commit (see scanAllWindow), so nothing is skipped. Once
 * caught up, the subscriber follows the store's shared tail when there is one, and reads on
 * its own again whenever the tail lets it go.
 */
export async function* subscribeToAll(deps: SubscriptionDeps, options: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
  const signal = options.signal ? AbortSignal.any([options.signal, deps.closing]) : deps.closing;
  let cursor = options.after;
  let idleMs = deps.pollMinMs;
  while (!signal.aborted) {
    const page = await scanWithRetry(deps, signal, cursor, options.filter);
    if (!page) return;
    cursor = page.scannedTo;
    for (const event of page.events) {
      if (signal.aborted) return;
      yield deps.upcast(event);
    }
    if (page.full) continue;
    const follower = deps.tail?.join(cursor, options.filter);
    if (follower) {
      cursor = yield* follow(deps, follower, cursor, signal);
      continue;
    }
    if (page.events.length > 0) idleMs = deps.pollMinMs;
    await deps.waker.sleep(idleMs, signal);
    idleMs = Math.min(idleMs * 2, deps.pollMaxMs);
  }
}

/** Yields what the tail hands over until it lets go; returns how far the subscriber has read. */
async function* follow(
  deps: SubscriptionDeps, follower: TailFollower, from: AllPosition | undefined, signal: AbortSignal,
): AsyncGenerator<RecordedEvent, AllPosition | undefined> {
  let cursor = from;
  try {
    for (let page = await follower.next(signal); page; page = await follower.next(signal)) {
      for (const event of page.events) {
        if (signal.aborted) return cursor;
        yield deps.upcast(event);
      }
      if (page.scannedTo && (!cursor || comparePositions(page.scannedTo, cursor) > 0)) cursor = page.scannedTo;
    }
    return cursor;
  } finally {
    deps.tail?.leave(follower);
  }
}
