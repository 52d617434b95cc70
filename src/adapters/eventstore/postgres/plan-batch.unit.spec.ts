import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainHash, EventIdConflictError, GENESIS_HASH, WrongExpectedRevisionError, type ExpectedRevision } from '../../../eventstore/index.js';
import { toNewEvents } from './new-event.js';
import { planBatch, type BatchAppend, type KnownEvent, type StreamHead } from './plan-batch.js';

const NOW = '2026-03-31T12:00:00.000Z';
const append = (stream: string, expected: ExpectedRevision, count = 1): BatchAppend =>
  ({ stream, expected, events: toNewEvents(Array.from({ length: count }, (_, i) => ({ id: randomUUID(), type: 'T.v1', data: { i } })), 1024) });
const knownFrom = (a: BatchAppend, firstRevision = 0): Map<string, KnownEvent> =>
  new Map(a.events.map((e, i) => [e.id, { ...e, streamName: a.stream, revision: firstRevision + i }]));

describe('planBatch', () => {
  it('chains hashes from the locked head and moves the head', () => {
    const head: StreamHead = { revision: 4, hash: 'a'.repeat(64) };
    const a = append('s', 4, 2);
    const plan = planBatch([a], new Map([['s', head]]), new Map(), NOW);
    expect(plan.verdicts).toEqual([{ kind: 'write', nextRevision: 6, lastEventId: a.events[1]!.id }]);
    const link = (previous: string, index: number, revision: number): string =>
      chainHash(previous, { streamName: 's', revision, ...a.events[index]!, metadata: { ...a.events[index]!.metadata, recordedAt: NOW } });
    const first = link(head.hash, 0, 5);
    expect(plan.rows.map((r) => [r.revision, r.hash])).toEqual([[5, first], [6, link(first, 1, 6)]]);
    expect(plan.heads.get('s')).toEqual({ revision: 6, hash: link(first, 1, 6) });
  });

  it('decides appends to one stream in arrival order, each against the head the previous one left', () => {
    const plan = planBatch([append('s', 'no_stream'), append('s', 0), append('s', 0), append('s', 'stream_exists')], new Map(), new Map(), NOW);
    expect(plan.verdicts.map((v) => v.kind)).toEqual(['write', 'write', 'reject', 'write']);
    const stale = plan.verdicts[2];
    expect(stale?.kind === 'reject' && stale.error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(stale?.kind === 'reject' && stale.error).toMatchObject({ actual: 1 });
    expect(plan.rows.map((r) => r.revision)).toEqual([0, 1, 2]);
    expect(plan.rows[0]!.hash).toBe(chainHash(GENESIS_HASH, { streamName: 's', revision: 0, ...plan.rows[0]!.event, metadata: { ...plan.rows[0]!.event.metadata, recordedAt: NOW } }));
  });

  it('treats a full replay as written:false and any other reuse of an id as a conflict', () => {
    const original = append('s', 'no_stream', 2);
    const known = knownFrom(original, 3);
    const reordered: BatchAppend = { ...original, events: [...original.events].reverse() };
    const partial: BatchAppend = { ...original, events: [original.events[0]!, ...append('s', 'any').events] };
    const elsewhere: BatchAppend = { ...original, stream: 'other' };
    const changed: BatchAppend = { ...original, events: toNewEvents([{ id: original.events[0]!.id, type: 'T.v1', data: { i: 99 } }], 1024) };
    const plan = planBatch([original, reordered, partial, elsewhere, changed], new Map([['s', { revision: 4, hash: 'b'.repeat(64) }]]), known, NOW);
    expect(plan.verdicts[0]).toEqual({ kind: 'replay', nextRevision: 4 });
    for (const verdict of plan.verdicts.slice(1)) expect(verdict.kind === 'reject' && verdict.error).toBeInstanceOf(EventIdConflictError);
    expect(plan.rows).toEqual([]);
  });

  it('sees ids written earlier in the same batch', () => {
    const a = append('s', 'any');
    const plan = planBatch([a, a], new Map(), new Map(), NOW);
    expect(plan.verdicts.map((v) => v.kind)).toEqual(['write', 'replay']);
    expect(plan.rows).toHaveLength(1);
  });
});
