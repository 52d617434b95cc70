/**
 * Leaves a seeded store as a hub that had kept up with it would: every projection built by
 * the projection engine's own rebuild (active, checkpoint at the head, its tables and index
 * full), and every durable subscriber's checkpoint at the head. A restart then resumes
 * rather than replays; what it still re-reads from the start is what the bench measures.
 */
import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createPostgresEventStore } from '../../src/adapters/eventstore/postgres/index.js';
import type { AllPosition } from '../../src/eventstore/index.js';
import { ensureGenerationsTable } from '../../src/projections/engine/generations.js';
import type { ProjectionDb } from '../../src/projections/engine/projection.js';
import { Rebuild } from '../../src/projections/engine/rebuild.js';
import { projectionsDataSourceOptions } from '../../src/projections/projections-db.js';
import { DEFAULT_PROJECTIONS } from '../../src/projections/projections.module.js';

/** The last committed event, in commit order. */
const headOf = async (url: string): Promise<AllPosition> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ commit: string; prepare: string }>(`SELECT transaction_id::text AS commit, global_position::text AS prepare
      FROM eventstore.events ORDER BY transaction_id DESC, global_position DESC LIMIT 1`);
    if (!rows[0]) throw new Error('the store is empty: nothing to catch up with');
    return { commit: BigInt(rows[0].commit), prepare: BigInt(rows[0].prepare) };
  } finally {
    await client.end();
  }
};

/** Builds the hub's projections and puts `subscribers` (the hub's durable subscriber names) at the head. */
export const catchUpReadModels = async (url: string, subscribers: readonly string[]): Promise<{ projections: Record<string, number> }> => {
  const store = await createPostgresEventStore({ connectionString: url, poolSize: 2 });
  const db = await new DataSource(await projectionsDataSourceOptions(url)).initialize();
  const sql = db as unknown as ProjectionDb;
  try {
    await ensureGenerationsTable(sql);
    const projections: Record<string, number> = {};
    for (const def of DEFAULT_PROJECTIONS) {
      const job = new Rebuild(store, sql, def, {
        expectedEvents: null, previousGeneration: null, pauseLive: async () => undefined, resumeLive: () => undefined, retire: async () => undefined,
      });
      await job.run();
      const progress = job.progress();
      if (progress.state !== 'done') throw new Error(`projection ${def.name} did not build: ${progress.error ?? progress.state}`);
      projections[def.name] = progress.processed;
    }
    const head = await headOf(url);
    for (const name of subscribers) await store.checkpoints.save(name, head);
    return { projections };
  } finally {
    await db.destroy();
    await store.close();
  }
};
