import { describe, expect, it } from 'vitest';
import { comparePositions, type RecordedEvent } from '../../src/eventstore/index.js';
import { event, events, eventually, uniquePrefix, type StoreRef } from './contract-helpers.js';

const revisions = (recorded: readonly RecordedEvent[]): number[] => recorded.map((e) => e.revision);

const inOrder = (recorded: readonly RecordedEvent[]): boolean =>
  recorded.every((e, i) => i === 0 || comparePositions(recorded[i - 1]!.position, e.position) < 0);

export const describeRead = (store: StoreRef): void => {
  describe('readStream', () => {
    it('reads forwards and backwards from any revision, up to maxCount', async () => {
      const stream = uniquePrefix('read');
      await store().append(stream, events(5), 'no_stream');
      await store().append(stream, events(7), 4);
      const all = Array.from({ length: 12 }, (_, i) => i);
      expect(revisions(await store().readStream(stream))).toEqual(all);
      expect(revisions(await store().readStream(stream, { fromRevision: 2 }))).toEqual(all.slice(2));
      expect(revisions(await store().readStream(stream, { fromRevision: 9, maxCount: 2 }))).toEqual([9, 10]);
      expect(revisions(await store().readStream(stream, { direction: 'backwards' }))).toEqual([...all].reverse());
      expect(revisions(await store().readStream(stream, { direction: 'backwards', fromRevision: 2 }))).toEqual([2, 1, 0]);
      expect(revisions(await store().readStream(stream, { direction: 'backwards', maxCount: 3 }))).toEqual([11, 10, 9]);
      expect(await store().readStream(stream, { fromRevision: 12 })).toEqual([]);
    });

    it('returns the events as appended, and nothing for a stream that does not exist', async () => {
      const stream = uniquePrefix('content');
      const appended = event('Priced.v1', { cents: 12_345, lines: [{ code: '03-100', note: 'ünïcødé \u0000 ok' }] });
      await store().append(stream, [appended], 'no_stream');
      const [read] = await store().readStream(stream);
      expect(read).toMatchObject({ id: appended.id, type: 'Priced.v1', streamName: stream, revision: 0, data: appended.data });
      expect(await store().readStream(uniquePrefix('nothing'))).toEqual([]);
      expect(await store().streamRevision(uniquePrefix('nothing'))).toBeUndefined();
    });
  });

  describe('metadata', () => {
    it('fills in the defaults and sets recordedAt', async () => {
      const stream = uniquePrefix('meta');
      const plain = event('Plain.v1');
      const before = Date.now();
      await store().append(stream, [plain], 'no_stream');
      const [read] = await store().readStream(stream);
      expect(read?.metadata).toMatchObject({ correlationId: plain.id, causationId: null, connection: null, source: null, schemaVersion: 1 });
      const recordedAt = Date.parse(read?.metadata.recordedAt ?? '');
      expect(recordedAt).toBeGreaterThanOrEqual(before - 5_000);
      expect(recordedAt).toBeLessThanOrEqual(Date.now() + 5_000);
    });

    it('keeps what the caller supplied, except recordedAt', async () => {
      const stream = uniquePrefix('meta');
      const metadata = { correlationId: 'corr-1', causationId: 'cause-1', connection: 'acme', source: 'procore', schemaVersion: 2, traceId: 't-9', recordedAt: '1999-01-01T00:00:00.000Z' };
      await store().append(stream, [event('Sourced.v2', {}, metadata)], 'no_stream');
      const [read] = await store().readStream(stream);
      const { recordedAt: _, ...supplied } = metadata;
      expect(read?.metadata).toMatchObject(supplied);
      expect(read?.metadata.recordedAt).not.toBe(metadata.recordedAt);
    });
  });

  describe('readAll', () => {
    it('reads in commit order from a position, filtered by stream prefix and event type', async () => {
      const prefix = uniquePrefix('all');
      await store().append(`${prefix}.a`, [event('Alpha.v1'), event('Beta.v1')], 'no_stream');
      await store().append(`${prefix}.b`, [event('Alpha.v1')], 'no_stream');
      await store().append(`${prefix}x.c`, [event('Alpha.v1')], 'no_stream');
      const mine = { streamPrefixes: [`${prefix}.`] };
      const all = await eventually(() => store().readAll({ filter: mine, maxCount: 100 }), (r) => r.length >= 3);
      expect(all.map((e) => [e.streamName, e.type])).toEqual([[`${prefix}.a`, 'Alpha.v1'], [`${prefix}.a`, 'Beta.v1'], [`${prefix}.b`, 'Alpha.v1']]);
      expect(inOrder(all)).toBe(true);
      expect((await store().readAll({ filter: mine, after: all[0]!.position })).map((e) => e.id)).toEqual(all.slice(1).map((e) => e.id));
      expect(await store().readAll({ filter: mine, maxCount: 2 })).toHaveLength(2);
      expect((await store().readAll({ filter: { ...mine, eventTypes: ['Beta.v1'] } })).map((e) => e.type)).toEqual(['Beta.v1']);
      const both = await store().readAll({ filter: { streamPrefixes: [`${prefix}.b`, `${prefix}x`] }, maxCount: 100 });
      expect(both.map((e) => e.streamName)).toEqual([`${prefix}.b`, `${prefix}x.c`]);
    });

    it('gives every event a position that orders it after the ones appended before it', async () => {
      const prefix = uniquePrefix('order');
      for (let i = 0; i < 5; i++) await store().append(`${prefix}.${i % 2}`, events(2), 'any');
      const all = await eventually(() => store().readAll({ filter: { streamPrefixes: [prefix] } }), (r) => r.length >= 10);
      expect(inOrder(all)).toBe(true);
      expect(all.map((e) => e.data)).toEqual(Array.from({ length: 5 }, () => [{ i: 0 }, { i: 1 }]).flat());
    });
  });
};
