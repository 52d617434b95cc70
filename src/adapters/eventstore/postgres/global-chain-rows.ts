import type { AllPosition, GlobalChainEntry } from '../../../eventstore/index.js';

/** An event as the global chain reads it: no payload, the stream-chain hash stands for it. */
export interface ChainEventRow {
  readonly commit: string;
  readonly prepare: string;
  readonly stream_name: string;
  readonly revision: string | number;
  readonly event_id: string;
  readonly recorded_ms: string | number;
  readonly hash: string;
}

export interface StoredLinkRow {
  readonly seq: string | number;
  readonly commit: string;
  readonly prepare: string;
  readonly stream_name: string;
  readonly revision: string | number;
  readonly event_id: string;
  readonly link: string;
}

// No casts keeping a column's own name: ORDER BY seq would then sort the text alias, not the number.
// bigint arrives from pg as a string (or a number where an app installs an int8 parser).
export const CHAIN_EVENT_COLUMNS = `transaction_id::text AS commit, global_position::text AS prepare, stream_name,
  revision, event_id, (extract(epoch FROM recorded_at) * 1000)::bigint AS recorded_ms, hash`;

export const LINK_COLUMNS = `seq, commit_position::text AS commit, prepare_position::text AS prepare,
  stream_name, revision, event_id, link`;

export const rowAt = (row: { readonly commit: string; readonly prepare: string }): AllPosition =>
  ({ commit: BigInt(row.commit), prepare: BigInt(row.prepare) });

export const toChainEntry = (row: ChainEventRow): GlobalChainEntry => ({
  position: rowAt(row),
  streamName: row.stream_name,
  revision: Number(row.revision),
  recordedAt: new Date(Number(row.recorded_ms)).toISOString(),
  hash: row.hash,
});
