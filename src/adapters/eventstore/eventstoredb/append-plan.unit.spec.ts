import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, type ExpectedRevision } from '../../../eventstore/index.js';
import { planAppend } from './append-plan.js';
import type { Candidate, StoredEvent } from './event-mapping.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const candidate = (n: number, data: unknown = { n }): Candidate => ({ id: id(n), type: 'T.v1', data, metadata: {} });

/** A stream whose events carry ids 1..count, newest first, as a backwards read returns it. */
const tail = (count: number, ids: (rev: number) => number = (rev) => rev + 1): StoredEvent[] =>
  Array.from({ length: count }, (_, rev) => ({
    id: id(ids(rev)), type: 'T.v1', streamName: 's', revision: rev, position: { commit: BigInt(rev), prepare: BigInt(rev) },
    recordedAt: '2026-01-01T00:00:00.000Z', data: { n: ids(rev) }, metadata: {}, hash: `h${rev}`,
  })).reverse();

const plan = (expected: ExpectedRevision, candidates: Candidate[], events: StoredEvent[], window = 100) =>
  planAppend({ expected, candidates, tail: events, window });

describe('planAppend: new events', () => {
  it('starts a new stream on the genesis hash, guarded by no_stream', () => {
    expect(plan('no_stream', [candidate(1)], [])).toEqual({ kind: 'append', guard: 'no_stream', firstRevision: 0, previousHash: GENESIS_HASH });
    expect(plan('any', [candidate(1)], [])).toMatchObject({ kind: 'append', guard: 'no_stream' });
  });

  it("chains on the tail and turns 'any' and 'stream_exists' into an exact guard", () => {
    for (const expected of ['any', 'stream_exists', 2] as const) {
      expect(plan(expected, [candidate(9)], tail(3))).toEqual({ kind: 'append', guard: 2, firstRevision: 3, previousHash: 'h2' });
    }
  });

  it('reports the actual revision when the expectation is wrong', () => {
    expect(plan(1, [candidate(9)], tail(3))).toEqual({ kind: 'wrong_revision', actual: 2 });
    expect(plan('no_stream', [candidate(9)], tail(1))).toEqual({ kind: 'wrong_revision', actual: 0 });
    expect(plan('stream_exists', [candidate(9)], [])).toEqual({ kind: 'wrong_revision', actual: 'no_stream' });
    expect(plan(0, [candidate(9)], [])).toEqual({ kind: 'wrong_revision', actual: 'no_stream' });
  });
});

describe('planAppend: replays', () => {
  it('writes nothing when the batch is already where the caller expected it', () => {
    expect(plan(0, [candidate(2), candidate(3)], tail(3))).toEqual({ kind: 'replay', lastRevision: 2 });
    expect(plan('no_stream', [candidate(1)], tail(3))).toEqual({ kind: 'replay', lastRevision: 0 });
    expect(plan('any', [candidate(2)], tail(3))).toEqual({ kind: 'replay', lastRevision: 1 });
  });

  it('refuses an id reused with other content', () => {
    expect(plan(0, [candidate(2, { n: 'other' })], tail(3))).toMatchObject({ kind: 'conflict', eventId: id(2), reason: expect.stringContaining('other content') });
  });

  it('refuses a batch that is only partly there', () => {
    expect(plan(1, [candidate(3), candidate(4)], tail(3))).toMatchObject({ kind: 'conflict', eventId: id(3), reason: expect.stringContaining(id(4)) });
  });

  it('refuses a batch whose events are there in another order', () => {
    expect(plan(0, [candidate(3), candidate(2)], tail(3))).toMatchObject({ kind: 'conflict', reason: expect.stringContaining('contiguous') });
  });

  it('gives a stale caller the concurrency error and an up-to-date one the conflict', () => {
    expect(plan(1, [candidate(1)], tail(4))).toEqual({ kind: 'wrong_revision', actual: 3 });
    expect(plan(3, [candidate(1)], tail(4))).toMatchObject({ kind: 'conflict', eventId: id(1), reason: expect.stringContaining('twice') });
  });

  it('only searches the window, but resolves a batch that starts just past it', () => {
    const events = tail(10);
    expect(plan('any', [candidate(1)], events, 5)).toMatchObject({ kind: 'append', guard: 9 });
    expect(plan('any', [candidate(5), candidate(6)], events, 5)).toEqual({ kind: 'replay', lastRevision: 5 });
  });
});
