import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { appendInTransaction } from '../../../src/adapters/eventstore/postgres/index.js';
import { comparePositions, type AllPosition, type RecordedEvent } from '../../../src/eventstore/index.js';
import { testBackends } from '../../support/databases.js';
import { eventually, subscribeInBackground } from '../../contract/contract-helpers.js';
import { newEvent, sleep, useDatabase } from './store-fixture.js';

interface Committed { readonly stream: string; readonly ids: string[]; readonly position: AllPosition; readonly commitOrder: number }

/** One writer: BEGIN, append, hold the transaction open a random while, COMMIT. */
const writer = async (client: pg.Client, stream: string, rounds: number, maxHoldMs: number, commits: { next: number }) => {
  const done: Committed[] = [];
  for (let round = 0; round < rounds; round++) {
    const events = [newEvent(), newEvent()];
    await client.query('BEGIN');
    const result = await appendInTransaction(client, stream, events, 'any');
    await sleep(Math.random() * maxHoldMs);
    await client.query('COMMIT');
    done.push({ stream, ids: events.map((e) => e.id), position: result.position!, commitOrder: commits.next++ });
  }
  return done;
};

/** The reader the xid8 bound replaces: it trusts that a higher position means a later commit. */
const naiveReader = (client: pg.Client, prefix: string) => {
  const seen = new Set<string>();
  let last = '0';
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ id: string; pos: string }>(
        `SELECT event_id AS id, global_position::text AS pos FROM eventstore.events
         WHERE global_position > $1 AND stream_name LIKE $2 ORDER BY global_position`, [last, `${prefix}%`]);
      for (const row of rows) seen.add(row.id);
      last = rows[rows.length - 1]?.pos ?? last;
      await sleep(1);
    }
  })();
  return { seen, stop: async () => { running = false; await loop; } };
};

/** Pairs where the transaction holding the lower position committed later. */
const outOfOrderCommits = (committed: readonly Committed[]): number => {
  const byPosition = [...committed].sort((a, b) => Number(a.position.prepare - b.position.prepare));
  return byPosition.filter((c, i) => i > 0 && c.commitOrder < byPosition[i - 1]!.commitOrder).length;
};

const expectExactlyOnceInOrder = (received: readonly RecordedEvent[], expectedIds: readonly string[]): void => {
  const ids = received.map((e) => e.id);
  expect(ids).toHaveLength(expectedIds.length);
  expect(new Set(ids)).toEqual(new Set(expectedIds));
  expect(received.every((e, i) => i === 0 || comparePositions(received[i - 1]!.position, e.position) < 0)).toBe(true);
};

for (const kind of testBackends()) {
  describe(`no skipped events (${kind})`, () => {
    const db = useDatabase(kind);

    // Needs real overlapping transactions: PGlite runs one transaction at a time (and its
    // socket server cannot multiplex concurrent connections safely), so server only.
    // Server only. Out-of-order commits need concurrent transactions; PGlite has one backend, so they cannot occur there.
    if (kind === 'server') it('delivers every event exactly once, in commit order, while transactions commit out of order', async () => {
      const store = await db.openStore({ pollIntervalMs: 2 });
      const prefix = `race-${Date.now()}`;
      const subscription = subscribeInBackground(store, { filter: { streamPrefixes: [prefix] } });
      const naive = naiveReader(await db.connect(), prefix);
      const clients = await Promise.all(Array.from({ length: 16 }, () => db.connect()));
      const commits = { next: 0 };
      const committed = (await Promise.all(clients.map((client, w) => writer(client, `${prefix}.w${w}`, 12, 25, commits)))).flat();
      const expectedIds = committed.flatMap((c) => c.ids);

      await subscription.waitFor(expectedIds.length, 30_000);
      await sleep(100); // room for a duplicate to show up
      expectExactlyOnceInOrder(await subscription.stop(), expectedIds);
      await naive.stop();
      // The run really did commit out of order, and a position-only reader lost events to it.
      expect(outOfOrderCommits(committed)).toBeGreaterThan(0);
      expect(naive.seen.size).toBeLessThan(expectedIds.length);
    });

    it('delivers every event exactly once, in order, to a subscriber running alongside concurrent appends', async () => {
      const store = await db.openStore({ pollIntervalMs: 2 });
      const prefix = `live-${Date.now()}`;
      const subscription = subscribeInBackground(store, { filter: { streamPrefixes: [prefix] } });
      const expectedIds: string[] = [];
      await Promise.all(Array.from({ length: 8 }, async (_, w) => {
        for (let round = 0; round < 15; round++) {
          const events = [newEvent(), newEvent()];
          expectedIds.push(...events.map((e) => e.id));
          await store.append(`${prefix}.w${w}`, events, round === 0 ? 'no_stream' : round * 2 - 1);
          await sleep(Math.random() * 3);
        }
      }));
      await subscription.waitFor(expectedIds.length, 30_000);
      await sleep(100);
      expectExactlyOnceInOrder(await subscription.stop(), expectedIds);
    });

    // Caught-up subscribers share one reader of the head of $all; a slow one is let go and reads on
    // its own. Neither path may lose, repeat or reorder an event, whatever each one's filter.
    if (kind === 'server') it('delivers every event once, in commit order, to followers of the shared tail, a slow one included', async () => {
      const store = await db.openStore({ pollIntervalMs: 2 });
      const prefix = `tail-${Date.now()}`;
      const everything = subscribeInBackground(store, { filter: { streamPrefixes: [prefix] } });
      const evenOnly = subscribeInBackground(store, { filter: { streamPrefixes: [`${prefix}.w0`, `${prefix}.w2`] } });
      const slow = { received: [] as RecordedEvent[], controller: new AbortController() };
      const slowDone = (async () => {
        for await (const event of store.subscribeToAll({ filter: { streamPrefixes: [prefix] }, signal: slow.controller.signal })) {
          slow.received.push(event);
          if (slow.received.length % 20 === 0) await sleep(30);
        }
      })();
      const clients = await Promise.all(Array.from({ length: 4 }, () => db.connect()));
      const commits = { next: 0 };
      const committed = (await Promise.all(clients.map((client, w) => writer(client, `${prefix}.w${w}`, 40, 10, commits)))).flat();
      const expectedIds = committed.flatMap((c) => c.ids);
      const evenIds = committed.filter((c) => /\.w[02]$/.test(c.stream)).flatMap((c) => c.ids);

      await everything.waitFor(expectedIds.length, 30_000);
      await evenOnly.waitFor(evenIds.length, 30_000);
      await eventually(async () => slow.received.length, (n) => n >= expectedIds.length, 60_000);
      await sleep(100);
      expectExactlyOnceInOrder(await everything.stop(), expectedIds);
      expectExactlyOnceInOrder(await evenOnly.stop(), evenIds);
      slow.controller.abort();
      await slowDone;
      expectExactlyOnceInOrder(slow.received, expectedIds);
    });
  });
}
