/**
 * EventStore on EventStoreDB / KurrentDB through @eventstore/db-client (gRPC). Same promises as
 * the PostgreSQL adapter, proven by the same contract suite; what ESDB can't give is listed here.
 *
 * - ESDB has no index of event ids. Each id is claimed in a small stream of its own
 *   (event-id-claims.ts), one extra write per event, so no id lands in two streams; replays and
 *   content conflicts are found in the stream's newest `idempotencyWindow` events, or in the
 *   whole stream when a claim shows an id is older than that. With claims off, ids reused in
 *   another stream or beyond the window go unnoticed.
 * - readAll filters on the client: client 6.2's readAll has no server-side filter.
 * - verify reads all of $all.
 */
import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START } from '@eventstore/db-client';
import {
  createUpcasterChain, DEFAULT_MAX_EVENT_BYTES, validateStreamName,
  type AllPosition, type EventStore, type ReadAllOptions, type ReadStreamOptions, type RecordedEvent, type SubscribeOptions, type Upcaster, type VerifyResult,
} from '../../../eventstore/index.js';
import { appendEvents, type AppendClient } from './append.js';
import { createChainVerifier } from './chain.js';
import { createCheckpointStore, type CheckpointClient } from './checkpoints.js';
import { toRecordedEvent, type StoredEvent } from './event-mapping.js';
import { createEventMatcher } from './filters.js';
import { createNamespace } from './namespace.js';
import { collectStream, readStreamEvents, readTail, scanAll, type ReadClient } from './reads.js';
import { subscribeToAll, type ResubscribePolicy, type SubscriptionClient } from './subscription.js';

export type EsdbClient = AppendClient & ReadClient & CheckpointClient & SubscriptionClient & Pick<EventStoreDBClient, 'dispose'>;

export interface EventStoreDbOptions {
  readonly upcasters?: readonly Upcaster[];
  /** Stream-name prefix that keeps this store apart from others on the same cluster (namespace.ts). */
  readonly namespace?: string;
  /** How many of a stream's newest events an append searches for its own ids (replays, conflicts). */
  readonly idempotencyWindow?: number;
  /** Off: no claim write per event, but an id reused in another stream goes unnoticed. Default on. */
  readonly claimEventIds?: boolean;
  readonly maxEventBytes?: number;
  readonly resubscribe?: ResubscribePolicy;
  readonly pingTimeoutMs?: number;
}

export interface EventStoreDbConfig extends EventStoreDbOptions {
  /** e.g. `esdb://node1:2113,node2:2113,node3:2113?tls=true&tlsCAFile=/certs/ca/ca.crt` */
  readonly connectionString: string;
}

const DEFAULTS = {
  idempotencyWindow: 500,
  resubscribe: { attempts: 10, delayMs: 500 },
  pingTimeoutMs: 5_000,
  appendAttempts: 8,
} as const;

/** Never written to: reading it answers "stream not found", which proves the node is serving reads. */
const PING_STREAM = 'trestle-ping';

export const createEventStoreDbEventStore = ({ connectionString, ...options }: EventStoreDbConfig): EventStore =>
  createEventStoreOverClient(EventStoreDBClient.connectionString(connectionString), options);

const assertCount = (name: string, value: number | undefined): void => {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
    throw new RangeError(`${name} must be an integer >= 0, got ${String(value)}`);
  }
};

/** The adapter over any client with the used methods: the real one, or a fake in unit tests. */
export const createEventStoreOverClient = (client: EsdbClient, options: EventStoreDbOptions = {}): EventStore => {
  const upcast = createUpcasterChain(options.upcasters ?? []);
  const deliver = (stored: StoredEvent): RecordedEvent => upcast(toRecordedEvent(stored));
  const namespace = createNamespace(options.namespace);
  /** $all in the caller's terms: own namespace only, names without it. */
  async function* scanOwn(after?: AllPosition): AsyncGenerator<StoredEvent> {
    for await (const stored of scanAll(client, after)) {
      const local = namespace.localize(stored);
      if (local) yield local;
    }
  }
  const settings = {
    namespace,
    idempotencyWindow: options.idempotencyWindow ?? DEFAULTS.idempotencyWindow,
    claimEventIds: options.claimEventIds ?? true,
    maxEventBytes: options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES,
    maxAttempts: DEFAULTS.appendAttempts,
  };
  const resubscribe = options.resubscribe ?? DEFAULTS.resubscribe;
  const subscriptions = new Set<AbortController>();

  const readStream = async (stream: string, { direction = 'forwards', fromRevision, maxCount }: ReadStreamOptions = {}) => {
    validateStreamName(stream);
    assertCount('fromRevision', fromRevision);
    assertCount('maxCount', maxCount);
    if (maxCount === 0) return [];
    const backwards = direction === 'backwards';
    const stored = await readStreamEvents(client, namespace.physical(stream), {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: fromRevision === undefined ? (backwards ? END : START) : BigInt(fromRevision),
      maxCount,
    });
    return stored.map((event) => deliver({ ...event, streamName: stream }));
  };

  const streamRevision = async (stream: string) => {
    validateStreamName(stream);
    return (await readTail(client, namespace.physical(stream), 1))[0]?.revision;
  };

  const readAll = async ({ after, maxCount, filter }: ReadAllOptions = {}) => {
    assertCount('maxCount', maxCount);
    const events: RecordedEvent[] = [];
    if (maxCount === 0) return events;
    const matches = createEventMatcher(filter);
    for await (const stored of scanOwn(after)) {
      if (!matches(stored)) continue;
      events.push(deliver(stored));
      if (maxCount !== undefined && events.length >= maxCount) break;
    }
    return events;
  };

  /** Each subscription also ends when the store closes. */
  async function* subscribe(subscribeOptions: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
    const controller = new AbortController();
    const { signal: callerSignal } = subscribeOptions;
    const signal = callerSignal ? AbortSignal.any([callerSignal, controller.signal]) : controller.signal;
    subscriptions.add(controller);
    try {
      yield* subscribeToAll({ client, namespace, deliver, policy: resubscribe }, { ...subscribeOptions, signal });
    } finally {
      subscriptions.delete(controller);
    }
  }

  const verify = async (streamPrefix?: string): Promise<VerifyResult> => {
    const matches = createEventMatcher(streamPrefix === undefined ? undefined : { streamPrefixes: [streamPrefix] });
    const verifier = createChainVerifier();
    for await (const stored of scanOwn()) if (matches(stored)) verifier.check(stored);
    return verifier.result();
  };

  const ping = async (): Promise<void> => {
    const timeoutMs = options.pingTimeoutMs ?? DEFAULTS.pingTimeoutMs;
    const read = client.readStream(PING_STREAM, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void read.cancel();
        reject(new Error(`EventStoreDB did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    const reading = collectStream(read);
    reading.catch(() => undefined); // after a timeout nobody awaits it
    try {
      await Promise.race([reading, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  const close = async (): Promise<void> => {
    for (const controller of subscriptions) controller.abort();
    await client.dispose();
  };

  return {
    append: (stream, events, expected) => appendEvents(client, settings, stream, events, expected),
    readStream,
    streamRevision,
    readAll,
    subscribeToAll: subscribe,
    verify,
    checkpoints: createCheckpointStore(client, namespace),
    ping,
    close,
  };
};
