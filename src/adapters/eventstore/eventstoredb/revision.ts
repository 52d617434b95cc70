import { ANY, NO_STREAM, STREAM_EXISTS, type AppendExpectedRevision } from '@eventstore/db-client';
import type { ExpectedRevision } from '../../../eventstore/index.js';

/** Our expected revision in the client's vocabulary: keywords map one to one, numbers become bigint. */
export const toEsdbExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision => {
  switch (expected) {
    case 'any': return ANY;
    case 'no_stream': return NO_STREAM;
    case 'stream_exists': return STREAM_EXISTS;
    default: return BigInt(expected);
  }
};

/** An ESDB stream revision (u64 on the wire) as our number; revisions past 2^53 would be silently wrong, so refuse them. */
export const toRevisionNumber = (revision: bigint): number => {
  if (revision < 0n || revision > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`stream revision ${revision} is outside the safe integer range`);
  }
  return Number(revision);
};

/**
 * The stream's real revision as reported by a WrongExpectedVersion error. The client reports a
 * missing stream as 'no_stream'; some paths report it as -1, which means the same thing.
 */
export const toActualRevision = (current: unknown): number | 'no_stream' => {
  if (typeof current === 'bigint') return current < 0n ? 'no_stream' : toRevisionNumber(current);
  if (typeof current === 'number' && Number.isSafeInteger(current)) return current < 0 ? 'no_stream' : current;
  return 'no_stream';
};

/** Whether a stream whose last revision is `current` (undefined: no stream) satisfies `expected`. */
export const satisfiesExpected = (expected: ExpectedRevision, current: number | undefined): boolean => {
  switch (expected) {
    case 'any': return true;
    case 'no_stream': return current === undefined;
    case 'stream_exists': return current !== undefined;
    default: return current === expected;
  }
};
