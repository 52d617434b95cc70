import type pg from 'pg';
import { runDdl } from '../../../../platform/postgres/run-ddl.js';

const DDL = `
  CREATE SCHEMA IF NOT EXISTS inbound;
  -- Where each reconciliation poll got to, per connection, source and resource.
  CREATE TABLE IF NOT EXISTS inbound.poll_cursors (
    connection text NOT NULL,
    source text NOT NULL,
    resource text NOT NULL,
    cursor_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connection, source, resource)
  );
  -- Books objects the hub created, with the version (QuickBooks SyncToken; Xero update
  -- time in ms) it last wrote or first saw: a newer version was made by someone else.
  CREATE TABLE IF NOT EXISTS inbound.books_objects (
    connection text NOT NULL,
    system text NOT NULL,
    entity text NOT NULL,
    object_id text NOT NULL,
    version text NOT NULL,
    origin text NOT NULL,
    deleted_by_hub boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connection, system, entity, object_id)
  );
  -- The object as the hub last knew it (normalised snapshot); NULL until inbound sees the hub's write.
  ALTER TABLE inbound.books_objects ADD COLUMN IF NOT EXISTS baseline json;
  -- No longer written or read (echoes are told by version, not by time); kept so older databases migrate alike.
  ALTER TABLE inbound.books_objects ADD COLUMN IF NOT EXISTS hub_last_updated timestamptz;`;

export const createInboundTables = (pool: pg.Pool): Promise<void> => runDdl(pool, 'inbound', DDL);

/** Durable poll cursors: a restart resumes where the last successful poll ended. */
export class PollCursors {
  constructor(private readonly pool: pg.Pool) {}

  async get(connection: string, source: string, resource: string): Promise<Date | undefined> {
    const { rows } = await this.pool.query<{ cursor_at: Date }>(
      'SELECT cursor_at FROM inbound.poll_cursors WHERE connection = $1 AND source = $2 AND resource = $3', [connection, source, resource]);
    return rows[0]?.cursor_at;
  }

  async set(connection: string, source: string, resource: string, at: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO inbound.poll_cursors (connection, source, resource, cursor_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (connection, source, resource) DO UPDATE SET cursor_at = EXCLUDED.cursor_at, updated_at = now()`,
      [connection, source, resource, at]);
  }
}

export interface KnownObject {
  readonly version: string;
  readonly origin: 'hub' | 'observed';
  readonly deletedByHub: boolean;
  /** The snapshot at `version`; null while only the outbound side's write is known. */
  readonly baseline: unknown;
}

/** What the outbound side knows of a write it just made. */
export interface HubWrite {
  readonly deleted?: boolean;
  /** The object as the write's response returned it: the baseline its echo (the same version) is known by. */
  readonly baseline?: unknown;
}

/**
 * The hub's own books objects. Outbound records every write here (`recordHubWrite`, with
 * the SyncToken the response carried); inbound records a baseline the first time it sees
 * a hub-marked object nobody recorded.
 */
export class KnownObjects {
  constructor(private readonly pool: pg.Pool) {}

  async get(connection: string, system: string, entity: string, id: string): Promise<KnownObject | undefined> {
    const { rows } = await this.pool.query<{ version: string; origin: 'hub' | 'observed'; deleted_by_hub: boolean; baseline: unknown }>(
      'SELECT version, origin, deleted_by_hub, baseline FROM inbound.books_objects WHERE connection = $1 AND system = $2 AND entity = $3 AND object_id = $4',
      [connection, system, entity, id]);
    const row = rows[0];
    return row ? { version: row.version, origin: row.origin, deletedByHub: row.deleted_by_hub, baseline: row.baseline } : undefined;
  }

  /**
   * For the outbound side, after every write: the hub wrote (or deleted) this object and
   * it now stands at `version` (QuickBooks: the SyncToken in the response; Xero: the
   * UpdatedDateUTC in ms). Inbound takes its next sighting at that version as the baseline.
   */
  async recordHubWrite(connection: string, system: string, entity: string, id: string, version: string, write: HubWrite = {}): Promise<void> {
    await this.pool.query(
      `INSERT INTO inbound.books_objects (connection, system, entity, object_id, version, origin, deleted_by_hub, baseline)
       VALUES ($1, $2, $3, $4, $5, 'hub', $6, $7)
       ON CONFLICT (connection, system, entity, object_id) DO UPDATE SET version = EXCLUDED.version, origin = 'hub',
         deleted_by_hub = EXCLUDED.deleted_by_hub, baseline = EXCLUDED.baseline, updated_at = now()`,
      [connection, system, entity, id, version, write.deleted === true, write.baseline === undefined ? null : JSON.stringify(write.baseline)]);
  }

  /** The object as the hub now knows it: its own write seen, a first sighting, or an edit by hand already reported. */
  async rememberBaseline(connection: string, system: string, entity: string, id: string, version: string, baseline: unknown): Promise<void> {
    await this.pool.query(
      `INSERT INTO inbound.books_objects (connection, system, entity, object_id, version, origin, baseline) VALUES ($1, $2, $3, $4, $5, 'observed', $6)
       ON CONFLICT (connection, system, entity, object_id) DO UPDATE SET version = EXCLUDED.version, baseline = EXCLUDED.baseline, updated_at = now()`,
      [connection, system, entity, id, version, JSON.stringify(baseline)]);
  }
}
