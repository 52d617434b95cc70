import type { EventData, ExpectedRevision } from './event-store.port.js';
import { EventStoreInputError } from './errors.js';

export const MAX_STREAM_NAME_LENGTH = 255;
export const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  /** Serialised once here; adapters store these exact strings. */
  readonly dataJson: string;
  readonly metadataJson: string;
}

export const validateStreamName = (stream: unknown): string => {
  if (typeof stream !== 'string' || stream.length === 0) {
    throw new EventStoreInputError('INVALID_STREAM_NAME', 'stream name must be a non-empty string');
  }
  if (stream.length > MAX_STREAM_NAME_LENGTH) {
    throw new EventStoreInputError('INVALID_STREAM_NAME', `stream name is ${stream.length} characters; the limit is ${MAX_STREAM_NAME_LENGTH}`);
  }
  if (stream.startsWith('$')) {
    throw new EventStoreInputError('INVALID_STREAM_NAME', `stream name ${stream} starts with '$', which is reserved for system streams`);
  }
  return stream;
};

export const validateExpectedRevision = (expected: unknown): ExpectedRevision => {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return expected;
  throw new EventStoreInputError('INVALID_EXPECTED_REVISION',
    `expected revision ${String(expected)} is not 'any', 'no_stream', 'stream_exists' or a revision >= 0`);
};

/** JSON.stringify that refuses what would not round-trip (functions, symbols, bigints, cycles, non-finite numbers). */
export const strictJson = (value: unknown, what: string): string => {
  let json: string | undefined;
  try {
    json = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === 'bigint' || typeof v === 'function' || typeof v === 'symbol') throw new TypeError(`${typeof v} is not JSON`);
      if (typeof v === 'number' && !Number.isFinite(v)) throw new TypeError(`${v} is not JSON`);
      return v;
    });
  } catch (error) {
    throw new EventStoreInputError('NOT_SERIALIZABLE', `${what} is not JSON-serialisable: ${(error as Error).message}`);
  }
  if (json === undefined) throw new EventStoreInputError('NOT_SERIALIZABLE', `${what} is not JSON-serialisable`);
  return json;
};

export const prepareEvents = (events: readonly EventData[], maxEventBytes = DEFAULT_MAX_EVENT_BYTES): PreparedEvent[] => {
  if (!Array.isArray(events) || events.length === 0) {
    throw new EventStoreInputError('INVALID_EVENT', 'append needs at least one event');
  }
  const seen = new Set<string>();
  return events.map((event, index) => {
    if (typeof event?.id !== 'string' || !UUID.test(event.id)) {
      throw new EventStoreInputError('INVALID_EVENT', `event ${index}: id must be a UUID`);
    }
    if (seen.has(event.id.toLowerCase())) throw new EventStoreInputError('INVALID_EVENT', `event ${index}: id ${event.id} appears twice`);
    seen.add(event.id.toLowerCase());
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.length > 255) {
      throw new EventStoreInputError('INVALID_EVENT', `event ${index}: type must be 1 to 255 characters`);
    }
    const dataJson = strictJson(event.data, `event ${index} (${event.type}) data`);
    const metadataJson = strictJson(event.metadata ?? {}, `event ${index} (${event.type}) metadata`);
    const size = Buffer.byteLength(dataJson) + Buffer.byteLength(metadataJson);
    if (size > maxEventBytes) {
      throw new EventStoreInputError('EVENT_TOO_LARGE', `event ${index} (${event.type}) is ${size} bytes; the limit is ${maxEventBytes}`);
    }
    return { id: event.id.toLowerCase(), type: event.type, dataJson, metadataJson };
  });
};
