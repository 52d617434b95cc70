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
  `
  -- The group-commit fast path: one statement (one round trip, its own transaction) that
  -- writes a batch planned against the stream heads the writer remembers. It writes
  -- nothing when an event id already exists (no rows back) or a head moved (error 'TRHDS'),
  -- and the writer then replans under locks.
  CREATE OR REPLACE FUNCTION eventstore.append_if_heads(
    p_streams text[], p_from_revisions bigint[], p_from_hashes text[], p_to_revisions bigint[], p_to_hashes text[],
    p_stream_names text[], p_revisions bigint[], p_ids uuid[], p_types text[], p_data json[], p_metadata json[],
    p_hashes text[], p_recorded_at timestamptz, p_notify boolean)
  RETURNS TABLE (out_event_id uuid, out_prepare bigint, out_commit xid8) LANGUAGE plpgsql
  -- Re-planning these statements on every call would cost more than running them.
  SET plan_cache_mode = force_generic_plan AS $$
  DECLARE
    moved int;
    created int := 0;
    expected_new int := 0;
  BEGIN
    IF EXISTS (SELECT 1 FROM eventstore.events e WHERE e.event_id = ANY(p_ids)) THEN
      RETURN;
    END IF;
    -- Moving a head only from the value planned against doubles as the row lock.
    UPDATE eventstore.streams st SET last_revision = x.to_r, last_hash = x.to_h
      FROM unnest(p_streams, p_from_revisions, p_from_hashes, p_to_revisions, p_to_hashes) AS x(s, from_r, from_h, to_r, to_h)
      WHERE st.stream_name = x.s AND x.from_r >= 0 AND st.last_revision = x.from_r AND st.last_hash = x.from_h;
    GET DIAGNOSTICS moved = ROW_COUNT;
    expected_new := cardinality(array_positions(p_from_revisions, -1::bigint));
    IF expected_new > 0 THEN
      INSERT INTO eventstore.streams (stream_name, last_revision, last_hash)
        SELECT x.s, x.to_r, x.to_h FROM unnest(p_streams, p_from_revisions, p_to_revisions, p_to_hashes) AS x(s, from_r, to_r, to_h)
        WHERE x.from_r < 0 ORDER BY x.s
        ON CONFLICT DO NOTHING;
      GET DIAGNOSTICS created = ROW_COUNT;
    END IF;
    IF moved + created <> cardinality(p_streams) THEN
      RAISE EXCEPTION 'stream heads moved since they were read' USING ERRCODE = 'TRHDS';
    END IF;
    RETURN QUERY
      INSERT INTO eventstore.events AS e (stream_name, revision, event_id, event_type, data, metadata, recorded_at, hash)
      SELECT u.s, u.r, u.i, u.t, u.d, u.m, p_recorded_at, u.h
      FROM unnest(p_stream_names, p_revisions, p_ids, p_types, p_data, p_metadata, p_hashes) WITH ORDINALITY AS u(s, r, i, t, d, m, h, ord)
      ORDER BY u.ord
      RETURNING e.event_id, e.global_position, e.transaction_id;
    IF p_notify THEN
      PERFORM pg_notify('trestle_eventstore', '');
    END IF;
  END $$;
  `,
];

export const SCHEMA_VERSION = STEPS.length;

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

/** Idempotent: safe to run at every boot, from several processes at once. */
export const migrate = async (pool: pg.Pool): Promise<void> => {
  const client = await pool.connect();
  try {
    if ((await appliedSteps(client)) >= STEPS.length) return;
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    const done = await appliedSteps(client);
    for (let step = done; step < STEPS.length; step++) {
      await client.query(STEPS[step]!);
      await client.query('CREATE TABLE IF NOT EXISTS eventstore.schema_version (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      await client.query('INSERT INTO eventstore.schema_version (version) VALUES ($1) ON CONFLICT DO NOTHING', [step + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
