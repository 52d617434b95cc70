import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPostgresEventStore, EventStoreClosedError, SCHEMA_VERSION } from '../../../src/adapters/eventstore/postgres/index.js';
import { eventually, subscribeInBackground } from '../../contract/contract-helpers.js';
import { testBackends } from '../../support/databases.js';
import { WAKE_CHANNEL } from '../../../src/adapters/eventstore/postgres/wake.js';
import { newEvent, sleep, useDatabase } from './store-fixture.js';

const HOUR_MS = 3_600_000;

/** Sessions of this database whose LISTEN on the store's wake channel has completed. */
const listeners = async (admin: pg.Client): Promise<number> => {
  const { rows } = await admin.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle' AND query = $1`,
    [`LISTEN ${WAKE_CHANNEL}`]);
  return rows[0]!.n;
};

for (const kind of testBackends()) {
  describe(`store lifecycle (${kind})`, () => {
    const db = useDatabase(kind);

    // Several processes booting on one database; PGlite is opened by one process only.
    // Server only. Several processes booting at once: PGlite is one process with one backend.
    if (kind === 'server') it('migrates once when several stores boot at the same time', async () => {
      const stores = await Promise.all(Array.from({ length: 4 }, () => db.openStore()));
      const sql = await db.connect();
      const { rows } = await sql.query<{ version: number }>('SELECT version FROM eventstore.schema_version ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
      await Promise.all(stores.map((store) => store.ping()));
    });

    it('keeps checkpoints and events across a restart', async () => {
      const stream = `durable-${Date.now()}`;
      const first = await createPostgresEventStore({ connectionString: db.url() });
      await first.append(stream, [newEvent()], 'no_stream');
      const [recorded] = await first.readStream(stream);
      await first.checkpoints.save(`${stream}-reader`, recorded!.position);
      await first.close();
      const second = await db.openStore();
      expect(await second.checkpoints.load(`${stream}-reader`)).toEqual(recorded!.position);
      expect(await second.streamRevision(stream)).toBe(0);
    });

    it('settles every queued append on close, ends subscriptions, then refuses new appends', async () => {
      const store = await createPostgresEventStore({ connectionString: db.url() });
      const prefix = `closing-${Date.now()}`;
      const subscription = (async () => {
        let seen = 0;
        for await (const _ of store.subscribeToAll({ filter: { streamPrefixes: [prefix] } })) seen++;
        return seen;
      })();
      const pending = Array.from({ length: 50 }, (_, i) => store.append(`${prefix}.${i % 5}`, [newEvent()], 'any'));
      await store.close();
      const settled = await Promise.allSettled(pending);
      expect(settled.every((r) => r.status === 'fulfilled')).toBe(true);
      // A liveness bound only: the subscription must end by itself once the store is closed.
      await expect(Promise.race([subscription, sleep(30_000).then(() => 'still running')])).resolves.toEqual(expect.any(Number));
      await expect(store.append(`${prefix}.late`, [newEvent()], 'any')).rejects.toBeInstanceOf(EventStoreClosedError);
      const reopened = await db.openStore();
      const streams = await Promise.all([0, 1, 2, 3, 4].map((i) => reopened.readStream(`${prefix}.${i}`)));
      expect(streams.map((events) => events.length)).toEqual([10, 10, 10, 10, 10]);
    });

    // On PGlite, notifications do not cross connections, and one process owns the data anyway.
    // Server only. LISTEN/NOTIFY across connections: PGlite's socket does not carry it (embedded polls).
    if (kind === 'server') it('wakes a sleeping subscriber in another process through LISTEN/NOTIFY', async () => {
      // The reader polls once an hour: within this test, only a NOTIFY can wake it.
      const reader = await db.openStore({ pollIntervalMs: HOUR_MS });
      const writer = await db.openStore();
      const admin = await db.connect();
      const stream = `woken-${Date.now()}`;
      await writer.append(stream, [newEvent()], 'no_stream');
      const listenersBefore = await listeners(admin);
      const subscription = subscribeInBackground(reader, { filter: { streamPrefixes: [stream] } });
      // Caught up: having handed over the first event, the reader went to sleep for an hour.
      await subscription.waitFor(1, 30_000);
      // Its LISTEN is in place (a NOTIFY sent before would be lost, and only a poll would deliver).
      await eventually(() => listeners(admin), (n) => n > listenersBefore, 30_000);
      await writer.append(stream, [newEvent()], 'any');
      await subscription.waitFor(2, 30_000);
      const received = await subscription.stop();
      expect(received).toHaveLength(2);
    });

    it('refuses a database it cannot reach', async () => {
      const url = new URL(db.url());
      url.port = '1';
      await expect(createPostgresEventStore({ connectionString: url.toString() })).rejects.toBeInstanceOf(Error);
    });
  });
}
