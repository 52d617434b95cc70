import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from '../../adapters/eventstore/postgres/event-rows.js';
import { comparePositions, createUpcasterChain, type EventStore, type RecordedEvent, type Upcaster } from '../../eventstore/index.js';
import { select, type Sql } from '../engine/projection.js';

/** Several streams' events, merged in commit order; only those recorded at or before `until` when given. */
export interface StreamReader {
  read(streams: readonly string[], until?: Date): Promise<RecordedEvent[]>;
}

const recordedBy = (until: Date | undefined) => (e: RecordedEvent): boolean => until === undefined || Date.parse(e.metadata.recordedAt) <= until.getTime();

/** Through the port, one stream at a time: works on every store (EventStoreDB included). */
export class PortStreamReader implements StreamReader {
  constructor(private readonly store: EventStore) {}

  async read(streams: readonly string[], until?: Date): Promise<RecordedEvent[]> {
    const all = (await Promise.all(streams.map((s) => this.store.readStream(s)))).flat().filter(recordedBy(until));
    return all.sort((a, b) => comparePositions(a.position, b.position));
  }
}

/**
 * When events live in the same PostgreSQL as the read models: every stream in one indexed
 * query instead of one round trip per stream (a revised invoice has a hundred outbound
 * request streams). Rows are mapped exactly as the store maps them; pass the store's
 * upcasters if it has any. recordedAt is compared at millisecond precision, as the port shows it.
 */
export class PostgresStreamReader implements StreamReader {
  private readonly upcast: (event: RecordedEvent) => RecordedEvent;

  constructor(private readonly db: Sql, upcasters: readonly Upcaster[] = []) {
    this.upcast = createUpcasterChain(upcasters);
  }

  async read(streams: readonly string[], until?: Date): Promise<RecordedEvent[]> {
    const rows = await select<EventRow>(this.db, `SELECT ${EVENT_COLUMNS} FROM eventstore.events
      WHERE stream_name = ANY($1::text[]) AND ($2::timestamptz IS NULL OR date_trunc('milliseconds', recorded_at) <= $2::timestamptz)
      ORDER BY transaction_id, global_position`, [streams, until?.toISOString() ?? null]);
    return rows.map((row) => this.upcast(toRecordedEvent(row)));
  }
}
