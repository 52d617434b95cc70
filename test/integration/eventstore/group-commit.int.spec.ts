import { describe, expect, it } from 'vitest';
import { EventIdConflictError, WrongExpectedRevisionError, type AppendResult } from '../../../src/eventstore/index.js';
import { appendInTransaction } from '../../../src/adapters/eventstore/postgres/index.js';
import { testBackends } from '../../support/databases.js';
import { newEvent, sleep, useDatabase } from './store-fixture.js';

const commitOf = (result: PromiseSettledResult<AppendResult>): bigint | undefined =>
  result.status === 'fulfilled' ? result.value.position?.commit : undefined;

for (const kind of testBackends()) {
  describe(`group commit (${kind})`, () => {
    const db = useDatabase(kind);

    it('writes concurrent appends in one transaction and fails only the one with a wrong expected revision', async () => {
      const batches: Array<{ batchSize: number; events: number; streams: number }> = [];
      const store = await db.openStore({ maxBatchesInFlight: 1, observer: { onAppend: (info) => batches.push(info) } });
      const prefix = `group-${Date.now()}`;
      await store.append(`${prefix}.existing`, [newEvent()], 'no_stream');
      batches.length = 0;

      const results = await Promise.allSettled([
        ...Array.from({ length: 20 }, (_, i) => store.append(`${prefix}.s${i}`, [newEvent(), newEvent()], 'no_stream')),
        store.append(`${prefix}.existing`, [newEvent()], 5),
      ]);
      const bad = results.pop()!;
      expect(bad.status === 'rejected' && bad.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(bad.status === 'rejected' && bad.reason).toMatchObject({ actual: 0 });
      expect(results.every((r) => r.status === 'fulfilled' && r.value.written && r.value.nextRevision === 1)).toBe(true);
      expect(new Set(results.map(commitOf)).size).toBe(1);
      expect(batches).toEqual([{ batchSize: 21, events: 40, streams: 20, durationMs: expect.any(Number) }]);
      expect(await store.streamRevision(`${prefix}.existing`)).toBe(0);
    });

    it('applies appends to one stream in arrival order within a batch', async () => {
      const store = await db.openStore({ maxBatchesInFlight: 1 });
      const stream = `order-${Date.now()}`;
      const [first, second, stale, any] = await Promise.allSettled([
        store.append(stream, [newEvent('First.v1')], 'no_stream'),
        store.append(stream, [newEvent('Second.v1')], 0),
        store.append(stream, [newEvent('Stale.v1')], 0),
        store.append(stream, [newEvent('Any.v1')], 'any'),
      ]);
      expect(stale.status === 'rejected' && stale.reason).toMatchObject({ actual: 1 });
      expect([first, second, any].map((r) => r.status === 'fulfilled' && r.value.nextRevision)).toEqual([0, 1, 2]);
      expect(new Set([first, second, any].map(commitOf)).size).toBe(1);
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['First.v1', 'Second.v1', 'Any.v1']);
    });

    it('bounds a batch by its number of appends', async () => {
      const store = await db.openStore({ maxBatchAppends: 8, maxBatchesInFlight: 1 });
      const prefix = `bounded-${Date.now()}`;
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.append(`${prefix}.${i}`, [newEvent()], 'no_stream')));
      expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
      expect(new Set(results.map(commitOf)).size).toBe(3);
    });

    it('keeps arrival order per stream while several batches are in flight', async () => {
      const store = await db.openStore({ poolSize: 4, maxBatchesInFlight: 3 });
      const prefix = `overlap-${Date.now()}`;
      const appended = Array.from({ length: 60 }, (_, i) => ({ stream: `${prefix}.${i % 3}`, event: newEvent('Step.v1', { i }) }));
      const results = await Promise.all(appended.map(({ stream, event }) => store.append(stream, [event], 'any')));
      // Overlap needs several connections; embedded, the store keeps to one.
      if (kind === 'server') expect(new Set(results.map((r) => r.position?.commit)).size).toBeGreaterThan(1);
      for (const k of [0, 1, 2]) {
        const read = await store.readStream(`${prefix}.${k}`);
        expect(read.map((e) => (e.data as { i: number }).i)).toEqual(appended.flatMap((a, i) => (i % 3 === k ? [i] : [])));
      }
    });

    // Server only: embedded, the store keeps to one connection, so one batch is in flight.
    if (kind === 'server') it('pipelines batches of one stream: the next is sent while the one before commits, and the order holds', async () => {
      const spans: Array<{ start: number; end: number }> = [];
      const store = await db.openStore({
        poolSize: 4, maxBatchesInFlight: 2, maxBatchAppends: 10,
        observer: { onAppend: ({ durationMs }) => { const end = performance.now(); spans.push({ start: end - durationMs, end }); } },
      });
      const stream = `pipelined-${Date.now()}`;
      await store.append(stream, [newEvent('Step.v1', { i: -1 })], 'no_stream');
      spans.length = 0;
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => store.append(stream, [newEvent('Step.v1', { i })], 'any')));
      expect(results.map((r) => r.nextRevision)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect((await store.readStream(stream)).map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: 41 }, (_, i) => i - 1));
      spans.sort((a, b) => a.start - b.start);
      expect(spans.some((span, i) => i > 0 && span.start < spans[i - 1]!.end)).toBe(true);
      await expect(store.verify(stream)).resolves.toMatchObject({ ok: true, eventsChecked: 41 });
    });

    // The batch in flight finds a reused id and replans under locks; the one planned on top of it
    // finds the head not where it planned, waits for it, and replans too: nothing is lost or reordered.
    if (kind === 'server') it('replans a pipelined batch when the one before it did not land as planned', async () => {
      const store = await db.openStore({ poolSize: 4, maxBatchesInFlight: 2, maxBatchAppends: 10 });
      const stream = `replanned-${Date.now()}`;
      const first = newEvent('Step.v1', { i: 0 });
      await store.append(stream, [first], 'no_stream');
      const results = await Promise.all([
        store.append(stream, [first], 'any'),
        ...Array.from({ length: 30 }, (_, i) => store.append(stream, [newEvent('Step.v1', { i: i + 1 })], 'any')),
      ]);
      expect(results[0]).toMatchObject({ written: false, nextRevision: 0 });
      expect(results.slice(1).map((r) => r.nextRevision)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect((await store.readStream(stream)).map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: 31 }, (_, i) => i));
      await expect(store.verify(stream)).resolves.toMatchObject({ ok: true, eventsChecked: 31 });
    });

    it('notices a head another process moved, and still checks the expected revision under locks', async () => {
      const [mine, theirs] = [await db.openStore(), await db.openStore()];
      const stream = `moved-${Date.now()}`;
      await mine.append(stream, [newEvent()], 'no_stream');
      await theirs.append(stream, [newEvent()], 0);
      await expect(mine.append(stream, [newEvent()], 0)).rejects.toMatchObject({ actual: 1 });
      await expect(mine.append(stream, [newEvent()], 1)).resolves.toMatchObject({ nextRevision: 2, written: true });
      await theirs.append(stream, [newEvent()], 2);
      await expect(mine.append(stream, [newEvent()], 3)).resolves.toMatchObject({ nextRevision: 4 });
      await expect(mine.verify(stream)).resolves.toMatchObject({ ok: true, eventsChecked: 5 });
    });

    // A second writer that commits the same event id while our batch waits on the unique index:
    // the batch fails as a whole, is retried append by append, and only the loser fails.
    // Server only. Another process writing the same store: PGlite serves one process.
    if (kind === 'server') it('fails only the append whose event id another process took first', async () => {
      const store = await db.openStore();
      const other = await db.connect();
      const prefix = `dup-${Date.now()}`;
      const shared = newEvent();
      await other.query('BEGIN');
      await appendInTransaction(other, `${prefix}.theirs`, [shared], 'no_stream');
      const racing = Promise.allSettled([
        store.append(`${prefix}.mine`, [shared], 'no_stream'),
        ...Array.from({ length: 5 }, (_, i) => store.append(`${prefix}.n${i}`, [newEvent()], 'no_stream')),
      ]);
      await sleep(200);
      await other.query('COMMIT');
      const [mine, ...neighbours] = await racing;
      expect(mine?.status === 'rejected' && mine.reason).toBeInstanceOf(EventIdConflictError);
      expect(neighbours.every((r) => r.status === 'fulfilled' && r.value.written)).toBe(true);
      expect(await store.streamRevision(`${prefix}.mine`)).toBeUndefined();
    });
  });
}
