import type { AllFilter, RecordedEvent } from '../../eventstore/index.js';

/** SQL as TypeORM's DataSource and EntityManager both run it (`query` answers the rows of a SELECT). */
export interface Sql {
  // TypeORM types the answer as any; callers name the row type with `select`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(text: string, params?: unknown[]): Promise<any>;
}

/** A database the runner can open a transaction on (a TypeORM DataSource). */
export interface ProjectionDb extends Sql {
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
}

export const select = async <T>(sql: Sql, text: string, params: unknown[] = []): Promise<T[]> => (await sql.query(text, params)) as T[];

/**
 * One read model's state machine over the events. The runner drives it in batches:
 * `prepare` loads what the batch's events will touch, `apply` is pure in-memory work, and
 * `flush` writes everything changed, in the same transaction as the checkpoint.
 */
export interface ProjectionModel {
  /** Once, before the first batch: load what stays in memory (an index, say). */
  open(db: Sql): Promise<void>;
  prepare(events: readonly RecordedEvent[], db: Sql): Promise<void>;
  /** Never throws on bad data: skips or clamps (STYLE rule 10). */
  apply(event: RecordedEvent): void;
  flush(tx: Sql): Promise<void>;
  /** Rows waiting for the next flush; a rebuild flushes when this grows large. */
  readonly pendingWrites: number;
  /** After a flush: forget per-document state (it is in the tables now); keep what `open` loaded. */
  release(): void;
}

/**
 * A projection, versioned (STYLE rule 10): bumping `version` makes the hub rebuild it at
 * boot. Each build lives in its own generation of tables; readers see the active one
 * through views, so a rebuild builds beside the old copy and switches the views at the end.
 */
export interface ProjectionDefinition {
  /** Stable id used by routes and the CLI, e.g. 'reconciliation'. */
  readonly name: string;
  readonly version: number;
  readonly filter?: AllFilter;
  /** CREATE TABLE IF NOT EXISTS ... for one generation. */
  ddl(generation: number): string;
  /** (Re)creates the reader-facing views over one generation; runs inside the switch transaction. */
  views(generation: number): string;
  /** The generation's tables, for dropping it. */
  tables(generation: number): readonly string[];
  model(generation: number, mode: 'live' | 'bulk'): ProjectionModel;
}

/** Schema-qualified name of a generation's table: `projections.recon_rows_3`. */
export const generationTable = (base: string, generation: number): string => `projections.${base}_${generation}`;
