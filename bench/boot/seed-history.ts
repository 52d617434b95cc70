/**
 * Fills a fresh store with `total` events of realistic history, fast: each batch goes through
 * the store's own write path (`writeBatch`: stream rows locked or created, every append
 * planned with the stream chains' hashes, one multi-row INSERT, heads moved) in one
 * transaction, instead of one append call per event. What is written is exactly what the hub
 * would have written, chains included, so the hub reads and verifies it as its own.
 */
import pg from 'pg';
import { migrateEventStore } from '../../src/adapters/eventstore/postgres/index.js';
import { toBatchAppend } from '../../src/adapters/eventstore/postgres/postgres-event-store.js';
import type { BatchAppend } from '../../src/adapters/eventstore/postgres/plan-batch.js';
import { writeBatch } from '../../src/adapters/eventstore/postgres/write-batch.js';
import type { FlowEvent } from '../replay/invoice-flow.js';
import { connectionHistory } from './project-history.js';

const BATCH = 2000;
/** Two writers on different connections' streams: one plans and hashes while the other's INSERT runs. */
const WRITERS = 2;

export interface SeedOptions {
  /** Names of the connections, the first ones taken in order (the hub's configured connection first); more are made up. */
  readonly connections?: readonly string[];
  /** Invoices per connection (about 20 events each with everything around them). */
  readonly invoicesPerConnection?: number;
  readonly projectsPerConnection?: number;
}

export interface SeedResult {
  readonly events: number;
  readonly streams: number;
  readonly connections: number;
  readonly projects: number;
}

/** Consecutive events of one stream become one append, as a saga or the recorder writes them. */
const toAppends = (events: readonly FlowEvent[]): BatchAppend[] => {
  const appends: BatchAppend[] = [];
  for (let i = 0; i < events.length;) {
    let j = i + 1;
    while (j < events.length && events[j]!.stream === events[i]!.stream) j++;
    const run = events.slice(i, j);
    appends.push(toBatchAppend(run[0]!.stream, run.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })), 'any'));
    i = j;
  }
  return appends;
};

/** Writes `events` in batches, each in its own transaction; every append must be a fresh write. */
const writeAll = async (client: pg.ClientBase, events: readonly FlowEvent[]): Promise<void> => {
  for (let i = 0; i < events.length; i += BATCH) {
    await client.query('BEGIN');
    try {
      const { outcomes } = await writeBatch(client, toAppends(events.slice(i, i + BATCH)));
      const refused = outcomes.find((o) => !o.ok || !o.result.written);
      if (refused) throw new Error(`seed append not written: ${refused.ok ? 'an event id was already recorded' : refused.error.message}`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
};

export const seedHistory = async (url: string, total: number, options: SeedOptions = {}): Promise<SeedResult> => {
  const invoices = options.invoicesPerConnection ?? 1000;
  const projects = options.projectsPerConnection ?? 8;
  const pool = new pg.Pool({ connectionString: url, max: WRITERS + 1 });
  try {
    await migrateEventStore(pool);
    const ledger: FlowEvent[] = [];
    let left = total;
    let next = 0;
    let written = 0;
    const nameOf = (n: number) => options.connections?.[n] ?? `tenant${String(n).padStart(3, '0')}`;
    // Each writer takes the next connection: their streams never meet, so no writer waits on another's locks.
    await Promise.all(Array.from({ length: WRITERS }, async () => {
      const client = await pool.connect();
      try {
        while (left > 0) {
          const history = connectionHistory(nameOf(next++), invoices, projects);
          // The last connection is cut short to land near `total`; its ledger keeps only entries of what was written.
          const events = history.events.slice(0, Math.max(0, left - history.ledger.length));
          if (events.length === 0) break;
          written++;
          const ids = new Set(events.map((e) => e.id));
          const entries = history.ledger.filter((e) => ids.has(String(e.metadata.causationId)));
          left -= events.length + entries.length;
          ledger.push(...entries);
          await writeAll(client, events);
        }
      } finally {
        client.release();
      }
    }));
    const client = await pool.connect();
    try {
      await writeAll(client, ledger);
      await client.query('ANALYZE eventstore.events');
      const { rows } = await client.query<{ events: string; streams: string }>(
        'SELECT (SELECT count(*) FROM eventstore.events) AS events, (SELECT count(*) FROM eventstore.streams) AS streams');
      return { events: Number(rows[0]!.events), streams: Number(rows[0]!.streams), connections: written, projects: written * projects };
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
};
