import pg from 'pg';
import {
  createUpcasterChain, type AllFilter, type AllPosition, DEFAULT_MAX_EVENT_BYTES, validateExpectedRevision, validateStreamName,
  type AppendResult, type CheckpointStore, type EventData, type EventStore, type EventStoreObserver,
  type ExpectedRevision, type GlobalChain, type ReadAllOptions, type ReadStreamOptions, type RecordedEvent,
  type SubscribeOptions, type Upcaster, type VerifyResult,
} from '../../../eventstore/index.js';
import { surviveConnectionLoss } from '../../../platform/postgres/connection-loss.js';
import { createCheckpointStore } from './checkpoint-store.js';
import { extendGlobalChain } from './global-chain-extend.js';
import { verifyGlobalChain } from './global-chain-verify.js';
import { GroupCommitWriter } from './group-commit-writer.js';
import { migrate } from './migrations.js';
import { currentRole, historyRewriteRisk, withOwnerPool } from './runtime-role.js';
import { checkStreamText, toNewEvents } from './new-event.js';
import type { BatchAppend } from './plan-batch.js';
import { DEFAULT_READ_COUNT, readableHead, readAllEvents, readStreamEvents, scanAllWindow } from './reads.js';
import { TrackedQueries } from './queryable.js';
import { SharedTail } from './shared-tail.js';
import { scanWithRetry, subscribeToAll } from './subscription.js';
import { verifyChains } from './verify.js';
import { CommitNotifier, listenForCommits, Waker } from './wake.js';

export interface PostgresEventStoreOptions {
  /** The hub's runtime role: it only appends to and reads the events table. */
  readonly connectionString: string;
  /** The owner role that runs migrations and grants the runtime role; without it, the runtime role migrates (and owns). */
  readonly migrationConnectionString?: string;
  /** Connections for writer, readers and pollers together. Default 4. */
  readonly poolSize?: number;
  readonly maxEventBytes?: number;
  readonly upcasters?: readonly Upcaster[];
  /** Shortest idle poll of a live subscription; it backs off to 10x this. Default 25 ms. */
  readonly pollIntervalMs?: number;
  readonly observer?: EventStoreObserver;
  /** Bounds on one group-commit transaction. Defaults: 256 appends, 4 MiB. */
  readonly maxBatchAppends?: number;
  readonly maxBatchBytes?: number;
  /** Group-commit batches committing at once. Default: 2 (1 when the pool has under 3 connections). */
  readonly maxBatchesInFlight?: number;
}

/** Validated input, in the shape the writer and `appendInTransaction` take. */
export const toBatchAppend = (stream: string, events: readonly EventData[], expected: ExpectedRevision, maxEventBytes = DEFAULT_MAX_EVENT_BYTES): BatchAppend => {
  validateStreamName(stream);
  checkStreamText(stream);
  return { stream, expected: validateExpectedRevision(expected), events: toNewEvents(events, maxEventBytes) };
};

