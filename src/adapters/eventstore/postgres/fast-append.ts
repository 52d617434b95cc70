import type pg from 'pg';
import type { AllPosition } from '../../../eventstore/index.js';
import { EMPTY_HEAD, planBatch, type BatchAppend, type BatchPlan, type StreamHead } from './plan-batch.js';
import type { BatchOutcome } from './write-batch.js';

/**
 * The heads this process last wrote or locked. Only a hint: the database re-checks every
 * head it is given, so a head moved by another process costs a replan, never a wrong write.
 */
export class HeadCache {
  private readonly heads = new Map<string, StreamHead>();

  constructor(private readonly capacity = 50_000) {}

  get(stream: string): StreamHead | undefined {
    return this.heads.get(stream);
  }

  /** Heads only move forward: a batch that settles after a later one (pipelined) cannot move one back. */
  remember(heads: ReadonlyMap<string, StreamHead>): void {
    for (const [stream, head] of heads) {
      const known = this.heads.get(stream);
      if (known && known.revision > head.revision) continue;
      this.heads.delete(stream); // re-insert: Map order is the eviction order
      this.heads.set(stream, head);
    }
    for (const oldest of this.heads.keys()) {
      if (this.heads.size <= this.capacity) break;
      this.heads.delete(oldest);
    }
  }

  forget(streams: Iterable<string>): void {
    for (const stream of streams) this.heads.delete(stream);
  }
}

/**
 * One statement, so one round trip and its own transaction. It moves each head only from
 * the value planned against (the UPDATE doubles as the row lock), and fails the whole
 * statement ('stale stream heads') if any head moved. If an event id already exists it
 * writes nothing and returns no rows; either way the writer replans under locks.
 *
 * The head is checked in SET and RETURNING, not in WHERE: WHERE is judged on the statement's
 * snapshot, which cannot see a batch that commits while this one waits for its row lock
 * (pipelined on top of it); after that wait PostgreSQL computes SET again from the row as
 * that batch left it. A head that did not match is left as it was, and 'checked' fails.
 */
const FAST_APPEND = `
  WITH fresh AS (
    SELECT NOT EXISTS (SELECT 1 FROM eventstore.events WHERE event_id = ANY($8::uuid[])) AS yes
  ), moved AS (
    UPDATE eventstore.streams st
    SET last_revision = CASE WHEN st.last_revision = x.from_r AND st.last_hash = x.from_h THEN x.to_r ELSE st.last_revision END,
        last_hash = CASE WHEN st.last_revision = x.from_r AND st.last_hash = x.from_h THEN x.to_h ELSE st.last_hash END
    FROM fresh, unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::text[]) AS x(s, from_r, from_h, to_r, to_h)
    WHERE fresh.yes AND x.from_r >= 0 AND st.stream_name = x.s
    RETURNING st.last_revision = x.to_r AND st.last_hash = x.to_h AS ok
  ), created AS (
    INSERT INTO eventstore.streams (stream_name, last_revision, last_hash)
    SELECT x.s, x.to_r, x.to_h FROM fresh, unnest($1::text[], $2::bigint[], $4::bigint[], $5::text[]) AS x(s, from_r, to_r, to_h)
    WHERE fresh.yes AND x.from_r < 0 ORDER BY x.s
    ON CONFLICT DO NOTHING RETURNING 1
  ), checked AS (
    SELECT CASE WHEN NOT fresh.yes THEN false WHEN n.moved = cardinality($1::text[]) THEN true
      ELSE ('stale stream heads: ' || n.moved)::boolean END AS ok
    FROM fresh, (SELECT (SELECT count(*) FROM moved WHERE ok) + (SELECT count(*) FROM created) AS moved) AS n
  )
  INSERT INTO eventstore.events AS e (stream_name, revision, event_id, event_type, data, metadata, recorded_at, hash)
  SELECT u.s, u.r, u.i, u.t, u.d, u.m, $13::timestamptz, u.h
  FROM checked,
    unnest($6::text[], $7::bigint[], $8::uuid[], $9::text[], $10::json[], $11::json[], $12::text[]) WITH ORDINALITY AS u(s, r, i, t, d, m, h, ord)
  WHERE checked.ok
  ORDER BY u.ord
  RETURNING e.event_id, e.global_position AS prepare, e.transaction_id AS commit`;

/** Where a fast batch starts from and what it leaves: planned before it is sent, so the next batch can plan on top. */
export interface FastPlan {
  readonly appends: readonly BatchAppend[];
  /** The head of each stream the statement checks (and moves only from). */
  readonly from: ReadonlyMap<string, StreamHead>;
  readonly plan: BatchPlan;
  readonly recordedAt: string;
}

/**
 * Plans a batch where every append is a plain write against the heads `headOf` gives (the
 * ones an earlier batch still in flight will leave, else remembered ones, else "empty" for a
 * stream the caller says is new). Undefined means "take the careful path": a head is unknown,
 * or an append would be refused or replayed (those verdicts are only trusted under locks).
 */
export const planFastAppend = (
  appends: readonly BatchAppend[], headOf: (stream: string) => StreamHead | undefined,
): FastPlan | undefined => {
  const from = new Map<string, StreamHead>();
  for (const append of appends) {
    if (from.has(append.stream)) continue;
    const head = headOf(append.stream) ?? (append.expected === 'no_stream' ? EMPTY_HEAD : undefined);
    if (!head) return undefined;
    from.set(append.stream, head);
  }
  const recordedAt = new Date().toISOString();
  const plan = planBatch(appends, from, new Map(), recordedAt);
  if (plan.verdicts.some((v) => v.kind !== 'write')) return undefined;
  return { appends, from, plan, recordedAt };
};

/**
 * One round trip, committed on its own. Undefined means nothing was written and the careful
 * path decides: a head moved from the one planned against, or an id is reused. A statement
 * planned on top of a batch still in flight waits for that batch's row locks, then checks
 * the heads it left (READ COMMITTED re-reads a row updated meanwhile).
 */
export const sendFastAppend = async (pool: pg.Pool, { from, plan, recordedAt }: FastPlan): Promise<BatchOutcome[] | undefined> => {
  const streams = [...plan.heads.keys()];
  const { rows } = await pool.query<{ event_id: string; prepare: string; commit: string }>({
    name: 'eventstore_fast_append',
    text: FAST_APPEND,
    values: [
      streams, streams.map((s) => from.get(s)!.revision), streams.map((s) => from.get(s)!.hash),
      streams.map((s) => plan.heads.get(s)!.revision), streams.map((s) => plan.heads.get(s)!.hash),
      plan.rows.map((r) => r.stream), plan.rows.map((r) => r.revision), plan.rows.map((r) => r.event.id),
      plan.rows.map((r) => r.event.type), plan.rows.map((r) => r.event.dataJson), plan.rows.map((r) => r.event.metadataJson),
      plan.rows.map((r) => r.hash), recordedAt,
    ],
  });
  if (rows.length === 0) return undefined;
  const positions = new Map<string, AllPosition>(rows.map((r) => [r.event_id, { commit: BigInt(r.commit), prepare: BigInt(r.prepare) }]));
  return plan.verdicts.map((v): BatchOutcome => (v.kind === 'write'
    ? { ok: true, result: { nextRevision: v.nextRevision, position: positions.get(v.lastEventId) ?? null, written: true } }
    : { ok: false, error: new Error('unreachable: fast path plans only writes') }));
};
