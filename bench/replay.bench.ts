/**
 * bench:replay — rebuilds the reconciliation projection from 1M events (a realistic mix of
 * 50 tenants' documents, sagas, outbound calls and books-side changes) and compares its
 * events/sec with a plain keyset scan of the same table, in the same run. Then the audit
 * side: history and as-of of a 1,000-event document, p99 over repeated calls.
 * Real PostgreSQL server, fresh database, dropped after. Last line: one JSON object.
 */
import 'reflect-metadata';
import { loadavg } from 'node:os';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createPostgresEventStore, type PostgresEventStore } from '../src/adapters/eventstore/postgres/index.js';
import { auditProjection } from '../src/projections/audit/audit.projection.js';
import { DocumentHistory } from '../src/projections/audit/document-history.js';
import { PostgresStreamReader } from '../src/projections/audit/stream-reader.js';
import { ensureGenerationsTable } from '../src/projections/engine/generations.js';
import type { ProjectionDb, ProjectionDefinition } from '../src/projections/engine/projection.js';
import { Rebuild } from '../src/projections/engine/rebuild.js';
import { projectionsDataSourceOptions } from '../src/projections/projections-db.js';
import { reconciliationProjection } from '../src/projections/reconciliation/reconciliation.projection.js';
import { createBenchDatabase } from './store/bench-database.js';
import { invoiceFlow, invoiceStream } from './replay/invoice-flow.js';
import { seedEvents } from './replay/seed-events.js';

const EVENTS = Number(process.env.BENCH_REPLAY_EVENTS ?? 1_000_000);
const PAGE = 2000;
const SAMPLES = Number(process.env.BENCH_REPLAY_SAMPLES ?? 300);

const log = (text: string): void => void process.stdout.write(`${text}\n`);
const round = (n: number, digits = 0): number => Number(n.toFixed(digits));

/** The baseline: read every event in pages by primary key, the same columns the store reads, nothing else. */
const keysetScan = async (url: string): Promise<number> => {
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  try {
    const started = performance.now();
    let count = 0;
    for (let after = '0'; ;) {
      const { rows } = await sql.query<{ p: string }>(`SELECT event_id, event_type, stream_name, revision::text, global_position::text AS p,
        transaction_id::text, data, metadata, recorded_at, hash FROM eventstore.events WHERE global_position > $1 ORDER BY global_position LIMIT ${PAGE}`, [after]);
      if (rows.length === 0) break;
      count += rows.length;
      after = rows[rows.length - 1]!.p;
    }
    return count / ((performance.now() - started) / 1000);
  } finally {
    await sql.end();
  }
};

/**
 * Events of the log replayed per second: the projection's declared event types are
 * filtered in the store, so what it does not read (webhooks, attempts) costs it little;
 * `delivered` is what reached its evolve.
 */
const rebuild = async (store: PostgresEventStore, db: ProjectionDb, def: ProjectionDefinition, logEvents: number): Promise<{ perSec: number; delivered: number }> => {
  const job = new Rebuild(store, db, def, {
    expectedEvents: null, previousGeneration: null, pauseLive: async () => undefined, resumeLive: () => undefined, retire: async () => undefined,
  }, { pageSize: PAGE, flushAt: 250_000 });
  const started = performance.now();
  await job.run();
  return { perSec: logEvents / ((performance.now() - started) / 1000), delivered: job.progress().processed };
};

const latency = async (run: () => Promise<unknown>): Promise<{ p50: number; p99: number }> => {
  for (let i = 0; i < 20; i++) await run(); // warm-up: plans, caches, JIT
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.ceil(times.length * 0.5) - 1]!, p99: times[Math.ceil(times.length * 0.99) - 1]! };
};

/** A document with 1,000 events over its streams: an invoice revised 124 times, each revision posted; `middle` falls halfway. */
const thousandEventDocument = async (store: PostgresEventStore): Promise<{ document: string; middle: Date }> => {
  const revisions = Array.from({ length: 124 }, (_, i) => [{ costCode: '23-31-00', costType: 'S', amount: 10_000_00 + i * 100, retainage: 1_000_00 }]);
  const flow = invoiceFlow({ connection: 'hist', projectId: '1', invoiceId: '1', lines: revisions[0]!, revisions, paid: 5_000_00 });
  const append = async (events: typeof flow) => {
    for (const e of events) await store.append(e.stream, [{ id: e.id, type: e.type, data: e.data, metadata: e.metadata }], 'any');
  };
  const pause = () => new Promise((resolve) => setTimeout(resolve, 10));
  await append(flow.slice(0, flow.length / 2));
  await pause();
  const middle = new Date();
  await pause();
  await append(flow.slice(flow.length / 2));
  return { document: invoiceStream('hist', '1'), middle };
};

const main = async (): Promise<void> => {
  const database = await createBenchDatabase();
  const store = await createPostgresEventStore({ connectionString: database.url, poolSize: 4 });
  const db = await new DataSource(await projectionsDataSourceOptions(database.url)).initialize();
  try {
    const seeded = performance.now();
    const { connections } = await seedEvents(database.url, EVENTS);
    log(`seeded ${EVENTS} events (${connections} connections) in ${round((performance.now() - seeded) / 1000, 1)} s`);
    await ensureGenerationsTable(db as unknown as ProjectionDb);
    const firstScan = await keysetScan(database.url);
    const recon = await rebuild(store, db as unknown as ProjectionDb, reconciliationProjection, EVENTS);
    const rebuildPerSec = recon.perSec;
    const scanPerSec = Math.max(firstScan, await keysetScan(database.url));
    log(`keyset scan ${round(scanPerSec)} events/s; reconciliation rebuild ${round(rebuildPerSec)} events/s of the log (${recon.delivered} of its types), ${round(rebuildPerSec / scanPerSec, 3)} of the scan`);
    const doc = await thousandEventDocument(store);
    log(`audit rebuild (no filter) ${round((await rebuild(store, db as unknown as ProjectionDb, auditProjection, EVENTS + 1250)).perSec)} events/s`);
    const history = new DocumentHistory(db, new PostgresStreamReader(db));
    const entries = (await history.history(doc.document))?.length ?? 0;
    const historyMs = await latency(() => history.history(doc.document));
    const asOfMs = await latency(() => history.asOf(doc.document, doc.middle));
    const historyP99Ms = historyMs.p99;
    const asOfP99Ms = asOfMs.p99;
    log(`history of a ${entries}-event document: p50 ${round(historyMs.p50, 2)} ms, p99 ${round(historyP99Ms, 2)} ms; `
      + `as-of: p50 ${round(asOfMs.p50, 2)} ms, p99 ${round(asOfP99Ms, 2)} ms (${SAMPLES} calls each; load average ${loadavg()[0]?.toFixed(1)})`);
    log(JSON.stringify({ rebuildPerSec: round(rebuildPerSec), scanPerSec: round(scanPerSec), ratio: round(rebuildPerSec / scanPerSec, 3), historyP99Ms: round(historyP99Ms, 2), asOfP99Ms: round(asOfP99Ms, 2) }));
  } finally {
    await db.destroy();
    await store.close();
    await database.drop();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`bench:replay failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