export class PostgresEventStore implements EventStore {
  readonly checkpoints: CheckpointStore;
  readonly globalChain: GlobalChain;
  private readonly writer: GroupCommitWriter;
  private readonly waker = new Waker();
  private readonly closing = new AbortController();
  private readonly upcast: (event: RecordedEvent) => RecordedEvent;
  private readonly db: TrackedQueries;
  private readonly notifier: CommitNotifier;
  private stopListening: Promise<() => Promise<void>> | undefined;
  private tail: SharedTail | undefined;
  private closed: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool, private readonly options: PostgresEventStoreOptions,
    poolSize: number,
  ) {
    this.db = new TrackedQueries(pool);
    this.notifier = new CommitNotifier(options.connectionString);
    this.checkpoints = createCheckpointStore(this.db);
    this.globalChain = {
      extend: (key) => extendGlobalChain(pool, key),
      verify: (key, anchored) => verifyGlobalChain(this.db, key, anchored),
    };
    this.upcast = options.upcasters?.length ? createUpcasterChain(options.upcasters) : (event) => event;
    this.writer = new GroupCommitWriter(pool, {
      maxBatchAppends: options.maxBatchAppends ?? 256,
      maxBatchBytes: options.maxBatchBytes ?? 4 * 1024 * 1024,
      maxBatchesInFlight: Math.max(1, Math.min(options.maxBatchesInFlight ?? 2, poolSize - 1)),
      observer: options.observer,
      onCommitted: () => {
        this.waker.wake();
        this.notifier.hint();
      },
    });
  }

  async append(stream: string, events: readonly EventData[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.writer.submit(toBatchAppend(stream, events, expected, this.options.maxEventBytes));
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    validateStreamName(stream);
    return this.upcastAll(await readStreamEvents(this.db, stream, options));
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    validateStreamName(stream);
    const { rows } = await this.db.query<{ r: string }>(
      'SELECT last_revision::text AS r FROM eventstore.streams WHERE stream_name = $1 AND last_revision >= 0', [stream]);
    return rows[0] ? Number(rows[0].r) : undefined;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.upcastAll(await readAllEvents(this.db, options.after, options.maxCount ?? DEFAULT_READ_COUNT, options.filter));
  }

  readableHead(): Promise<AllPosition | undefined> {
    return readableHead(this.db);
  }

  private upcastAll(events: RecordedEvent[]): RecordedEvent[] {
    return this.options.upcasters?.length ? events.map(this.upcast) : events;
  }

  subscribeToAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    this.stopListening ??= listenForCommits(this.options.connectionString, this.waker);
    return subscribeToAll({ ...this.subscriptionDeps(), tail: this.tail ??= this.sharedTail() }, options);
  }

  private subscriptionDeps() {
    const pollMinMs = this.options.pollIntervalMs ?? 25;
    return {
      scan: (after: AllPosition | undefined, window: number, filter: AllFilter | undefined) => scanAllWindow(this.db, after, window, filter),
      upcast: this.upcast, waker: this.waker, closing: this.closing.signal, pollMinMs, pollMaxMs: pollMinMs * 10, window: 500,
    };
  }

  /** One reader of the head of $all for every caught-up subscriber (see SharedTail). */
  private sharedTail(): SharedTail {
    const deps = this.subscriptionDeps();
    return new SharedTail({
      scan: (after) => scanWithRetry(deps, deps.closing, after, undefined),
      waker: deps.waker, closing: deps.closing, pollMinMs: deps.pollMinMs, pollMaxMs: deps.pollMaxMs, maxQueuedPages: 4,
    });
  }

  verify(streamPrefix?: string): Promise<VerifyResult> {
    return verifyChains(this.db, streamPrefix);
  }

  /** Set when the store's role could switch the append-only triggers off: the hub warns at boot. */
  historyRewriteRisk(): Promise<string | undefined> {
    return historyRewriteRisk(this.db);
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  /** Settles every queued append, ends live subscriptions, then closes the pool. Idempotent. */
  close(): Promise<void> {
    this.closed ??= this.shutDown();
    return this.closed;
  }

  private async shutDown(): Promise<void> {
    await this.writer.close();
    this.closing.abort();
    await this.db.settled();
    if (this.stopListening) await (await this.stopListening)();
    await this.notifier.close();
    await this.pool.end();
  }
}

export const createPostgresEventStore = async (options: PostgresEventStoreOptions): Promise<PostgresEventStore> => {
  const poolSize = Math.max(1, options.poolSize ?? 4);
  const pool = new pg.Pool({ connectionString: options.connectionString, max: poolSize });
  // A connection lost when the server goes away must not end the process; the next query reconnects.
  surviveConnectionLoss(pool);
  try {
    if (options.migrationConnectionString) {
      const runtimeRole = await currentRole(pool);
      await withOwnerPool(pg.Pool, options.migrationConnectionString, async (owner) =>
        migrate(owner, (await currentRole(owner)) === runtimeRole ? undefined : runtimeRole));
    } else {
      await migrate(pool);
    }
    return new PostgresEventStore(pool, options, poolSize);
  } catch (error) {
    await pool.end();
    throw error;
  }
};
