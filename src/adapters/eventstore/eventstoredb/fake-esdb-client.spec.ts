/**
 * An in-memory stand-in for the parts of @eventstore/db-client the adapter uses, so its logic
 * runs in unit tests without a server. Named *.spec.ts so the build leaves it out; vitest only
 * runs *.unit|int|e2e.spec.ts files.
 *
 * It models what the adapter relies on, as the client's types and docs describe it: ESDB's
 * id-only idempotence after an exact/no_stream expected revision, WrongExpectedVersion with the
 * current revision, StreamNotFound on reads, inclusive readAll and exclusive subscription
 * positions, `$`-prefixed system events in $all. It is not ESDB; the int spec is the real check.
 */
import {
  StreamNotFoundError, WrongExpectedVersionError,
  type AllStreamResolvedEvent, type AppendExpectedRevision, type AppendResult, type Filter, type Position, type ReadPosition, type ReadRevision,
} from '@eventstore/db-client';
import { comparePositions, deterministicEventId, type EventData, type RecordedEvent } from '../../../eventstore/index.js';
import { createEventStoreOverClient, type EsdbClient, type EventStoreDbOptions } from './eventstoredb-event-store.js';

export interface Row {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly revision: bigint;
  readonly created: Date;
  dataJson: string;
  metadataJson: string | undefined;
  readonly position: Position;
}

interface ProposedEvent { readonly id: string; readonly type: string; readonly data: unknown; readonly metadata?: unknown }

const toResolved = (row: Row): AllStreamResolvedEvent => ({
  event: {
    streamId: row.streamId, id: row.id, type: row.type, revision: row.revision, created: row.created, isJson: true,
    data: JSON.parse(row.dataJson) as Record<string, unknown>,
    metadata: row.metadataJson === undefined ? undefined : JSON.parse(row.metadataJson) as Record<string, unknown>,
    position: row.position,
  },
  commitPosition: row.position.commit,
});

/** An async iterable that fails like the client's streams do: when iterated, not when created. */
const readable = (produce: () => readonly Row[]) => ({
  cancel: async () => undefined,
  async *[Symbol.asyncIterator]() {
    for (const row of produce()) yield toResolved(row);
  },
});

const matchesFilter = (row: Row, filter: Filter | undefined): boolean => {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? row.streamId : row.type;
  if ('prefixes' in filter) return filter.prefixes.some((prefix) => subject.startsWith(prefix));
  return new RegExp(filter.regex).test(subject);
};

export class FakeSubscription {
  private closed = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly fake: FakeEsdbClient, private readonly from: ReadPosition, private readonly filter: Filter | undefined) {}

  async unsubscribe(): Promise<void> {
    this.closed = true;
    this.wake?.();
  }

  fail(error: Error): void {
    this.failure = error;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<AllStreamResolvedEvent> {
    const from = this.from;
    let index = from === 'start' ? 0 : this.fake.rows.findIndex((row) => from === 'end' || comparePositions(row.position, from) > 0);
    if (index === -1) index = this.fake.rows.length;
    while (!this.closed) {
      if (this.failure) throw this.failure;
      const row = this.fake.rows[index];
      if (row) {
        index += 1;
        if (matchesFilter(row, this.filter)) yield toResolved(row);
        continue;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.fake.onAppend(resolve);
      });
    }
  }
}

export class FakeEsdbClient {
  readonly rows: Row[] = [];
  readonly subscriptions: FakeSubscription[] = [];
  readonly streamMetadata = new Map<string, unknown>();
  /** Runs before each append is applied: a test's concurrent writer slips in here. */
  beforeAppend: ((stream: string) => Promise<void> | void) | undefined;
  appendCalls = 0;
  disposed = false;
  private readonly waiting = new Set<() => void>();
  private nextPosition = 100n;

  onAppend(listener: () => void): void {
    this.waiting.add(listener);
  }

  stream(name: string): Row[] {
    return this.rows.filter((row) => row.streamId === name);
  }

  async appendToStream(streamName: string, events: ProposedEvent | ProposedEvent[], { expectedRevision = 'any' }: { expectedRevision?: AppendExpectedRevision } = {}): Promise<AppendResult> {
    this.appendCalls += 1;
    await this.beforeAppend?.(streamName);
    const batch = Array.isArray(events) ? events : [events];
    const existing = this.stream(streamName);
    const current = existing.at(-1)?.revision;
    if (expectedRevision === 'no_stream' || typeof expectedRevision === 'bigint') {
      const start = expectedRevision === 'no_stream' ? 0 : Number(expectedRevision) + 1;
      const there = existing.slice(start, start + batch.length);
      if (there.length > 0 && there[0]!.id === batch[0]!.id) {
        if (there.length === batch.length && there.every((row, index) => row.id === batch[index]!.id)) {
          return { success: true, nextExpectedRevision: there.at(-1)!.revision, position: there.at(-1)!.position };
        }
        throw this.wrongExpected(streamName, expectedRevision, current);
      }
    }
    const ok = expectedRevision === 'any' || (expectedRevision === 'no_stream' ? current === undefined
      : expectedRevision === 'stream_exists' ? current !== undefined : current === expectedRevision);
    if (!ok) throw this.wrongExpected(streamName, expectedRevision, current);
    const written = batch.map((event, index) => this.write(streamName, BigInt(existing.length + index), event));
    for (const listener of [...this.waiting]) listener();
    this.waiting.clear();
    return { success: true, nextExpectedRevision: written.at(-1)!.revision, position: written.at(-1)!.position };
  }

