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

const FAST_APPEND = `
  SELECT out_event_id AS event_id, out_prepare::text AS prepare, out_commit::text AS commit
  FROM eventstore.append_if_heads($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::text[],
    $6::text[], $7::bigint[], $8::uuid[], $9::text[], $10::json[], $11::json[], $12::text[], $13::timestamptz, $14::boolean)`;

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
  pool: pg.Pool, appends: readonly BatchAppend[], cache: HeadCache, notify: boolean,
): Promise<BatchOutcome[] | undefined> => {
  const from = assumedHeads(appends, cache);
  if (!from) return undefined;
  const recordedAt = new Date().toISOString();
  const plan = planBatch(appends, from, new Map(), recordedAt);
  if (plan.verdicts.some((v) => v.kind !== 'write')) return undefined;
  const streams = [...plan.heads.keys()];
  const { rows } = await pool.query<{ event_id: string; prepare: string; commit: string }>({ name: 'eventstore_fast_append', text: FAST_APPEND, values: [
    streams, streams.map((s) => from.get(s)!.revision), streams.map((s) => from.get(s)!.hash),
    streams.map((s) => plan.heads.get(s)!.revision), streams.map((s) => plan.heads.get(s)!.hash),
    plan.rows.map((r) => r.stream), plan.rows.map((r) => r.revision), plan.rows.map((r) => r.event.id),
    plan.rows.map((r) => r.event.type), plan.rows.map((r) => r.event.dataJson), plan.rows.map((r) => r.event.metadataJson),
    plan.rows.map((r) => r.hash), recordedAt, notify,
  ] });
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
