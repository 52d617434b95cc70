/**
 * ESDB keeps no index of event ids, and the port refuses an id that is already used in another
 * stream. So each id is claimed first, in a stream of its own whose first event names the
 * owning stream: a claim is one write guarded by `no_stream`, which ESDB serialises, so of two
 * streams racing for one id exactly one gets it. Claiming comes before the append, so a refused
 * id is never written; the price is that a claim stays when the append then fails (wrong
 * revision, crash), which only matters if that id is later used in another stream.
 */
import { randomUUID } from 'node:crypto';
import { FORWARDS, NO_STREAM, START, type EventStoreDBClient } from '@eventstore/db-client';
import { EventIdConflictError } from '../../../eventstore/index.js';
import { EVENT_ID_STREAM_PREFIX } from './filters.js';
import type { Namespace } from './namespace.js';
import { readStreamEvents } from './reads.js';
import { isWrongExpectedVersion } from './translate-error.js';

export const EVENT_ID_CLAIM_TYPE = 'TrestleEventIdClaimed';

export type ClaimClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream'>;

const ownerOf = async (client: ClaimClient, claimStream: string): Promise<string | undefined> => {
  const [claim] = await readStreamEvents(client, claimStream, { direction: FORWARDS, fromRevision: START, maxCount: 1, requiresLeader: true });
  const owner = (claim?.data as { stream?: unknown } | undefined)?.stream;
  return typeof owner === 'string' ? owner : undefined;
};

/** True when `stream` already held the claim: the id was appended there before, or an append after the claim failed. */
const claim = async (client: ClaimClient, namespace: Namespace, stream: string, eventId: string): Promise<boolean> => {
  const claimStream = namespace.physical(`${EVENT_ID_STREAM_PREFIX}${eventId}`);
  try {
    await client.appendToStream(claimStream, {
      id: randomUUID(), contentType: 'application/json', type: EVENT_ID_CLAIM_TYPE, data: { stream }, metadata: undefined,
    }, { expectedRevision: NO_STREAM });
    return false;
  } catch (error) {
    if (!isWrongExpectedVersion(error)) throw error;
  }
  const owner = await ownerOf(client, claimStream);
  if (owner !== stream) throw new EventIdConflictError(stream, eventId, `is already used in stream ${owner ?? '(unreadable claim)'}`);
  return true;
};

/**
 * Claims every id for `stream` (the caller-facing name); an id owned by another stream throws.
 * Returns the ids `stream` had claimed before, which the append must look for in the stream.
 */
export const claimEventIds = async (
  client: ClaimClient, namespace: Namespace, stream: string, eventIds: readonly string[],
): Promise<Set<string>> => {
  const before = await Promise.all(eventIds.map((eventId) => claim(client, namespace, stream, eventId)));
  return new Set(eventIds.filter((_, index) => before[index]));
};
