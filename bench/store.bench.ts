/**
 * bench:store — durable appends/sec of the PostgreSQL event store (group commit) against
 * plain one-row-one-commit INSERTs at the same concurrency, and $all read throughput
 * against a plain keyset scan of the same table. Real server, fresh database, dropped after.
 * Last line: one JSON object with the figures.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createPostgresEventStore, type PostgresEventStore } from '../src/adapters/eventstore/postgres/index.js';
import type { AllPosition } from '../src/eventstore/index.js';
import { createBenchDatabase, interleaved, trackPeakRss } from './store/bench-database.js';

const WRITERS = [1, 8, 32] as const;
/** Per concurrency level, shared by store and baseline in alternating slices. */
const WRITE_MS = Number(process.env.BENCH_WRITE_MS ?? 12_000);
const SLICES = 6;
const READ_EVENTS = Number(process.env.BENCH_READ_EVENTS ?? 1_000_000);
const PAGE = 1000;

const payload = (n: number) => ({
  documentId: `inv-${n}`, project: 'P-1042', vendor: 'V-77', amountCents: 123_456 + n,
  lines: [{ costCode: '03-100', costType: 'L', cents: 100_000 }, { costCode: '05-200', costType: 'M', cents: 23_456 + n }],
});
const META = { connection: 'acme', source: 'procore' };
const round = (n: number, digits = 0): number => Number(n.toFixed(digits));

// The baseline writes the same row into a table of the same shape and indexes (no trigger):
// what the store adds on top of a plain INSERT is its checks, hash chain and stream heads.
const RAW_TABLE = 'CREATE TABLE bench_raw (LIKE eventstore.events INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES)';
const RAW_INSERT = `INSERT INTO bench_raw (stream_name, revision, event_id, event_type, data, metadata, recorded_at, hash)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
const rawRow = (stream: string, revision: number): unknown[] => {
  const id = randomUUID();
  const metadata = { correlationId: id, causationId: null, schemaVersion: 1, ...META };
  return [stream, revision, id, 'InvoiceApproved.v1', JSON.stringify(payload(revision)), JSON.stringify(metadata),
    new Date().toISOString(), randomUUID().replace(/-/g, '').repeat(2)];
};

/** Each writer appends one-event batches to its own stream, with the exact expected revision. */
const storeWriter = (store: PostgresEventStore, writers: number) => {
  const next = new Array<number>(writers).fill(0);
  return (w: number) => {
    const revision = next[w]!;
    next[w] = revision + 1;
    return store.append(`bench.store${writers}.w${w}`,
      [{ id: randomUUID(), type: 'InvoiceApproved.v1', data: payload(revision), metadata: META }], revision === 0 ? 'no_stream' : revision - 1);
  };
};

/** One pg connection per writer, one single-row INSERT and one commit per event. */
const rawWriter = async (url: string, writers: number) => {
  const clients = await Promise.all(Array.from({ length: writers }, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return client;
  }));
  const next = new Array<number>(writers).fill(0);
  return {
    step: (w: number) => {
      const revision = next[w]!;
      next[w] = revision + 1;
      return clients[w]!.query(RAW_INSERT, rawRow(`bench.raw${writers}.w${w}`, revision));
    },
    close: () => Promise.all(clients.map((c) => c.end())),
  };
};

const measureWrites = async (store: PostgresEventStore, url: string, writers: number) => {
  const raw = await rawWriter(url, writers);
  try {
    const { a: stored, b: plain } = await interleaved(writers, WRITE_MS, SLICES, storeWriter(store, writers), raw.step);
    return { writers, store: round(stored), raw: round(plain), ratio: round(stored / plain, 2) };
  } finally {
    await raw.close();
  }
};

/** 1M events straight into the events table (the trigger allows INSERT); hashes are placeholders. */
const populate = async (sql: pg.Client, count: number): Promise<void> => {
  await sql.query(`
    INSERT INTO eventstore.events (stream_name, revision, event_id, event_type, data, metadata, recorded_at, hash)
    SELECT 'bench.read.' || (g % 1000), g / 1000, gen_random_uuid(), 'InvoiceApproved.v1',
           json_build_object('documentId', 'inv-' || g, 'project', 'P-1042', 'vendor', 'V-77', 'amountCents', 123456 + g,
             'lines', json_build_array(json_build_object('costCode', '03-100', 'costType', 'L', 'cents', 100000),
                                       json_build_object('costCode', '05-200', 'costType', 'M', 'cents', 23456 + g))),
           json_build_object('correlationId', gen_random_uuid(), 'causationId', null, 'connection', 'acme', 'source', 'procore', 'schemaVersion', 1),
           now(), repeat('0', 64)
    FROM generate_series(0, $1::int - 1) AS g`, [count]);
  await sql.query('VACUUM (ANALYZE) eventstore.events');
};

const timed = async (read: () => Promise<number>): Promise<number> => {
  const started = performance.now();
  const events = await read();
  return events / ((performance.now() - started) / 1000);
};

const readAllStore = (store: PostgresEventStore) => timed(async () => {
  let after: AllPosition | undefined;
  let total = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    if (page.length === 0) return total;
    total += page.length;
    after = page[page.length - 1]!.position;
  }
});

const keysetScan = (sql: pg.Client) => timed(async () => {
  let after = '0';
  let total = 0;
  for (;;) {
    const { rows } = await sql.query<{ global_position: string }>(
      `SELECT * FROM eventstore.events WHERE global_position > $1 ORDER BY global_position LIMIT ${PAGE}`, [after]);
    if (rows.length === 0) return total;
    total += rows.length;
    after = rows[rows.length - 1]!.global_position;
  }
});

const main = async (): Promise<void> => {
  const rss = trackPeakRss();
  const db = await createBenchDatabase();
  const inFlight = Number(process.env.BENCH_BATCHES_IN_FLIGHT ?? 2);
  const store = await createPostgresEventStore({ connectionString: db.url, poolSize: inFlight + 2, maxBatchesInFlight: inFlight });
  const sql = new pg.Client({ connectionString: db.url });
  try {
    await sql.connect();
    await sql.query(RAW_TABLE);
    const results = [];
    for (const writers of WRITERS) {
      const result = await measureWrites(store, db.url, writers);
      results.push(result);
      console.log(`append, ${writers} writer(s): store ${result.store}/s, plain INSERT ${result.raw}/s, ratio ${result.ratio}`);
    }
    console.log(`populating ${READ_EVENTS} events...`);
    await populate(sql, READ_EVENTS);
    const scanRuns = [await keysetScan(sql)];
    const storeRuns = [await readAllStore(store)];
    scanRuns.push(await keysetScan(sql));
    storeRuns.push(await readAllStore(store));
    const readAll = { store: round(Math.max(...storeRuns)), scan: round(Math.max(...scanRuns)), ratio: round(Math.max(...storeRuns) / Math.max(...scanRuns), 2) };
    console.log(`read all: store ${readAll.store} events/s, keyset scan ${readAll.scan} events/s, ratio ${readAll.ratio}`);
    const peakRssMb = round(rss.stop(), 1);
    console.log(`peak RSS ${peakRssMb} MB`);
    console.log(JSON.stringify({ results, readAll, peakRssMb }));
  } finally {
    await sql.end().catch(() => undefined);
    await store.close();
    await db.drop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
