import type { RecordedEvent } from '../../eventstore/index.js';
import { generationTable, select, type ProjectionModel, type Sql } from '../engine/projection.js';

/** One row of a keyed read model: found by (connection, key), or by (connection, grp) for a group. */
export interface KeyedRow<V> {
  readonly connection: string;
  readonly key: string;
  readonly grp: string | null;
  readonly value: V;
}

/** Where an event lands: the row it changes. */
export interface RowKey {
  readonly connection: string;
  readonly key: string;
}

/**
 * How one read model folds its events into rows. `evolve` gets the row's stored value
 * (undefined when there is none) and returns the next row, or null to delete it.
 */
export interface KeyedFold<V> {
  /** Table base name: `projections.{base}_{generation}`, read through the view `projections.{base}`. */
  readonly base: string;
  readonly eventTypes: readonly string[];
  /** False when each row is simply the latest fact: no stored value is loaded before applying. */
  readonly readsCurrent: boolean;
  keysOf(event: RecordedEvent): readonly RowKey[];
  evolve(current: V | undefined, event: RecordedEvent): { readonly grp: string | null; readonly value: V } | null;
}

export const keyedTable = (base: string, generation: number): string => generationTable(base, generation);

/** json, not jsonb: a value reads back exactly as the fold wrote it (key order included), and is never queried inside. */
export const keyedDdl = (base: string, generation: number): string => `
  CREATE TABLE IF NOT EXISTS ${keyedTable(base, generation)} (
    connection text NOT NULL, key text NOT NULL, grp text, value json NOT NULL, PRIMARY KEY (connection, key));
  CREATE INDEX IF NOT EXISTS ${base}_${generation}_grp ON ${keyedTable(base, generation)} (connection, grp) WHERE grp IS NOT NULL;`;

export const keyedView = (base: string, generation: number): string => `
  DROP VIEW IF EXISTS projections.${base};
  CREATE VIEW projections.${base} AS SELECT connection, key, grp, value FROM ${keyedTable(base, generation)};`;

const idOf = (k: RowKey): string => `${k.connection}\u0000${k.key}`;

interface Known<V> extends RowKey {
  readonly row: { readonly grp: string | null; readonly value: V } | null;
}

/**
 * Keeps only what the batch touches in memory: `prepare` loads those rows, `apply` evolves
 * them, `flush` upserts or deletes what changed, and `release` forgets them, so memory follows
 * the batch, not the history. Saga copies of an input (`metadata.inputStream`) repeat a fact
 * recorded elsewhere and are never folded.
 */
export class KeyedRowsModel<V> implements ProjectionModel {
  private readonly known = new Map<string, Known<V>>();
  private readonly dirty = new Set<string>();

  constructor(private readonly fold: KeyedFold<V>, private readonly table: string) {}

  async open(): Promise<void> {}

  async prepare(events: readonly RecordedEvent[], db: Sql): Promise<void> {
    if (!this.fold.readsCurrent) return;
    const missing = new Map<string, RowKey>();
    for (const event of events) if (this.folds(event)) for (const k of this.fold.keysOf(event)) if (!this.known.has(idOf(k))) missing.set(idOf(k), k);
    if (missing.size === 0) return;
    const keys = [...missing.values()];
    const rows = await select<KeyedRow<V>>(db, `SELECT t.connection, t.key, t.grp, t.value FROM ${this.table} t
      JOIN unnest($1::text[], $2::text[]) AS k(connection, key) ON t.connection = k.connection AND t.key = k.key`,
    [keys.map((k) => k.connection), keys.map((k) => k.key)]);
    for (const k of keys) this.known.set(idOf(k), { ...k, row: null });
    for (const r of rows) this.known.set(idOf(r), { connection: r.connection, key: r.key, row: { grp: r.grp, value: r.value } });
  }

  apply(event: RecordedEvent): void {
    if (!this.folds(event)) return;
    for (const k of this.fold.keysOf(event)) {
      const id = idOf(k);
      const row = this.fold.evolve(this.known.get(id)?.row?.value, event);
      this.known.set(id, { connection: k.connection, key: k.key, row });
      this.dirty.add(id);
    }
  }

  get pendingWrites(): number {
    return this.dirty.size;
  }

  async flush(tx: Sql): Promise<void> {
    // Taken at once: a rebuild keeps applying events while this writes.
    const changed = [...this.dirty].map((id) => this.known.get(id)!);
    this.dirty.clear();
    const upserts = changed.filter((c) => c.row !== null);
    const deletes = changed.filter((c) => c.row === null);
    for (let i = 0; i < upserts.length; i += 5000) {
      const part = upserts.slice(i, i + 5000);
      await tx.query(`INSERT INTO ${this.table} (connection, key, grp, value)
        SELECT c, k, g, v::json FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(c, k, g, v)
        ON CONFLICT (connection, key) DO UPDATE SET grp = excluded.grp, value = excluded.value`,
      [part.map((c) => c.connection), part.map((c) => c.key), part.map((c) => c.row!.grp), part.map((c) => JSON.stringify(c.row!.value))]);
    }
    for (let i = 0; i < deletes.length; i += 5000) {
      const part = deletes.slice(i, i + 5000);
      await tx.query(`DELETE FROM ${this.table} t USING unnest($1::text[], $2::text[]) AS k(connection, key) WHERE t.connection = k.connection AND t.key = k.key`,
        [part.map((c) => c.connection), part.map((c) => c.key)]);
    }
  }

  release(): void {
    // Rows a write-behind has not written yet stay: the next flush needs them.
    for (const id of [...this.known.keys()]) if (!this.dirty.has(id)) this.known.delete(id);
  }

  private folds(event: RecordedEvent): boolean {
    return event.metadata.inputStream === undefined && this.fold.eventTypes.includes(event.type);
  }
}
