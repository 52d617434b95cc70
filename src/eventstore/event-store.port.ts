/**
 * The event store port. Every adapter (PostgreSQL, EventStoreDB) keeps the same promises,
 * proven by one contract suite (test/contract/event-store.contract.ts).
 */
import type { GlobalChain } from './global-chain.js';
import type { AllPosition } from './position.js';

/** What the caller expects the stream's last revision to be (revisions start at 0). */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** Metadata the caller supplies; the store adds `recordedAt`. */
export interface EventMetadataInput {
  readonly correlationId?: string;
  readonly causationId?: string | null;
  /** The tenant: every stream of a connection starts with its name. */
  readonly connection?: string | null;
  /** Where the fact came from: `procore`, `quickbooks`, `xero`, `hub`, ... */
  readonly source?: string | null;
  readonly schemaVersion?: number;
  readonly [extra: string]: unknown;
}

export interface EventMetadata extends EventMetadataInput {
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly connection: string | null;
  readonly source: string | null;
  readonly schemaVersion: number;
  /** ISO-8601, set by the store when the event was committed. */
  readonly recordedAt: string;
}

/** An event to append. `id` is a UUID; deterministic ids make retries idempotent. */
export interface EventData<T = unknown> {
  readonly id: string;
  readonly type: string;
  readonly data: T;
  readonly metadata?: EventMetadataInput;
}

export interface RecordedEvent<T = unknown> {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly revision: number;
  readonly position: AllPosition;
  readonly data: T;
  readonly metadata: EventMetadata;
  /** Hash-chain link (hex sha256) where the adapter keeps one. */
  readonly hash?: string;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  readonly nextRevision: number;
  /** Position of the last event written; null when nothing new was written. */
  readonly position: AllPosition | null;
  /** False when every event id was already in the stream: an idempotent replay. */
  readonly written: boolean;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive start. Default: 0 forwards, the last event backwards. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface AllFilter {
  readonly streamPrefixes?: readonly string[];
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Default: from the start. */
  readonly after?: AllPosition;
  readonly maxCount?: number;
  readonly filter?: AllFilter;
}

export interface SubscribeOptions {
  /** Exclusive start; undefined = from the beginning of $all. */
  readonly after?: AllPosition;
  readonly filter?: AllFilter;
  /** Aborting ends the iteration. */
  readonly signal?: AbortSignal;
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly streamsChecked: number;
  readonly eventsChecked: number;
  /** The first event whose stored hash does not match its content or its predecessor. */
  readonly firstBroken?: { readonly streamName: string; readonly revision: number; readonly eventId: string; readonly reason: string };
}

/** Hooks for metrics (e.g. Prometheus); called after each committed write. */
export interface EventStoreObserver {
  /** One call per committed batch: `batchSize` appends covering `streams` streams wrote `events` events. */
  onAppend?(info: { readonly streams: number; readonly events: number; readonly durationMs: number; readonly batchSize: number }): void;
}

/** Durable, named positions for subscribers. */
export interface CheckpointStore {
  load(subscriber: string): Promise<AllPosition | undefined>;
  save(subscriber: string, position: AllPosition): Promise<void>;
}

export interface EventStore {
  append(stream: string, events: readonly EventData[], expected: ExpectedRevision): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Revision of the stream's last event, or undefined when it has none. */
  streamRevision(stream: string): Promise<number | undefined>;
  /** A page of $all in commit order; never returns an event that precedes one still in flight. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * The last position of $all a read can return now: every event at or before it has
   * committed, and none can appear there later (undefined: the store is empty). A filtered
   * reader whose read, made after asking, came back short has seen everything of its own up
   * to here, so it can save this as its position rather than re-read the events it skips.
   * Optional: a store without it leaves such readers at their last event.
   */
  readableHead?(): Promise<AllPosition | undefined>;
  /** Catch-up then live, at least once, in commit order, never skipping an event. */
  subscribeToAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent>;
  /** Check the hash chains of every stream with this prefix (all streams when omitted). */
  verify(streamPrefix?: string): Promise<VerifyResult>;
  /** The keyed chain over $all that anchors outside the store sign; absent where the adapter keeps none. */
  readonly globalChain?: GlobalChain;
  readonly checkpoints: CheckpointStore;
  /** Liveness of the backing store, for /health/ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
