import type pg from 'pg';
import type { AppendResult, EventStoreObserver } from '../../../eventstore/index.js';
import { HeadCache, planFastAppend, sendFastAppend, type FastPlan } from './fast-append.js';
import type { BatchAppend, StreamHead } from './plan-batch.js';
import { writeBatch, type BatchOutcome } from './write-batch.js';

export interface GroupCommitOptions {
  /** Bounds on one transaction, so memory and lock time stay flat under load. */
  readonly maxBatchAppends: number;
  readonly maxBatchBytes: number;
  /**
   * Batches committing at once (each on its own connection). A stream may be in several:
   * a batch is planned on top of the heads the one before it will leave (pipelined).
   */
  readonly maxBatchesInFlight: number;
  readonly observer?: EventStoreObserver;
  /** Called after each commit, to wake subscribers. */
  readonly onCommitted: () => void;
}

interface Pending {
  readonly append: BatchAppend;
  readonly bytes: number;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

export class EventStoreClosedError extends Error {
  constructor() {
    super('the event store is closed');
    this.name = 'EventStoreClosedError';
  }
}

/**
 * Group commit: appends that arrive while batches are in flight queue up and are written
 * together by the next one, so N concurrent writers share one durable commit. Each
 * append still gets its own verdict, and appends to one stream keep their arrival order.
 *
 * Pipelined: the next batch need not wait for the one in flight on its streams. It is
 * planned on top of the heads that batch will leave and sent at once; the database holds
 * it at the stream rows until that batch commits, then checks the heads. Should the
 * earlier batch not land as planned, the later one finds its heads moved, waits for the
 * earlier one to settle and replans under locks, so the order of a stream never changes.
 */
export class GroupCommitWriter {
  private queue: Pending[] = [];
  /** In-flight batches per stream. */
  private readonly busyStreams = new Map<string, number>();
  /** Heads as the last in-flight batch of each stream will leave them, when it was planned. */
  private readonly projected = new Map<string, StreamHead>();
  /** Streams with a batch in flight whose outcome cannot be planned on (the careful path): held. */
  private readonly unsure = new Map<string, number>();
  /** Settles when the last batch sent for each stream has settled. */
  private readonly lastBatch = new Map<string, Promise<void>>();
  private readonly heads = new HeadCache();
  private readonly idleWaiters: Array<() => void> = [];
  private inFlight = 0;
  private scheduled = false;
  private closed = false;

  constructor(private readonly pool: pg.Pool, private readonly options: GroupCommitOptions) {}

