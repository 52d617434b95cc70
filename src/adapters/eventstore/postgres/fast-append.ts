import type pg from 'pg';
import type { AllPosition } from '../../../eventstore/index.js';
import { EMPTY_HEAD, planBatch, type BatchAppend, type StreamHead } from './plan-batch.js';
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

  remember(heads: ReadonlyMap<string, StreamHead>): void {
    for (const [stream, head] of heads) {
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
 */
const FAST_APPEND = `
  WITH fresh AS (
    SELECT NOT EXISTS (SELECT 1 FROM eventstore.events WHERE event_id = ANY($8::uuid[])) AS yes
  ), moved AS (
    UPDATE eventstore.streams st SET last_revision = x.to_r, last_hash = x.to_h
    FROM fresh, unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::text[]) AS x(s, from_r, from_h, to_r, to_h)
    WHERE fresh.yes AND x.from_r >= 0 AND st.stream_name = x.s AND st.last_revision = x.from_r AND st.last_hash = x.from_h
    RETURNING 1
  ), created AS (
    INSERT INTO eventstore.streams (stream_name, last_revision, last_hash)
    SELECT x.s, x.to_r, x.to_h FROM fresh, unnest($1::text[], $2::bigint[], $4::bigint[], $5::text[]) AS x(s, from_r, to_r, to_h)
    WHERE fresh.yes AND x.from_r < 0 ORDER BY x.s
    ON CONFLICT DO NOTHING RETURNING 1
  ), checked AS (
    SELECT CASE WHEN NOT fresh.yes THEN false WHEN n.moved = cardinality($1::text[]) THEN true
      ELSE ('stale stream heads: ' || n.moved)::boolean END AS ok
    FROM fresh, (SELECT (SELECT count(*) FROM moved) + (SELECT count(*) FROM created) AS moved) AS n
  )
  INSERT INTO eventstore.events AS e (stream_name, revision, event_id, event_type, data, metadata, recorded_at, hash)
  SELECT u.s, u.r, u.i, u.t, u.d, u.m, $13::timestamptz, u.h
  FROM checked,
    unnest($6::text[], $7::bigint[], $8::uuid[], $9::text[], $10::json[], $11::json[], $12::text[]) WITH ORDINALITY AS u(s, r, i, t, d, m, h, ord)
  WHERE checked.ok
  ORDER BY u.ord
  RETURNING e.event_id, e.global_position AS prepare, e.transaction_id AS commit`;

/** Heads to plan against: remembered ones, or "empty" for a stream the caller says is new. */
const assumedHeads = (appends: readonly BatchAppend[], cache: HeadCache): Map<string, StreamHead> | undefined => {
  const heads = new Map<string, StreamHead>();
  for (const append of appends) {
    if (heads.has(append.stream)) continue;
    const head = cache.get(append.stream) ?? (append.expected === 'no_stream' ? EMPTY_HEAD : undefined);
    if (!head) return undefined;
    heads.set(append.stream, head);
  }
  return heads;
};

/**
 * One round trip, committed on its own, for a batch where every append is a plain write
 * against remembered heads. Undefined means "take the careful path": a head is unknown or
 * stale, an id is reused, or an append would be refused (refusals are only trusted under locks).
 */
export const tryFastAppend = async (
  pool: pg.Pool, appends: readonly BatchAppend[], cache: HeadCache,
): Promise<BatchOutcome[] | undefined> => {
  const from = assumedHeads(appends, cache);
  if (!from) return undefined;
  const recordedAt = new Date().toISOString();
  const plan = planBatch(appends, from, new Map(), recordedAt);
  if (plan.verdicts.some((v) => v.kind !== 'write')) return undefined;
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
  if (rows.length === 0) {
    cache.forget(streams);
    return undefined;
  }
  cache.remember(plan.heads);
  const positions = new Map<string, AllPosition>(rows.map((r) => [r.event_id, { commit: BigInt(r.commit), prepare: BigInt(r.prepare) }]));
  return plan.verdicts.map((v): BatchOutcome => (v.kind === 'write'
    ? { ok: true, result: { nextRevision: v.nextRevision, position: positions.get(v.lastEventId) ?? null, written: true } }
    : { ok: false, error: new Error('unreachable: fast path plans only writes') }));
};
