import type { AllPosition } from '../../eventstore/index.js';
import { select, type ProjectionDb, type ProjectionDefinition, type Sql } from './projection.js';

/**
 * Generations of each projection and their checkpoints, in one table. A generation is
 * 'building' (a rebuild fills it), 'active' (readers' views point at it; the live runner
 * keeps it current) or 'retired' (about to be dropped). The checkpoint is saved in the
 * same transaction as the rows it covers, so a crash never applies an event twice.
 */
const SCHEMA_DDL = `
  CREATE SCHEMA IF NOT EXISTS projections;
  CREATE TABLE IF NOT EXISTS projections.generations (
    name text NOT NULL,
    generation int NOT NULL,
    version int NOT NULL,
    state text NOT NULL CHECK (state IN ('building', 'active', 'retired')),
    commit_position numeric(20) NOT NULL DEFAULT -1,
    prepare_position numeric(20) NOT NULL DEFAULT -1,
    events bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    activated_at timestamptz,
    PRIMARY KEY (name, generation)
  );`;

/** Same key for every process: two hubs booting at once must not race in the catalog. */
const DDL_LOCK = '7305186420173977';

export interface GenerationRow {
  readonly generation: number;
  readonly version: number;
  readonly state: 'building' | 'active' | 'retired';
  readonly position: AllPosition | undefined;
  readonly events: number;
}

interface RawRow { generation: number; version: number; state: GenerationRow['state']; commit_position: string; prepare_position: string; events: string }

const toRow = (r: RawRow): GenerationRow => ({
  generation: r.generation, version: r.version, state: r.state, events: Number(r.events),
  position: r.commit_position === '-1' ? undefined : { commit: BigInt(r.commit_position), prepare: BigInt(r.prepare_position) },
});

/** Runs DDL under a transaction-scoped advisory lock. */
export const runProjectionDdl = (db: ProjectionDb, ddl: string): Promise<void> => db.transaction(async (tx) => {
  await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [DDL_LOCK]);
  await tx.query(ddl);
});

export const ensureGenerationsTable = (db: ProjectionDb): Promise<void> => runProjectionDdl(db, SCHEMA_DDL);

export const listGenerations = async (db: Sql, name: string): Promise<GenerationRow[]> =>
  (await select<RawRow>(db, `SELECT generation, version, state, commit_position::text, prepare_position::text, events::text
    FROM projections.generations WHERE name = $1 ORDER BY generation`, [name])).map(toRow);

export const activeGeneration = async (db: Sql, name: string): Promise<GenerationRow | undefined> =>
  (await listGenerations(db, name)).find((g) => g.state === 'active');

export const loadCheckpoint = async (db: Sql, name: string, generation: number): Promise<GenerationRow | undefined> =>
  (await listGenerations(db, name)).find((g) => g.generation === generation);

/** Another writer (a second hub process, say) moved the checkpoint: the batch must not apply twice. */
export class CheckpointMovedError extends Error {
  constructor(name: string, generation: number) {
    super(`the checkpoint of ${name} generation ${generation} moved under this batch; reloading from it`);
    this.name = 'CheckpointMovedError';
  }
}

const same = (a: AllPosition | undefined, row: { commit_position: string; prepare_position: string } | undefined): boolean =>
  row !== undefined && (a === undefined ? row.commit_position === '-1' : row.commit_position === a.commit.toString() && row.prepare_position === a.prepare.toString());

/**
 * Moves the checkpoint from `from` to `to`, inside the batch's transaction. The row is
 * locked and compared first, so two runners on one generation can never both apply a batch.
 */
export const saveCheckpoint = async (tx: Sql, name: string, generation: number, from: AllPosition | undefined, to: AllPosition, events: number): Promise<void> => {
  const [row] = await select<{ commit_position: string; prepare_position: string }>(tx, `SELECT commit_position::text, prepare_position::text
    FROM projections.generations WHERE name = $1 AND generation = $2 FOR UPDATE`, [name, generation]);
  if (!same(from, row)) throw new CheckpointMovedError(name, generation);
  await tx.query(`UPDATE projections.generations SET commit_position = $3, prepare_position = $4, events = $5 WHERE name = $1 AND generation = $2`,
    [name, generation, to.commit.toString(), to.prepare.toString(), events]);
};

/** A new, empty generation with its tables, numbered after every earlier one. */
export const createGeneration = async (db: ProjectionDb, def: ProjectionDefinition): Promise<number> => {
  const [row] = await select<{ next: number }>(db, 'SELECT coalesce(max(generation), 0) + 1 AS next FROM projections.generations WHERE name = $1', [def.name]);
  const generation = row?.next ?? 1;
  await db.query(`INSERT INTO projections.generations (name, generation, version, state) VALUES ($1, $2, $3, 'building')`, [def.name, generation, def.version]);
  await runProjectionDdl(db, def.ddl(generation));
  return generation;
};

/** Points the readers' views at `generation` and retires the one they saw before, atomically. */
export const activateGeneration = (db: ProjectionDb, def: ProjectionDefinition, generation: number): Promise<void> => db.transaction(async (tx) => {
  await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [DDL_LOCK]);
  await tx.query(def.views(generation));
  await tx.query(`UPDATE projections.generations SET state = 'retired' WHERE name = $1 AND state = 'active'`, [def.name]);
  await tx.query(`UPDATE projections.generations SET state = 'active', activated_at = now() WHERE name = $1 AND generation = $2`, [def.name, generation]);
});

/**
 * Drops a generation that readers no longer see. A reader still inside a query on it holds
 * a lock; rather than queue every new reader behind the DROP, give up quickly and let the
 * next cleanup try again.
 */
export const dropGeneration = async (db: ProjectionDb, def: ProjectionDefinition, generation: number): Promise<boolean> => {
  try {
    await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL lock_timeout = '2s'`);
      for (const table of def.tables(generation)) await tx.query(`DROP TABLE IF EXISTS ${table}`);
      await tx.query('DELETE FROM projections.generations WHERE name = $1 AND generation = $2', [def.name, generation]);
    });
    return true;
  } catch {
    return false;
  }
};

/** Retired generations, and builds a crash left unfinished (only one rebuild runs at a time). */
export const dropStaleGenerations = async (db: ProjectionDb, def: ProjectionDefinition): Promise<void> => {
  for (const g of await listGenerations(db, def.name)) if (g.state !== 'active') await dropGeneration(db, def, g.generation);
};
