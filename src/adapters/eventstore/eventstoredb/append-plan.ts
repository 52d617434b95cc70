/**
 * What an append should do, decided from the newest events of the stream (its "tail").
 *
 * ESDB's native idempotence only compares event ids, and only at the revisions right after the
 * expected one. The port promises more: an id reused with other content, or a batch replayed in
 * part, is an EventIdConflictError. So before writing, the adapter reads the tail, looks for the
 * batch's ids there and compares content. The tail is the newest `idempotencyWindow` events, or
 * the whole stream when an id claim says an older event may hold the id (append.ts). The read
 * and the write are two calls: the adapter re-reads what it wrote to close that gap.
 */
import { GENESIS_HASH, type ExpectedRevision } from '../../../eventstore/index.js';
import { sameContent, type Candidate, type StoredEvent } from './event-mapping.js';
import { satisfiesExpected } from './revision.js';

export type AppendPlan =
  /** Write, guarded by the exact revision the hashes were chained on ('no_stream' for a new stream). */
  | { readonly kind: 'append'; readonly guard: number | 'no_stream'; readonly firstRevision: number; readonly previousHash: string }
  /** Every event is already there, at the position the caller expected: nothing to write. */
  | { readonly kind: 'replay'; readonly lastRevision: number }
  | { readonly kind: 'wrong_revision'; readonly actual: number | 'no_stream' }
  | { readonly kind: 'conflict'; readonly eventId: string; readonly reason: string };

export interface AppendContext {
  readonly expected: ExpectedRevision;
  readonly candidates: readonly Candidate[];
  /** The stream's newest events, newest first; empty when the stream doesn't exist. */
  readonly tail: readonly StoredEvent[];
  /**
   * How many of the newest events are searched for the batch's ids. The tail holds a batch's
   * length more, so a batch with one event inside the window is always seen whole.
   */
  readonly window: number;
}

const firstById = (events: readonly StoredEvent[]): Map<string, StoredEvent> => {
  const byId = new Map<string, StoredEvent>();
  for (const event of events) if (!byId.has(event.id)) byId.set(event.id, event);
  return byId;
};

export const planAppend = ({ expected, candidates, tail, window }: AppendContext): AppendPlan => {
  const current = tail[0]?.revision;
  const searched = firstById(tail.slice(0, window));
  if (!candidates.some((candidate) => searched.has(candidate.id))) {
    if (!satisfiesExpected(expected, current)) return { kind: 'wrong_revision', actual: current ?? 'no_stream' };
    return { kind: 'append', guard: current ?? 'no_stream', firstRevision: (current ?? -1) + 1, previousHash: tail[0]?.hash ?? GENESIS_HASH };
  }
  return planReplay(expected, candidates, firstById(tail), current);
};

const planReplay = (
  expected: ExpectedRevision, candidates: readonly Candidate[], byId: ReadonlyMap<string, StoredEvent>, current: number | undefined,
): AppendPlan => {
  const found = candidates.map((candidate) => byId.get(candidate.id));
  for (const [index, stored] of found.entries()) {
    if (stored && !sameContent(stored, candidates[index]!)) {
      return { kind: 'conflict', eventId: stored.id, reason: `is already at revision ${stored.revision} with other content` };
    }
  }
  const present = found.filter((stored): stored is StoredEvent => stored !== undefined);
  const missing = candidates.find((_, index) => found[index] === undefined);
  if (missing) {
    return { kind: 'conflict', eventId: present[0]!.id, reason: `is already in the stream but ${missing.id} of the same batch is not: only part of the batch would be replayed` };
  }
  const first = present[0]!.revision;
  if (present.some((stored, index) => stored.revision !== first + index)) {
    return { kind: 'conflict', eventId: present[0]!.id, reason: 'and the rest of its batch are in the stream, but not as this one contiguous batch' };
  }
  const expectedFirst = expected === 'no_stream' ? 0 : typeof expected === 'number' ? expected + 1 : first;
  if (first === expectedFirst) return { kind: 'replay', lastRevision: first + candidates.length - 1 };
  // The batch is there, just not where the caller expects it: a stale caller gets the concurrency
  // error (reloading shows it the facts); an up-to-date caller is re-appending old ids.
  if (!satisfiesExpected(expected, current)) return { kind: 'wrong_revision', actual: current ?? 'no_stream' };
  return { kind: 'conflict', eventId: present[0]!.id, reason: `is already at revision ${first}; appending it after revision ${String(expected)} would record it twice` };
};
