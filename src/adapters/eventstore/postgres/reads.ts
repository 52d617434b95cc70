import type { AllFilter, AllPosition, ReadStreamOptions, RecordedEvent } from '../../../eventstore/index.js';
import { EVENT_COLUMNS, filterSql, rowPosition, toRecordedEvent, type EventRow } from './event-rows.js';
import type { Queryable } from './queryable.js';

const MAX_REVISION = '9223372036854775807';
export const DEFAULT_READ_COUNT = 1000;

export const readStreamEvents = async (
  db: Queryable, stream: string, options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> => {
  const backwards = options.direction === 'backwards';
  const from = options.fromRevision ?? (backwards ? MAX_REVISION : 0);
  const { rows } = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM eventstore.events
     WHERE stream_name = $1 AND revision ${backwards ? '<=' : '>='} $2::bigint
     ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
    [stream, String(from), options.maxCount ?? null]);
  return rows.map(toRecordedEvent);
};

/**
 * The no-skip bound: a transaction id below the oldest one still running belongs to a
 * transaction that has committed (and is visible) or rolled back; nothing can appear there later.
 */
const COMMITTED_PREFIX = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

const afterSql = (after: AllPosition | undefined): { sql: string; params: unknown[] } =>
  after === undefined || after.commit < 0n
    ? { sql: 'true', params: [] }
    : { sql: '(transaction_id, global_position) > ($1::xid8, $2::bigint)', params: [String(after.commit), String(after.prepare)] };

/** The last event of the committed prefix (see EventStore.readableHead): one step back along the commit-order index. */
export const readableHead = async (db: Queryable): Promise<AllPosition | undefined> => {
  const { rows } = await db.query<{ commit: string; prepare: string }>(
    `SELECT transaction_id::text AS commit, global_position::text AS prepare FROM eventstore.events
     WHERE ${COMMITTED_PREFIX} ORDER BY transaction_id DESC, global_position DESC LIMIT 1`);
  return rows[0] ? rowPosition(rows[0]) : undefined;
};

/** A page of $all in commit order, with the filter applied in the database. */
export const readAllEvents = async (
  pool: Queryable, after: AllPosition | undefined, limit: number, filter: AllFilter | undefined,
): Promise<RecordedEvent[]> => {
  const from = afterSql(after);
  const where = filterSql(filter, from.params.length + 2);
  const { rows } = await pool.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM eventstore.events
     WHERE ${from.sql} AND ${COMMITTED_PREFIX} AND ${where.sql}
     ORDER BY transaction_id, global_position LIMIT $${from.params.length + 1}`,
    [...from.params, limit, ...where.params]);
  return rows.map(toRecordedEvent);
};

export interface ScanPage {
  /** Events of the window that pass the filter. */
  readonly events: RecordedEvent[];
  /** Last position scanned, matching or not: where the next window starts. */
  readonly scannedTo: AllPosition | undefined;
  /** The window was full: more may be waiting. */
  readonly full: boolean;
}

/**
 * Scans a window of $all and filters inside it, so a subscriber with a narrow filter still
 * moves forward over long runs of events it does not want (payloads of those are not sent).
 */
export const scanAllWindow = async (
  pool: Queryable, after: AllPosition | undefined, window: number, filter: AllFilter | undefined,
): Promise<ScanPage> => {
  const from = afterSql(after);
  const match = filterSql(filter, from.params.length + 2);
  const { rows } = await pool.query<EventRow & { matched: boolean }>(
    `SELECT event_id, event_type, stream_name, revision, prepare, commit, matched, recorded_ms, hash,
            CASE WHEN matched THEN data END AS data, CASE WHEN matched THEN metadata END AS metadata
     FROM (SELECT ${EVENT_COLUMNS}, transaction_id, global_position, (${match.sql}) AS matched
           FROM eventstore.events
           WHERE ${from.sql} AND ${COMMITTED_PREFIX}
           ORDER BY transaction_id, global_position LIMIT $${from.params.length + 1}) AS page
     ORDER BY transaction_id, global_position`,
    [...from.params, window, ...match.params]);
  const last = rows[rows.length - 1];
  return {
    events: rows.filter((r) => r.matched).map(toRecordedEvent),
    scannedTo: last ? rowPosition(last) : after,
    full: rows.length === window,
  };
};
