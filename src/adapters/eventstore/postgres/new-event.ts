import {
  canonicalJson, EventStoreInputError, prepareEvents,
  type EventData, type EventMetadata, type PreparedEvent,
} from '../../../eventstore/index.js';

/** Metadata as stored: the caller's, with the port's defaults filled in; `recordedAt` lives in its own column. */
export type StoredMetadata = Omit<EventMetadata, 'recordedAt'>;

/** An event ready to write: validated, serialised once, and parsed back so hashing sees what a reader will see. */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: StoredMetadata;
  readonly dataJson: string;
  readonly metadataJson: string;
}

const optionalString = (value: unknown, field: string, index: number): string | null => {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new EventStoreInputError('INVALID_EVENT', `event ${index}: metadata.${field} must be a string or null`);
  return value;
};

const storedMetadata = (prepared: PreparedEvent, index: number): StoredMetadata => {
  const supplied: unknown = JSON.parse(prepared.metadataJson);
  if (supplied === null || typeof supplied !== 'object' || Array.isArray(supplied)) {
    throw new EventStoreInputError('INVALID_EVENT', `event ${index}: metadata must be an object`);
  }
  const { recordedAt: _setByTheStore, ...rest } = supplied as Record<string, unknown>;
  const schemaVersion = rest.schemaVersion ?? 1;
  if (typeof schemaVersion !== 'number' || !Number.isSafeInteger(schemaVersion) || schemaVersion < 1) {
    throw new EventStoreInputError('INVALID_EVENT', `event ${index}: metadata.schemaVersion must be an integer >= 1`);
  }
  return {
    ...rest,
    correlationId: optionalString(rest.correlationId, 'correlationId', index) ?? prepared.id,
    causationId: optionalString(rest.causationId, 'causationId', index),
    connection: optionalString(rest.connection, 'connection', index),
    source: optionalString(rest.source, 'source', index),
    schemaVersion,
  };
};

/** PostgreSQL text refuses NUL; refuse it up front so one bad append cannot fail a whole batch. */
const refuseNul = (value: string, code: 'INVALID_STREAM_NAME' | 'INVALID_EVENT', what: string): void => {
  if (value.includes('\u0000')) throw new EventStoreInputError(code, `${what} contains a NUL character`);
};

export const checkStreamText = (stream: string): void => refuseNul(stream, 'INVALID_STREAM_NAME', 'stream name');

/** Throws EventStoreInputError before anything is queued, so bad input never reaches the database. */
export const toNewEvents = (events: readonly EventData[], maxEventBytes: number): NewEvent[] =>
  prepareEvents(events, maxEventBytes).map((prepared, index) => {
    refuseNul(prepared.type, 'INVALID_EVENT', `event ${index}: type`);
    const metadata = storedMetadata(prepared, index);
    return {
      id: prepared.id,
      type: prepared.type,
      data: JSON.parse(prepared.dataJson) as unknown,
      metadata,
      dataJson: prepared.dataJson,
      metadataJson: JSON.stringify(metadata),
    };
  });

/** Same fact: same type, data and metadata as supplied (key order and defaults do not matter). */
export const sameContent = (
  a: { type: string; data: unknown; metadata: unknown },
  b: { type: string; data: unknown; metadata: unknown },
): boolean => a.type === b.type
  && canonicalJson(a.data) === canonicalJson(b.data)
  && canonicalJson(a.metadata) === canonicalJson(b.metadata);