  /** A write that bypasses expected revisions and hashing, as another program would do it. */
  writeRaw(streamName: string, event: ProposedEvent): Row {
    const row = this.write(streamName, BigInt(this.stream(streamName).length), event);
    for (const listener of [...this.waiting]) listener();
    this.waiting.clear();
    return row;
  }

  readStream(streamName: string, { direction = 'forwards', fromRevision, maxCount = Number.MAX_SAFE_INTEGER }: { direction?: string; fromRevision?: ReadRevision; maxCount?: number | bigint } = {}) {
    return readable(() => {
      const rows = this.stream(streamName);
      if (rows.length === 0) throw new StreamNotFoundError(undefined, streamName);
      const count = Number(maxCount);
      if (direction === 'backwards') {
        const from = fromRevision === undefined || fromRevision === 'end' ? rows.length - 1 : fromRevision === 'start' ? 0 : Number(fromRevision);
        return rows.filter((row) => row.revision <= BigInt(from)).reverse().slice(0, count);
      }
      const from = fromRevision === undefined || fromRevision === 'start' ? 0n : fromRevision === 'end' ? BigInt(rows.length) : fromRevision;
      return rows.filter((row) => row.revision >= from).slice(0, count);
    });
  }

  readAll({ fromPosition = 'start', maxCount = Number.MAX_SAFE_INTEGER }: { fromPosition?: ReadPosition; maxCount?: number | bigint } = {}) {
    return readable(() => this.rows
      .filter((row) => fromPosition === 'start' || (fromPosition !== 'end' && comparePositions(row.position, fromPosition) >= 0))
      .slice(0, Number(maxCount)));
  }

  subscribeToAll({ fromPosition = 'start', filter }: { fromPosition?: ReadPosition; filter?: Filter } = {}): FakeSubscription {
    const subscription = new FakeSubscription(this, fromPosition, filter);
    this.subscriptions.push(subscription);
    return subscription;
  }

  async setStreamMetadata(streamName: string, metadata: unknown): Promise<AppendResult> {
    this.streamMetadata.set(streamName, metadata);
    const row = this.writeRaw(`$$${streamName}`, { id: crypto.randomUUID(), type: '$metadata', data: metadata });
    return { success: true, nextExpectedRevision: row.revision, position: row.position };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  private write(streamId: string, revision: bigint, event: ProposedEvent): Row {
    const position = { commit: this.nextPosition, prepare: this.nextPosition };
    this.nextPosition += 100n;
    const row: Row = {
      streamId, id: event.id, type: event.type, revision, created: new Date(), position,
      dataJson: JSON.stringify(event.data), metadataJson: event.metadata === undefined ? undefined : JSON.stringify(event.metadata),
    };
    this.rows.push(row);
    return row;
  }

  private wrongExpected(streamName: string, expected: AppendExpectedRevision, current: bigint | undefined): WrongExpectedVersionError {
    return new WrongExpectedVersionError(undefined, { streamName, expected, current: current ?? 'no_stream' });
  }
}

/** A store over a fresh fake, resubscribing fast. */
export const setup = (options: EventStoreDbOptions = {}) => {
  const fake = new FakeEsdbClient();
  const store = createEventStoreOverClient(fake as unknown as EsdbClient, { resubscribe: { attempts: 3, delayMs: 1 }, ...options });
  return { fake, store };
};

/** The same name gives the same event id. */
export const event = (name: string, data: unknown = { name }, metadata?: EventData['metadata']): EventData =>
  ({ id: deterministicEventId('test', name), type: 'Thing.v1', data, ...(metadata ? { metadata } : {}) });

/** Runs `write` once, just before the store's next append to `stream` reaches the server. */
export const beforeNextAppendTo = (fake: FakeEsdbClient, stream: string, write: () => Promise<unknown> | void) => {
  let done = false;
  fake.beforeAppend = async (target) => {
    if (done || target !== stream) return;
    done = true;
    await write();
  };
};

export const take = async (iterable: AsyncIterable<RecordedEvent>, count: number): Promise<RecordedEvent[]> => {
  const seen: RecordedEvent[] = [];
  if (count === 0) return seen;
  for await (const recorded of iterable) {
    seen.push(recorded);
    if (seen.length === count) break;
  }
  return seen;
};
