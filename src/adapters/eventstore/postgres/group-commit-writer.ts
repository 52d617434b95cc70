import type pg from 'pg';
import type { AppendResult, EventStoreObserver } from '../../../eventstore/index.js';
import { HeadCache, tryFastAppend } from './fast-append.js';
import type { BatchAppend } from './plan-batch.js';
import { writeBatch, type BatchOutcome } from './write-batch.js';

export interface GroupCommitOptions {
  /** Bounds on one transaction, so memory and lock time stay flat under load. */
  readonly maxBatchAppends: number;
  readonly maxBatchBytes: number;
  /** Batches committing at once (each on its own connection); a stream is in at most one. */
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
 */
export class GroupCommitWriter {
  private queue: Pending[] = [];
  private readonly busyStreams = new Set<string>();
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
      this.inFlight++;
      for (const pending of batch) this.busyStreams.add(pending.append.stream);
      void this.run(batch).finally(() => {
        this.inFlight--;
        for (const pending of batch) this.busyStreams.delete(pending.append.stream);
        if (this.queue.length > 0) this.schedule();
        else if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
      });
    }
  }

  /** Oldest first, within the bounds, skipping streams whose earlier appends are not done. */
  private take(share: number): Pending[] {
    const limit = Math.min(share, this.options.maxBatchAppends);
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    const held = new Set<string>();
    let bytes = 0;
    for (const pending of this.queue) {
      const stream = pending.append.stream;
      const fits = batch.length < limit && (batch.length === 0 || bytes + pending.bytes <= this.options.maxBatchBytes);
      if (fits && !this.busyStreams.has(stream) && !held.has(stream)) {
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

  private async run(batch: readonly Pending[]): Promise<void> {
    const started = performance.now();
    const appends = batch.map((p) => p.append);
    let outcomes: BatchOutcome[];
    try {
      outcomes = (await this.fastPath(appends)) ?? (await this.carefulPath(appends));
    } catch (error) {
      this.heads.forget(appends.map((a) => a.stream));
      if (batch.length === 1) return batch[0]!.reject(error);
      // A deadlock, a constraint raced by another process, ...: retry each append alone so
      // the cause fails by itself and its neighbours still land.
      for (const pending of batch) await this.run([pending]);
      return;
    }
    this.options.onCommitted();
    this.report(batch, outcomes, performance.now() - started);
    outcomes.forEach((outcome, i) => (outcome.ok ? batch[i]!.resolve(outcome.result) : batch[i]!.reject(outcome.error)));
  }

  private async fastPath(appends: readonly BatchAppend[]): Promise<BatchOutcome[] | undefined> {
    try {
      return await tryFastAppend(this.pool, appends, this.heads);
    } catch {
      this.heads.forget(appends.map((a) => a.stream));
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
