import {
  BACKWARDS, END, FORWARDS,
  type AllStreamResolvedEvent, type EventStoreDBClient, type ReadStreamOptions, type ResolvedEvent,
} from '@eventstore/db-client';
import { comparePositions, type AllPosition } from '../../../eventstore/index.js';
import { toReadPosition, toStoredEvent, type StoredEvent } from './event-mapping.js';
import { isStreamNotFound } from './translate-error.js';

export type ReadClient = Pick<EventStoreDBClient, 'readStream' | 'readAll'>;

/** A stream's events; a stream that doesn't exist (or was deleted) reads as empty. */
export const collectStream = async (read: AsyncIterable<ResolvedEvent>): Promise<StoredEvent[]> => {
  const events: StoredEvent[] = [];
  try {
    for await (const resolved of read) {
      const stored = toStoredEvent(resolved);
      if (stored) events.push(stored);
    }
  } catch (error) {
    if (isStreamNotFound(error)) return [];
    throw error;
  }
  return events;
};

export const readStreamEvents = (client: Pick<ReadClient, 'readStream'>, stream: string, options: ReadStreamOptions): Promise<StoredEvent[]> =>
  collectStream(client.readStream(stream, options));

/**
 * The newest `count` events, newest first. Read from the leader: a follower may lag, and the
 * append that follows chains on what this returns.
 */
export const readTail = (client: Pick<ReadClient, 'readStream'>, stream: string, count: number): Promise<StoredEvent[]> =>
  readStreamEvents(client, stream, { direction: BACKWARDS, fromRevision: END, maxCount: count, requiresLeader: true });

export const readRange = (client: Pick<ReadClient, 'readStream'>, stream: string, fromRevision: number, count: number): Promise<StoredEvent[]> =>
  readStreamEvents(client, stream, { direction: FORWARDS, fromRevision: BigInt(fromRevision), maxCount: count, requiresLeader: true });

export const ALL_PAGE_SIZE = 512;

/**
 * $all strictly after `after`, in log order, one page per call to the server. Whether a read
 * from a position includes the event at it is not spelled out in the client's docs, so events
 * at or before the cursor are skipped here either way.
 */
export async function* scanAll(client: Pick<ReadClient, 'readAll'>, after: AllPosition | undefined, pageSize = ALL_PAGE_SIZE): AsyncGenerator<StoredEvent> {
  let cursor = after !== undefined && after.commit >= 0n ? after : undefined;
  for (;;) {
    const page: AllStreamResolvedEvent[] = [];
    for await (const resolved of client.readAll({ fromPosition: toReadPosition(cursor), maxCount: pageSize, direction: FORWARDS })) {
      page.push(resolved);
    }
    let advanced = false;
    for (const resolved of page) {
      const stored = toStoredEvent(resolved);
      if (!stored || (cursor !== undefined && comparePositions(stored.position, cursor) <= 0)) continue;
      cursor = stored.position;
      advanced = true;
      yield stored;
    }
    if (page.length < pageSize || !advanced) return;
  }
}
