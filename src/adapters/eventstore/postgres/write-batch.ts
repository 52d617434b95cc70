import type pg from 'pg';
import { GENESIS_HASH, type AppendResult, type AllPosition } from '../../../eventstore/index.js';
import { planBatch, type BatchAppend, type BatchPlan, type KnownEvent, type StreamHead } from './plan-batch.js';

export type BatchOutcome = { readonly ok: true; readonly result: AppendResult } | { readonly ok: false; readonly error: Error };

interface HeadRow { stream_name: string; last_revision: string; last_hash: string }
interface KnownRow { event_id: string; stream_name: string; revision: number; event_type: string; data: unknown; metadata: unknown }

// Sorted so that concurrent writers lock stream rows in one order; one round trip for heads and reused ids.
const LOCK_AND_LOOKUP = `
  WITH heads AS (
    SELECT stream_name, last_revision::text, last_hash FROM eventstore.streams
    WHERE stream_name = ANY($1::text[]) ORDER BY stream_name FOR UPDATE
  )
  SELECT (SELECT coalesce(json_agg(heads), '[]') FROM heads) AS heads,
         (SELECT coalesce(json_agg(k), '[]') FROM (
            SELECT event_id, stream_name, revision, event_type, data, metadata
            FROM eventstore.events WHERE event_id = ANY($2::uuid[])) k) AS known`;

const CREATE_STREAMS = `
  INSERT INTO eventstore.streams (stream_name, last_hash)
  SELECT name, $2 FROM unnest($1::text[]) AS name ORDER BY name ON CONFLICT DO NOTHING`;

const LOCK_STREAMS = `
  SELECT stream_name, last_revision::text, last_hash FROM eventstore.streams
  WHERE stream_name = ANY($1::text[]) ORDER BY stream_name FOR UPDATE`;

const INSERT_ROWS = `
  WITH inserted AS (
    INSERT INTO eventstore.events (stream_name, revision, event_id, event_type, data, metadata, recorded_at, hash)
    SELECT s, r, i, t, d, m, $8::timestamptz, h
    FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::json[], $6::json[], $7::text[])
      WITH ORDINALITY AS u(s, r, i, t, d, m, h, ord)
    ORDER BY ord
    RETURNING event_id, global_position, transaction_id
  ), moved AS (
    UPDATE eventstore.streams AS st SET last_revision = h.revision, last_hash = h.hash
    FROM unnest($9::text[], $10::bigint[], $11::text[]) AS h(name, revision, hash)
    WHERE st.stream_name = h.name
  )
  SELECT event_id, global_position::text AS prepare, transaction_id::text AS commit
  FROM inserted`;

const toHeads = (rows: readonly HeadRow[], into: Map<string, StreamHead>): void => {
  for (const row of rows) into.set(row.stream_name, { revision: Number(row.last_revision), hash: row.last_hash });
};

/** Locks every stream row of the batch, creating rows for new streams, and finds reused event ids. */
const lockAndLookup = async (client: pg.ClientBase, appends: readonly BatchAppend[]) => {
  const streams = [...new Set(appends.map((a) => a.stream))].sort();
  const ids = appends.flatMap((a) => a.events.map((e) => e.id));
  const { rows } = await client.query<{ heads: HeadRow[]; known: KnownRow[] }>(LOCK_AND_LOOKUP, [streams, ids]);
  const heads = new Map<string, StreamHead>();
  toHeads(rows[0]?.heads ?? [], heads);
  const missing = streams.filter((s) => !heads.has(s));
  if (missing.length > 0) {
    await client.query(CREATE_STREAMS, [missing, GENESIS_HASH]);
    toHeads((await client.query<HeadRow>(LOCK_STREAMS, [missing])).rows, heads);
  }
  const known = new Map<string, KnownEvent>((rows[0]?.known ?? []).map((k) => [k.event_id, {
    id: k.event_id, streamName: k.stream_name, revision: Number(k.revision), type: k.event_type, data: k.data, metadata: k.metadata,
  }]));
  return { heads, known };
};

const insertRows = async (client: pg.ClientBase, plan: BatchPlan, recordedAt: string) => {
  const { rows, heads } = plan;
  const result = await client.query<{ event_id: string; prepare: string; commit: string }>(INSERT_ROWS, [
    rows.map((r) => r.stream), rows.map((r) => r.revision), rows.map((r) => r.event.id), rows.map((r) => r.event.type),
    rows.map((r) => r.event.dataJson), rows.map((r) => r.event.metadataJson), rows.map((r) => r.hash), recordedAt,
    [...heads.keys()], [...heads.values()].map((h) => h.revision), [...heads.values()].map((h) => h.hash),
  ]);
  return new Map<string, AllPosition>(result.rows.map((r) => [r.event_id, { commit: BigInt(r.commit), prepare: BigInt(r.prepare) }]));
};

export interface BatchWrite {
  readonly outcomes: BatchOutcome[];
  /** Every locked stream's head as this transaction leaves it. */
  readonly heads: ReadonlyMap<string, StreamHead>;
}

/**
 * Writes a batch inside the caller's open transaction: locks, decides each append in
 * memory, then one multi-row INSERT. Rejected appends get their own error; the rest are
 * written. Nothing is durable until the caller commits.
 */
export const writeBatch = async (client: pg.ClientBase, appends: readonly BatchAppend[]): Promise<BatchWrite> => {
  const { heads, known } = await lockAndLookup(client, appends);
  const recordedAt = new Date().toISOString();
  const plan = planBatch(appends, heads, known, recordedAt);
  const positions = plan.rows.length > 0 ? await insertRows(client, plan, recordedAt) : new Map<string, AllPosition>();
  const outcomes = plan.verdicts.map((verdict): BatchOutcome => {
    switch (verdict.kind) {
      case 'reject': return { ok: false, error: verdict.error };
      case 'replay': return { ok: true, result: { nextRevision: verdict.nextRevision, position: null, written: false } };
      case 'write': return { ok: true, result: { nextRevision: verdict.nextRevision, position: positions.get(verdict.lastEventId) ?? null, written: true } };
    }
  });
  return { outcomes, heads: new Map([...heads, ...plan.heads]) };
};
