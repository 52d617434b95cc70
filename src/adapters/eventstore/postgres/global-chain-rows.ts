import type { AllPosition, GlobalChainEntry } from '../../../eventstore/index.js';

/** An event as the global chain reads it: no payload, the stream-chain hash stands for it. */
export interface ChainEventRow {
  readonly commit: string;
  readonly prepare: string;
  readonly stream_name: string;
  readonly revision: string;
  readonly event_id: string;
  readonly recorded_ms: string;
  readonly hash: string;
}

export interface StoredLinkRow {
  readonly seq: string;
  readonly commit: string;
  readonly prepare: string;
  readonly stream_name: string;
  readonly revision: string;
  readonly event_id: string;
  readonly link: string;
}

export const CHAIN_EVENT_COLUMNS = `transaction_id::text AS commit, global_position::text AS prepare, stream_name,
  revision::text, event_id, (extract(epoch FROM recorded_at) * 1000)::bigint::text AS recorded_ms, hash`;

export const LINK_COLUMNS = `seq::text, commit_position::text AS commit, prepare_position::text AS prepare,
  stream_name, revision::text, event_id, link`;

export const rowAt = (row: { readonly commit: string; readonly prepare: string }): AllPosition =>
  ({ commit: BigInt(row.commit), prepare: BigInt(row.prepare) });

export const toChainEntry = (row: ChainEventRow): GlobalChainEntry => ({
  position: rowAt(row),
  streamName: row.stream_name,
  revision: Number(row.revision),
  recordedAt: new Date(Number(row.recorded_ms)).toISOString(),
  hash: row.hash,
});
