import { describe, expect, it } from 'vitest';
import {
  EventIdConflictError, EventStoreInputError, WrongExpectedRevisionError, type ExpectedRevision,
} from '../../src/eventstore/index.js';
import { event, events, uniquePrefix, type StoreRef } from './contract-helpers.js';

export const describeAppend = (store: StoreRef): void => {
  describe('append', () => {
    it('starts a stream at revision 0 and reports the next revision and a position', async () => {
      const stream = uniquePrefix('append-new');
      const first = await store().append(stream, events(2), 'no_stream');
      expect(first).toMatchObject({ nextRevision: 1, written: true });
      expect(first.position).not.toBeNull();
      expect((await store().readStream(stream)).map((e) => e.revision)).toEqual([0, 1]);
      expect(await store().streamRevision(stream)).toBe(1);
    });

    it.each<[string, ExpectedRevision, 'ok' | number | 'no_stream']>([
      ['exact revision that matches', 1, 'ok'],
      ['exact revision that is stale', 0, 1],
      ['exact revision ahead of the stream', 5, 1],
      ['no_stream on an existing stream', 'no_stream', 1],
      ['stream_exists on an existing stream', 'stream_exists', 'ok'],
      ['any', 'any', 'ok'],
    ])('checks the expected revision: %s', async (_, expected, outcome) => {
      const stream = uniquePrefix('expect');
      await store().append(stream, events(2), 'no_stream');
      const attempt = store().append(stream, events(1), expected);
      if (outcome === 'ok') {
        await expect(attempt).resolves.toMatchObject({ nextRevision: 2, written: true });
      } else {
        await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(attempt).rejects.toMatchObject({ actual: outcome, code: 'WRONG_EXPECTED_REVISION' });
        expect(await store().streamRevision(stream)).toBe(1);
      }
    });

    it('rejects stream_exists and exact revisions on a stream that does not exist, with actual no_stream', async () => {
      for (const expected of ['stream_exists', 0] as const) {
        const stream = uniquePrefix('missing');
        await expect(store().append(stream, events(1), expected)).rejects.toMatchObject({ actual: 'no_stream' });
        expect(await store().streamRevision(stream)).toBeUndefined();
      }
    });

    it('lets exactly one of two racing appends with the same expected revision win', async () => {
      const stream = uniquePrefix('race');
      await store().append(stream, events(1), 'no_stream');
      const results = await Promise.allSettled([store().append(stream, events(1), 0), store().append(stream, events(1), 0)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected');
      expect(lost?.status === 'rejected' && lost.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store().streamRevision(stream)).toBe(1);
    });
  });

  describe('idempotent append', () => {
    it('accepts the same event ids again without writing anything', async () => {
      const stream = uniquePrefix('idem');
      const batch = events(3);
      const first = await store().append(stream, batch, 'no_stream');
      const again = await store().append(stream, batch, 'no_stream');
      expect(again).toMatchObject({ nextRevision: first.nextRevision, written: false });
      expect(await store().append(stream, batch, 'any')).toMatchObject({ nextRevision: 2, written: false });
      expect(await store().readStream(stream)).toHaveLength(3);
    });

    it('refuses an event id reused with other content, in another stream, or in a partial overlap', async () => {
      const stream = uniquePrefix('idem-conflict');
      const batch = events(2);
      await store().append(stream, batch, 'no_stream');
      const [a, b] = batch as [typeof batch[0], typeof batch[0]];
      const attempts = [
        store().append(stream, [{ ...a, data: { other: true } }], 'any'),
        store().append(stream, [{ ...a, type: 'Other.v1' }], 'any'),
        store().append(stream, [{ ...a, metadata: { source: 'elsewhere' } }], 'any'),
        store().append(uniquePrefix('idem-other'), [a], 'any'),
        store().append(stream, [b, event('Tested.v1')], 'any'),
        store().append(stream, [b, a], 'any'),
      ];
      const outcomes = await Promise.allSettled(attempts);
      for (const outcome of outcomes) expect(outcome.status === 'rejected' && outcome.reason).toBeInstanceOf(EventIdConflictError);
      expect(await store().readStream(stream)).toHaveLength(2);
    });
  });

  describe('bad input', () => {
    const tooBig = 'x'.repeat(1024 * 1024 + 1);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    it.each<[string, () => [string, unknown[], unknown]]>([
      ['an empty stream name', () => ['', [event('T.v1')], 'any']],
      ['a stream name over 255 characters', () => ['s'.repeat(256), [event('T.v1')], 'any']],
      ['an event over 1 MiB', () => [uniquePrefix('big'), [event('T.v1', { tooBig })], 'any']],
      ['data that is not JSON (bigint)', () => [uniquePrefix('json'), [event('T.v1', { n: 1n })], 'any']],
      ['data that is not JSON (cycle)', () => [uniquePrefix('json'), [event('T.v1', cyclic)], 'any']],
      ['an unknown expected revision', () => [uniquePrefix('exp'), [event('T.v1')], 'latest']],
      ['a negative expected revision', () => [uniquePrefix('exp'), [event('T.v1')], -1]],
      ['no events', () => [uniquePrefix('none'), [], 'any']],
      ['an event id that is not a UUID', () => [uniquePrefix('id'), [{ id: 'nope', type: 'T.v1', data: {} }], 'any']],
    ])('refuses %s with EventStoreInputError and writes nothing', async (_, args) => {
      const [stream, batch, expected] = args();
      const attempt = store().append(stream, batch as never, expected as never);
      await expect(attempt).rejects.toBeInstanceOf(EventStoreInputError);
      if (stream.length > 0 && stream.length <= 255) expect(await store().streamRevision(stream)).toBeUndefined();
    });
  });
};
