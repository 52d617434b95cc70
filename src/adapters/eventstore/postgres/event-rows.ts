import type { AllFilter, AllPosition, EventMetadata, RecordedEvent } from '../../../eventstore/index.js';

// No casts on revision: an alias shadowing the column would turn ORDER BY revision into a text sort.
// bigint and xid8 arrive as strings from pg (or numbers, if an app installs an int8 parser).
// recorded_at travels as epoch milliseconds: the store writes millisecond precision, and
// this skips pg's Date parsing on every row of a catch-up.
export const EVENT_COLUMNS = `event_id, event_type, stream_name, revision,
  global_position AS prepare, transaction_id AS commit, data, metadata,
  (extract(epoch FROM recorded_at) * 1000)::bigint AS recorded_ms, hash`;

export interface EventRow {
  readonly event_id: string;
  readonly event_type: string;
  readonly stream_name: string;
  readonly revision: string | number;
  readonly prepare: string | number;
  readonly commit: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
  readonly recorded_ms: string | number;
  readonly hash: string;
}

export const rowPosition = (row: { readonly commit: string; readonly prepare: string | number }): AllPosition =>
  ({ commit: BigInt(row.commit), prepare: BigInt(row.prepare) });

// Events of one batch share their recordedAt; format each instant once.
let lastMs = Number.NaN;
let lastIso = '';
const isoFromMs = (ms: number): string => {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
};

/** Exactly what was hashed at write time: stored metadata plus the recordedAt column. */
export const toRecordedEvent = (row: EventRow): RecordedEvent => {
  // The metadata object was just parsed for this row alone, so completing it in place is safe.
  const metadata = row.metadata as Record<string, unknown> & { recordedAt?: string };
  metadata.recordedAt = isoFromMs(Number(row.recorded_ms));
  return {
    id: row.event_id,
    type: row.event_type,
    streamName: row.stream_name,
    revision: Number(row.revision),
    position: rowPosition(row),
    data: row.data,
    metadata: metadata as EventMetadata,
    hash: row.hash,
  };
};

/** LIKE pattern matching names that start with `prefix`, literally. */
export const likePrefix = (prefix: string): string => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * SQL for "this row passes the filter", with its parameters numbered from `firstParam`.
 * Returns 'true' when the filter is empty.
 */
export const filterSql = (filter: AllFilter | undefined, firstParam: number): { sql: string; params: unknown[] } => {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter?.streamPrefixes && filter.streamPrefixes.length > 0) {
    params.push(filter.streamPrefixes.map(likePrefix));
    clauses.push(`stream_name LIKE ANY($${firstParam + params.length - 1}::text[])`);
  }
  if (filter?.eventTypes && filter.eventTypes.length > 0) {
    params.push([...filter.eventTypes]);
    clauses.push(`event_type = ANY($${firstParam + params.length - 1}::text[])`);
  }
  return { sql: clauses.length > 0 ? clauses.join(' AND ') : 'true', params };
};
