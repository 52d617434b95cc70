import type pg from 'pg';

/** Bump with each new step in STEPS; a database records the last step it ran. */
const STEPS: readonly string[] = [
  `
  CREATE SCHEMA IF NOT EXISTS eventstore;

  -- One row per stream: the head the writer locks, checks and moves (revision -1 = no events yet).
  CREATE TABLE IF NOT EXISTS eventstore.streams (
    stream_name text COLLATE "C" PRIMARY KEY,
    last_revision bigint NOT NULL DEFAULT -1,
    last_hash text NOT NULL
  );

  -- Commit order is (transaction_id, global_position): readers stop below the oldest
  -- transaction still in flight, so a late commit can never land behind a subscriber.
  CREATE TABLE IF NOT EXISTS eventstore.events (
    global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
    stream_name text COLLATE "C" NOT NULL,
    revision bigint NOT NULL,
    event_id uuid NOT NULL UNIQUE,
    event_type text NOT NULL,
    -- json, not jsonb: the exact text that was hashed, and \\u0000 is accepted.
    data json NOT NULL,
    metadata json NOT NULL,
    recorded_at timestamptz NOT NULL,
    hash text NOT NULL,
    UNIQUE (stream_name, revision)
  );
  CREATE INDEX IF NOT EXISTS events_commit_order ON eventstore.events (transaction_id, global_position);

  CREATE TABLE IF NOT EXISTS eventstore.checkpoints (
    name text PRIMARY KEY,
    commit_position numeric(20) NOT NULL,
    prepare_position numeric(20) NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  );

  CREATE OR REPLACE FUNCTION eventstore.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'eventstore.events is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
  END $$;
  CREATE OR REPLACE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON eventstore.events
    FOR EACH ROW EXECUTE FUNCTION eventstore.refuse_change();
  CREATE OR REPLACE TRIGGER events_no_truncate BEFORE TRUNCATE ON eventstore.events
    FOR EACH STATEMENT EXECUTE FUNCTION eventstore.refuse_change();
  -- ALWAYS: fire even under session_replication_role = replica.
  ALTER TABLE eventstore.events ENABLE ALWAYS TRIGGER events_append_only;
  ALTER TABLE eventstore.events ENABLE ALWAYS TRIGGER events_no_truncate;
  `,
  // An early fast path lived in this function; databases that ran it keep step 2 recorded.
  'DROP FUNCTION IF EXISTS eventstore.append_if_heads',
  // The global chain over $all: one keyed link per event, in commit order (global-chain-*.ts).
  `
  CREATE TABLE IF NOT EXISTS eventstore.audit_chain (
    seq bigint PRIMARY KEY,
    commit_position xid8 NOT NULL,
    prepare_position bigint NOT NULL,
    stream_name text COLLATE "C" NOT NULL,
    revision bigint NOT NULL,
    event_id uuid NOT NULL,
    link text NOT NULL
  );
  CREATE OR REPLACE FUNCTION eventstore.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'eventstore.% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
  END $$;
  CREATE OR REPLACE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON eventstore.audit_chain
    FOR EACH ROW EXECUTE FUNCTION eventstore.refuse_change();
  CREATE OR REPLACE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON eventstore.audit_chain
    FOR EACH STATEMENT EXECUTE FUNCTION eventstore.refuse_change();
  ALTER TABLE eventstore.audit_chain ENABLE ALWAYS TRIGGER audit_chain_append_only;
  ALTER TABLE eventstore.audit_chain ENABLE ALWAYS TRIGGER audit_chain_no_truncate;
  `,
];

export const SCHEMA_VERSION = STEPS.length;

/**
 * The runtime role may only append to and read the events and the global chain: no UPDATE,
 * DELETE, TRUNCATE or ownership, so it cannot switch the append-only triggers off. Stream heads
 * and checkpoints move, so it updates those. Revoking first drops anything granted before.
 */
const runtimeGrants = (role: string): string => `
  REVOKE ALL ON ALL TABLES IN SCHEMA eventstore FROM ${role};
  GRANT USAGE ON SCHEMA eventstore TO ${role};
  GRANT SELECT, INSERT ON eventstore.events, eventstore.audit_chain TO ${role};
  GRANT SELECT, INSERT, UPDATE ON eventstore.streams TO ${role};
  GRANT SELECT, INSERT, UPDATE ON eventstore.checkpoints TO ${role};
  GRANT SELECT ON eventstore.schema_version TO ${role};`;

/** Serialises concurrent boots of several processes on one database. */
const MIGRATION_LOCK_KEY = '7305186420173911';

const appliedSteps = async (client: pg.PoolClient): Promise<number> => {
  // A plain query on pg_class (not to_regclass, which may answer from a stale catalog cache
  // right after another session's migration committed).
  const { rows } = await client.query<{ present: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'eventstore' AND c.relname = 'schema_version') AS present`);
  if (!rows[0]?.present) return 0;
  const version = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM eventstore.schema_version');
  return version.rows[0]?.v ?? 0;
};

/**
 * Idempotent: safe to run at every boot, from several processes at once. With `runtimeRole`
 * (the pool is then the owner's), also grants that role exactly what the hub needs.
 */
export const migrate = async (pool: pg.Pool, runtimeRole?: string): Promise<void> => {
  const client = await pool.connect();
  try {
    if ((await appliedSteps(client)) >= STEPS.length && runtimeRole === undefined) return;
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    const done = await appliedSteps(client);
    for (let step = done; step < STEPS.length; step++) {
      await client.query(STEPS[step]!);
      await client.query('CREATE TABLE IF NOT EXISTS eventstore.schema_version (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      await client.query('INSERT INTO eventstore.schema_version (version) VALUES ($1) ON CONFLICT DO NOTHING', [step + 1]);
    }
    if (runtimeRole !== undefined) await client.query(runtimeGrants(client.escapeIdentifier(runtimeRole)));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
