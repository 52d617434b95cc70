import { NO_STREAM, type EventStoreDBClient } from '@eventstore/db-client';
import {
  EventIdConflictError, EventStoreInputError, WrongExpectedRevisionError,
  prepareEvents, validateExpectedRevision, validateStreamName,
  type AppendResult, type EventData, type ExpectedRevision,
} from '../../../eventstore/index.js';
import { planAppend, type AppendPlan } from './append-plan.js';
import { linkBatch } from './chain.js';
import { claimEventIds } from './event-id-claims.js';
import { sameContent, toAllPosition, toCandidates, toProposedEvent, type Candidate, type StoredEvent } from './event-mapping.js';
import { isReservedStream } from './filters.js';
import type { Namespace } from './namespace.js';
import { readRange, readTail } from './reads.js';
import { toRevisionNumber } from './revision.js';
import { isWrongExpectedVersion, translateAppendError } from './translate-error.js';

export type AppendClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream'>;

export interface AppendSettings {
  readonly namespace: Namespace;
  /** Claim each event id (event-id-claims.ts) so no id is used in two streams. */
  readonly claimEventIds: boolean;
  readonly idempotencyWindow: number;
  readonly maxEventBytes: number;
  /** Writes lost to a concurrent writer before an 'any'/'stream_exists' append gives up. */
  readonly maxAttempts: number;
}

type Attempt = { readonly done: AppendResult } | { readonly raced: unknown };

export const appendEvents = async (
  client: AppendClient, settings: AppendSettings, stream: string, events: readonly EventData[], expected: ExpectedRevision,
): Promise<AppendResult> => {
  validateStreamName(stream);
  if (isReservedStream(stream)) throw new EventStoreInputError('INVALID_STREAM_NAME', `stream name ${stream} is reserved for the store`);
  validateExpectedRevision(expected);
  const candidates = toCandidates(prepareEvents(events, settings.maxEventBytes));
  const claimedBefore = settings.claimEventIds
    ? await claimEventIds(client, settings.namespace, stream, candidates.map((candidate) => candidate.id))
    : new Set<string>();
  for (let attempt = 1; ; attempt += 1) {
    const { tail, window } = await readTailFor(client, settings, stream, candidates.length, claimedBefore);
    const plan = planAppend({ expected, candidates, tail, window });
    switch (plan.kind) {
      case 'replay': return { nextRevision: plan.lastRevision, position: null, written: false };
      case 'conflict': throw new EventIdConflictError(stream, plan.eventId, plan.reason);
      case 'wrong_revision': throw new WrongExpectedRevisionError(stream, expected, plan.actual);
      case 'append': {
        // A lost race re-plans from a fresh tail: exact callers then get the concurrency error
        // (or a replay, if the winner wrote this very batch); 'any' callers chain on the new tail.
        const outcome = await tryAppend(client, settings.namespace, stream, expected, candidates, plan);
        if ('done' in outcome) return outcome.done;
        if (attempt >= settings.maxAttempts) throw outcome.raced;
        break;
      }
    }
  }
};

/**
 * The tail to plan on. The window covers retries; an id this stream claimed before but that is
 * not in the window is either older or an orphan claim, and only the whole stream tells which.
 */
const readTailFor = async (
  client: AppendClient, settings: AppendSettings, stream: string, batchLength: number, claimedBefore: ReadonlySet<string>,
): Promise<{ tail: StoredEvent[]; window: number }> => {
  const physical = settings.namespace.physical(stream);
  const count = settings.idempotencyWindow + batchLength;
  const tail = await readTail(client, physical, count);
  const seen = new Set(tail.slice(0, settings.idempotencyWindow).map((event) => event.id));
  if (tail.length < count || [...claimedBefore].every((id) => seen.has(id))) return { tail, window: settings.idempotencyWindow };
  const whole = await readTail(client, physical, Number.MAX_SAFE_INTEGER);
  return { tail: whole, window: whole.length };
};

const tryAppend = async (
  client: AppendClient, namespace: Namespace, stream: string, expected: ExpectedRevision, candidates: readonly Candidate[],
  plan: Extract<AppendPlan, { kind: 'append' }>,
): Promise<Attempt> => {
  const hashes = linkBatch(stream, plan.firstRevision, plan.previousHash, candidates);
  let result;
  try {
    result = await client.appendToStream(namespace.physical(stream), candidates.map((candidate, index) => toProposedEvent(candidate, hashes[index]!)), {
      expectedRevision: plan.guard === 'no_stream' ? NO_STREAM : BigInt(plan.guard),
    });
  } catch (error) {
    if (isWrongExpectedVersion(error)) return { raced: translateAppendError(error, stream, expected) };
    throw translateAppendError(error, stream, expected);
  }
  // Two appends of the same ids can both pass the tail check. ESDB then treats the second as an
  // idempotent retry of the first by id alone, so read back what the stream now holds and refuse
  // if it is someone else's content. One remaining gap: `written` is true for that second
  // append even though ESDB wrote nothing (the response doesn't say).
  const stored = await readRange(client, namespace.physical(stream), plan.firstRevision, candidates.length);
  for (const [index, candidate] of candidates.entries()) {
    const event = stored[index];
    if (!event) throw new Error(`stream ${stream}: appended event ${candidate.id} could not be read back from the leader`);
    if (event.id !== candidate.id || !sameContent(event, candidate)) {
      throw new EventIdConflictError(stream, candidate.id, 'was appended at the same time with other content, and the other append won');
    }
  }
  const last = stored.at(-1);
  return {
    done: {
      nextRevision: toRevisionNumber(result.nextExpectedRevision),
      position: last?.position ?? (result.position ? toAllPosition(result.position) : null),
      written: true,
    },
  };
};
