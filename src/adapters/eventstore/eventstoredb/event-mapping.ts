/**
 * Between the client's shapes and the port's. The hash link rides in the ESDB event metadata
 * next to the caller's metadata; everything else about an event maps one to one.
 */
import { START, type AllStreamResolvedEvent, type JSONEventData, type JSONType, type Position, type ReadPosition, type ResolvedEvent } from '@eventstore/db-client';
import {
  canonicalJson, EventStoreInputError,
  type AllPosition, type ChainedContent, type EventMetadata, type PreparedEvent, type RecordedEvent,
} from '../../../eventstore/index.js';
import { toRevisionNumber } from './revision.js';

/** Metadata key of the hash-chain link; `$`-prefixed like ESDB's own `$correlationId`, so no caller key collides by accident. */
export const HASH_KEY = '$trestleHash';

/** An event as ESDB holds it, before metadata defaults and upcasting: what hashing and replay comparison work on. */
export interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly revision: number;
  readonly position: AllPosition;
  readonly recordedAt: string;
  readonly data: unknown;
  /** The caller's metadata exactly as appended, without the hash link. */
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly hash: string | undefined;
}

/** An event about to be appended, parsed back from the JSON that `prepareEvents` produced. */
export interface Candidate {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

export const toCandidates = (prepared: readonly PreparedEvent[]): Candidate[] =>
  prepared.map((event, index) => {
    const metadata: unknown = JSON.parse(event.metadataJson);
    if (!isPlainObject(metadata)) {
      throw new EventStoreInputError('INVALID_EVENT', `event ${index} (${event.type}): metadata must be an object`);
    }
    if (HASH_KEY in metadata) {
      throw new EventStoreInputError('INVALID_EVENT', `event ${index} (${event.type}): metadata key ${HASH_KEY} is reserved for the store`);
    }
    return { id: event.id, type: event.type, data: JSON.parse(event.dataJson) as unknown, metadata };
  });

/**
 * The client serialises `data` with JSON.stringify, which also handles numbers, booleans and
 * null; its `JSONType` is narrower than what it accepts, hence the cast.
 */
export const toProposedEvent = (candidate: Candidate, hash: string): JSONEventData => ({
  id: candidate.id,
  contentType: 'application/json',
  type: candidate.type,
  data: candidate.data as JSONType,
  metadata: { ...candidate.metadata, [HASH_KEY]: hash },
});

export const toAllPosition = (position: Position): AllPosition => ({ commit: position.commit, prepare: position.prepare });

/** The port's START (-1/-1) and "no position" both mean the beginning of $all. */
export const toReadPosition = (position: AllPosition | undefined): ReadPosition =>
  position === undefined || position.commit < 0n ? START : { commit: position.commit, prepare: position.prepare };

const splitMetadata = (raw: unknown): { metadata: Record<string, unknown>; hash: string | undefined } => {
  if (!isPlainObject(raw)) return { metadata: {}, hash: undefined };
  const { [HASH_KEY]: hash, ...metadata } = raw;
  return { metadata, hash: typeof hash === 'string' ? hash : undefined };
};

/**
 * `position` is on every $all read and, from server 22.6 on, on stream reads too; older servers
 * only give the commit position, which orders events just as well.
 */
export const toStoredEvent = (resolved: ResolvedEvent | AllStreamResolvedEvent): StoredEvent | undefined => {
  const event = resolved.event;
  if (!event) return undefined;
  const position = event.position
    ?? (resolved.commitPosition === undefined ? undefined : { commit: resolved.commitPosition, prepare: resolved.commitPosition });
  if (!position) throw new Error(`event ${event.id} in ${event.streamId} came without a $all position`);
  const { metadata, hash } = splitMetadata(event.metadata);
  return {
    id: event.id.toLowerCase(),
    type: event.type,
    streamName: event.streamId,
    revision: toRevisionNumber(event.revision),
    position: toAllPosition(position),
    recordedAt: event.created.toISOString(),
    data: event.data as unknown,
    metadata,
    hash,
  };
};

const stringOr = <T>(value: unknown, fallback: T): string | T => (typeof value === 'string' ? value : fallback);

/** The port's metadata: the caller's keys, the well-known ones defaulted, `recordedAt` from ESDB's `created`. */
export const normalizeMetadata = (metadata: Readonly<Record<string, unknown>>, eventId: string, recordedAt: string): EventMetadata => ({
  ...metadata,
  correlationId: stringOr(metadata.correlationId, eventId),
  causationId: stringOr(metadata.causationId, null),
  connection: stringOr(metadata.connection, null),
  source: stringOr(metadata.source, null),
  schemaVersion: typeof metadata.schemaVersion === 'number' ? metadata.schemaVersion : 1,
  recordedAt,
});

export const toRecordedEvent = (stored: StoredEvent): RecordedEvent => ({
  id: stored.id,
  type: stored.type,
  streamName: stored.streamName,
  revision: stored.revision,
  position: stored.position,
  data: stored.data,
  metadata: normalizeMetadata(stored.metadata, stored.id, stored.recordedAt),
  ...(stored.hash === undefined ? {} : { hash: stored.hash }),
});

/** Same fact: same type, data and caller metadata (key order aside). */
export const sameContent = (stored: StoredEvent, candidate: Candidate): boolean =>
  stored.type === candidate.type
  && canonicalJson(stored.data) === canonicalJson(candidate.data)
  && canonicalJson(stored.metadata) === canonicalJson(candidate.metadata);

export const chainedContent = (streamName: string, revision: number, event: Candidate): ChainedContent => ({
  streamName, revision, id: event.id, type: event.type, data: event.data, metadata: event.metadata,
});
