import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from '../../adapters/eventstore/postgres/event-rows.js';
import { comparePositions, createUpcasterChain, type EventStore, type RecordedEvent, type Upcaster } from '../../eventstore/index.js';
import { select, type Sql } from '../engine/projection.js';

export interface ReadOptions {
  /** Only events recorded at or before this instant. */
  readonly until?: Date;
  /** Only events of these types, except in `wholeStream`, read whole. */
  readonly types?: readonly string[];
  readonly wholeStream?: string;
}

/** Several streams' events, merged in commit order. */
export interface StreamReader {
  read(streams: readonly string[], options?: ReadOptions): Promise<RecordedEvent[]>;
}

const wanted = ({ until, types, wholeStream }: ReadOptions) => (e: RecordedEvent): boolean =>
  (until === undefined || Date.parse(e.metadata.recordedAt) <= until.getTime()) && (!types || e.streamName === wholeStream || types.includes(e.type));

/** Through the port, one stream at a time: works on every store (EventStoreDB included). */
export class PortStreamReader implements StreamReader {
  constructor(private readonly store: EventStore) {}

  async read(streams: readonly string[], options: ReadOptions = {}): Promise<RecordedEvent[]> {
    const all = (await Promise.all(streams.map((s) => this.store.readStream(s)))).flat().filter(wanted(options));
    return all.sort((a, b) => comparePositions(a.position, b.position));
  }
}

/**
 * When events live in the same PostgreSQL as the read models: every stream in one indexed
 * query instead of one round trip per stream (a revised invoice has a hundred outbound
 * request streams). Mapped as the store maps rows; pass the store's upcasters if it has
 * any. recordedAt is compared at millisecond precision, as the store keeps it.
 */
export class PostgresStreamReader implements StreamReader {
  private readonly upcast: (event: RecordedEvent) => RecordedEvent;

  constructor(private readonly db: Sql, upcasters: readonly Upcaster[] = []) {
    this.upcast = createUpcasterChain(upcasters);
  }

  async read(streams: readonly string[], { until, types, wholeStream }: ReadOptions = {}): Promise<RecordedEvent[]> {
    const rows = await select<EventRow>(this.db, `SELECT ${EVENT_COLUMNS} FROM eventstore.events
      WHERE stream_name = ANY($1::text[]) AND ($2::timestamptz IS NULL OR date_trunc('milliseconds', recorded_at) <= $2::timestamptz)
        AND ($3::text[] IS NULL OR stream_name = $4 OR event_type = ANY($3::text[]))
      ORDER BY transaction_id, global_position`, [streams, until?.toISOString() ?? null, types ?? null, wholeStream ?? null]);
    return rows.map((row) => this.upcast(toRecordedEvent(row)));
  }
}
