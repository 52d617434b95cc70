import {
  chainHash, EventIdConflictError, GENESIS_HASH, WrongExpectedRevisionError,
  type ExpectedRevision,
} from '../../../eventstore/index.js';
import { sameContent, type NewEvent } from './new-event.js';

/** A stream's last revision (-1: no events yet) and the hash of its last event. */
export interface StreamHead { readonly revision: number; readonly hash: string }

export const EMPTY_HEAD: StreamHead = { revision: -1, hash: GENESIS_HASH };

/** An event already in the store whose id an append reuses. */
export interface KnownEvent {
  readonly id: string;
  readonly streamName: string;
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

export interface BatchAppend {
  readonly stream: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
}

export interface EventRow {
  readonly stream: string;
  readonly revision: number;
  readonly event: NewEvent;
  readonly hash: string;
}

export type Verdict =
  | { readonly kind: 'write'; readonly nextRevision: number; readonly lastEventId: string }
  | { readonly kind: 'replay'; readonly nextRevision: number }
  | { readonly kind: 'reject'; readonly error: Error };

export interface BatchPlan {
  readonly verdicts: Verdict[];
  readonly rows: EventRow[];
  /** Final heads of the streams this batch writes to. */
  readonly heads: Map<string, StreamHead>;
}

const expectationMet = (expected: ExpectedRevision, revision: number): boolean =>
  expected === 'any' ? true
    : expected === 'no_stream' ? revision < 0
      : expected === 'stream_exists' ? revision >= 0
        : expected === revision;

/** All ids known, same stream, same content, same order and consecutive: a replay. Anything else is a conflict. */
const judgeReplay = (append: BatchAppend, known: ReadonlyMap<string, KnownEvent>): Verdict | undefined => {
  const found = append.events.map((event) => known.get(event.id));
  const firstKnown = found.findIndex((k) => k !== undefined);
  if (firstKnown < 0) return undefined;
  const conflict = (eventId: string, reason: string): Verdict =>
    ({ kind: 'reject', error: new EventIdConflictError(append.stream, eventId, reason) });
  for (const [index, event] of append.events.entries()) {
    const stored = found[index];
    if (!stored) return conflict(append.events[firstKnown]!.id, 'is already recorded, but other events of this append are not');
    if (stored.streamName !== append.stream) return conflict(event.id, `is already recorded in stream ${stored.streamName}`);
    if (!sameContent(stored, event)) return conflict(event.id, `is already recorded at revision ${stored.revision} with different content`);
    if (index > 0 && stored.revision !== found[index - 1]!.revision + 1) {
      return conflict(event.id, 'is already recorded, but not in the same order as this append');
    }
  }
  return { kind: 'replay', nextRevision: found[found.length - 1]!.revision };
};

/**
 * Decides every append of a batch in arrival order, against heads locked for this
 * transaction. An accepted append moves its stream's head and becomes "known" for the
 * appends after it, so two appends to one stream in one batch behave as if sequential.
 */
export const planBatch = (
  appends: readonly BatchAppend[],
  lockedHeads: ReadonlyMap<string, StreamHead>,
  alreadyKnown: ReadonlyMap<string, KnownEvent>,
  recordedAt: string,
): BatchPlan => {
  const heads = new Map<string, StreamHead>();
  const known = new Map(alreadyKnown);
  const rows: EventRow[] = [];
  const verdicts = appends.map((append): Verdict => {
    const replay = judgeReplay(append, known);
    if (replay) return replay;
    let head = heads.get(append.stream) ?? lockedHeads.get(append.stream) ?? EMPTY_HEAD;
    if (!expectationMet(append.expected, head.revision)) {
      const actual = head.revision < 0 ? 'no_stream' : head.revision;
      return { kind: 'reject', error: new WrongExpectedRevisionError(append.stream, append.expected, actual) };
    }
    for (const event of append.events) {
      const revision = head.revision + 1;
      const hash = chainHash(head.hash, {
        streamName: append.stream, revision, id: event.id, type: event.type,
        data: event.data, metadata: { ...event.metadata, recordedAt },
      });
      rows.push({ stream: append.stream, revision, event, hash });
      known.set(event.id, { id: event.id, streamName: append.stream, revision, type: event.type, data: event.data, metadata: event.metadata });
      head = { revision, hash };
    }
    heads.set(append.stream, head);
    return { kind: 'write', nextRevision: head.revision, lastEventId: append.events[append.events.length - 1]!.id };
  });
  return { verdicts, rows, heads };
};