  submit(append: BatchAppend): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new EventStoreClosedError());
    const bytes = append.events.reduce((n, e) => n + e.dataJson.length + e.metadataJson.length, 0);
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ append, bytes, resolve, reject });
      this.schedule();
    });
  }

  /** Stops taking appends and waits for every queued one to be settled. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.inFlight > 0 || this.queue.length > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // A macrotask later, so every append issued meanwhile (by writers just woken) joins the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxBatchesInFlight) {
      // Share what is queued among the free slots, so batches overlap (one is planned while
      // another commits) instead of every writer waiting on one big batch.
      const batch = this.take(Math.ceil(this.queue.length / (this.options.maxBatchesInFlight - this.inFlight)));
      if (batch.length === 0) break;
      this.launch(batch);
    }
  }

  /** Plans the batch (synchronously, so the next one can plan on top of it) and sends it. */
  private launch(batch: readonly Pending[]): void {
    const appends = batch.map((p) => p.append);
    const streams = [...new Set(appends.map((a) => a.stream))];
    const before = [...new Set(streams.flatMap((s) => this.lastBatch.get(s) ?? []))];
    const fast = planFastAppend(appends, (stream) => this.projected.get(stream) ?? this.heads.get(stream));
    this.inFlight++;
    for (const stream of streams) this.busyStreams.set(stream, (this.busyStreams.get(stream) ?? 0) + 1);
    if (fast) for (const [stream, head] of fast.plan.heads) this.projected.set(stream, head);
    else this.markUnsure(streams, 1);
    let unsure = !fast;
    const done = this.run(batch, fast, before, () => {
      if (!unsure) this.markUnsure(streams, 1);
      unsure = true;
    }).finally(() => {
      this.inFlight--;
      if (unsure) this.markUnsure(streams, -1);
      for (const stream of streams) {
        const left = (this.busyStreams.get(stream) ?? 1) - 1;
        if (left > 0) {
          this.busyStreams.set(stream, left);
          continue;
        }
        this.busyStreams.delete(stream);
        this.projected.delete(stream);
        this.lastBatch.delete(stream);
      }
      if (this.queue.length > 0) this.schedule();
      else if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
    });
    for (const stream of streams) this.lastBatch.set(stream, done);
  }

  private markUnsure(streams: readonly string[], delta: 1 | -1): void {
    for (const stream of streams) {
      const n = (this.unsure.get(stream) ?? 0) + delta;
      if (n > 0) this.unsure.set(stream, n);
      else this.unsure.delete(stream);
    }
  }

  /**
   * Oldest first, within the bounds, skipping streams whose earlier appends are not done,
   * unless those are in fewer batches than may be in flight and all of them were planned.
   */
  private take(share: number): Pending[] {
    const limit = Math.min(share, this.options.maxBatchAppends);
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const held = new Set<string>();
    let bytes = 0;
    for (const pending of this.queue) {
      const stream = pending.append.stream;
      const fits = batch.length < limit && (batch.length === 0 || bytes + pending.bytes <= this.options.maxBatchBytes);
      if (fits && this.mayJoin(stream) && !held.has(stream)) {
        batch.push(pending);
        bytes += pending.bytes;
      } else {
        rest.push(pending);
        held.add(stream);
      }
    }
    this.queue = rest;
    return batch;
  }

  private mayJoin(stream: string): boolean {
    const busy = this.busyStreams.get(stream) ?? 0;
    return busy === 0 || (busy < this.options.maxBatchesInFlight && !this.unsure.has(stream) && this.projected.has(stream));
  }

  /**
   * `before`: batches still in flight on these streams when this one was planned. A batch
   * that cannot take the fast path waits for them, so it replans against what they left.
   */
  private async run(batch: readonly Pending[], fast: FastPlan | undefined, before: readonly Promise<void>[], onFallback: () => void): Promise<void> {
    const started = performance.now();
    const appends = batch.map((p) => p.append);
    let outcomes: BatchOutcome[] | undefined;
    try {
      outcomes = fast ? await this.fastPath(fast) : undefined;
      if (!outcomes && fast && before.length > 0) {
        // It may have reached the database before the batch it was planned on took its row
        // locks, and found the heads not yet moved: once that batch settled, the plan holds again.
        await Promise.all(before);
        outcomes = await this.fastPath(fast);
      }
      if (!outcomes) {
        onFallback();
        await Promise.all(before);
        outcomes = await this.carefulPath(appends);
      }
    } catch (error) {
      this.heads.forget(appends.map((a) => a.stream));
      if (batch.length === 1) return batch[0]!.reject(error);
      // A deadlock, a constraint raced by another process, ...: retry each append alone so
      // the cause fails by itself and its neighbours still land.
      for (const pending of batch) await this.run([pending], undefined, [], () => undefined);
      return;
    }
    this.options.onCommitted();
    this.report(batch, outcomes, performance.now() - started);
    outcomes.forEach((outcome, i) => (outcome.ok ? batch[i]!.resolve(outcome.result) : batch[i]!.reject(outcome.error)));
  }

  private async fastPath(fast: FastPlan): Promise<BatchOutcome[] | undefined> {
    const streams = [...fast.from.keys()];
    try {
      const outcomes = await sendFastAppend(this.pool, fast);
      if (outcomes) this.heads.remember(fast.plan.heads);
      else this.heads.forget(streams);
      return outcomes;
    } catch {
      this.heads.forget(streams);
      return undefined; // the careful path decides, and reports any error that persists
    }
  }
  /** Locks, looks up reused ids and decides every append in one explicit transaction. */
  private async carefulPath(appends: readonly BatchAppend[]): Promise<BatchOutcome[]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const { outcomes, heads } = await writeBatch(client, appends);
      await client.query('COMMIT');
      this.heads.remember(heads);
      return outcomes;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  private report(batch: readonly Pending[], outcomes: readonly BatchOutcome[], durationMs: number): void {
    const onAppend = this.options.observer?.onAppend;
    if (!onAppend) return;
    const written = batch.filter((_, i) => { const o = outcomes[i]; return o?.ok === true && o.result.written; });
    try {
      onAppend({
        streams: new Set(written.map((p) => p.append.stream)).size,
        events: written.reduce((n, p) => n + p.append.events.length, 0),
        durationMs,
        batchSize: batch.length,
      });
    } catch {
      // Metrics must never fail a write.
    }
  }
}
