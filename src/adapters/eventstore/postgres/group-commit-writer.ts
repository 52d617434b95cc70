import type pg from 'pg';
import type { AppendResult, EventStoreObserver } from '../../../eventstore/index.js';
import type { BatchAppend } from './plan-batch.js';
import { writeBatch, type BatchOutcome } from './write-batch.js';

export interface GroupCommitOptions {
  /** Bounds on one transaction, so memory and lock time stay flat under load. */
  readonly maxBatchAppends: number;
  readonly maxBatchBytes: number;
  readonly notify: boolean;
  readonly observer?: EventStoreObserver;
  /** Called after each commit, to wake this process's subscribers. */
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
 * Group commit: appends that arrive while a transaction is in flight queue up and are
 * written together by the next one, so N concurrent writers share one durable commit.
 * Each append still gets its own verdict.
 */
export class GroupCommitWriter {
  private readonly queue: Pending[] = [];
  private draining: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly pool: pg.Pool, private readonly options: GroupCommitOptions) {}

  submit(append: BatchAppend): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new EventStoreClosedError());
    const bytes = append.events.reduce((n, e) => n + e.dataJson.length + e.metadataJson.length, 0);
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ append, bytes, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Stops taking appends and waits for every queued one to be settled. */
  async close(): Promise<void> {
    this.closed = true;
    await this.draining;
  }

  private async drain(): Promise<void> {
    // Let every append issued in the current tick join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) await this.run(this.take());
    this.draining = undefined;
  }

  private take(): Pending[] {
    let count = 0;
    let bytes = 0;
    for (const pending of this.queue) {
      if (count >= this.options.maxBatchAppends || (count > 0 && bytes + pending.bytes > this.options.maxBatchBytes)) break;
      bytes += pending.bytes;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async run(batch: readonly Pending[]): Promise<void> {
    const started = performance.now();
    let outcomes: BatchOutcome[];
    try {
      outcomes = await this.commit(batch.map((p) => p.append));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // A constraint raced by another process, a deadlock, ...: retry each append alone so
      // the cause fails by itself and its neighbours still land.
      for (const pending of batch) await this.run([pending]);
      return;
    }
    this.report(batch, outcomes, performance.now() - started);
    outcomes.forEach((outcome, i) => (outcome.ok ? batch[i]!.resolve(outcome.result) : batch[i]!.reject(outcome.error)));
  }

  private async commit(appends: readonly BatchAppend[]): Promise<BatchOutcome[]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const outcomes = await writeBatch(client, appends, { notify: this.options.notify });
      await client.query('COMMIT');
      this.options.onCommitted();
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
