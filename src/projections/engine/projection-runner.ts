import { comparePositions, positionToString, type AllPosition, type EventStore, type RecordedEvent } from '../../eventstore/index.js';
import { silentLogger, type Logger } from '../../platform/subscriptions/subscription-handler.js';
import { CheckpointMovedError, loadCheckpoint, saveCheckpoint } from './generations.js';
import type { ProjectionDb, ProjectionDefinition, ProjectionModel } from './projection.js';

export interface RunnerOptions {
  /** Events per batch (one transaction each). Default 500. */
  readonly batchSize?: number;
  /** Wait between polls once caught up. Default 100 ms. */
  readonly idleMs?: number;
  readonly logger?: Logger;
  readonly onBatch?: (name: string, events: readonly RecordedEvent[]) => void;
}

export interface RunnerStatus {
  readonly generation: number | null;
  readonly position: string | null;
  readonly events: number;
  readonly running: boolean;
  readonly lastError: string | null;
}

const sleep = (ms: number, signal: AbortSignal, onStart: (wake: () => void) => void = () => undefined): Promise<void> => new Promise((resolve) => {
  if (signal.aborted) return resolve();
  // The listener goes with the pause: one left behind per idle poll would pile up on the runner's signal.
  const wake = () => { clearTimeout(timer); signal.removeEventListener('abort', wake); resolve(); };
  const timer = setTimeout(wake, ms);
  signal.addEventListener('abort', wake, { once: true });
  onStart(wake);
});

/**
 * Keeps one generation of a projection current: reads $all after its checkpoint in
 * batches, applies them, and writes the rows and the checkpoint in one transaction. A
 * database error throws the batch away and starts again from the saved checkpoint.
 */
export class ProjectionRunner {
  private abort = new AbortController();
  private loop: Promise<void> | undefined;
  private generation: number | null = null;
  private position: AllPosition | undefined;
  private events = 0;
  private lastError: string | null = null;
  private waiters: Array<{ position: AllPosition; wake: () => void }> = [];
  /** Ends the idle pause early: a waiter (a saga about to read this model) should not wait out the poll interval. */
  private wakeIdle: (() => void) | undefined;
  /** A waiter came during a batch: the pause after it is skipped. */
  private nudged = false;

  constructor(
    private readonly store: EventStore, private readonly db: ProjectionDb,
    private readonly def: ProjectionDefinition, private readonly options: RunnerOptions = {},
  ) {}

  start(generation: number): void {
    if (this.loop) throw new Error(`projection ${this.def.name} is already running`);
    this.generation = generation;
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.loop = this.run(generation, signal).catch((error: unknown) => {
      this.logger.error({ projection: this.def.name, err: error }, 'projection runner stopped on an error');
    });
  }

  /** Finishes the batch in hand (its checkpoint saved), then stops. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    this.loop = undefined;
  }

  /**
   * Resolves once the events up to `position` are applied (e.g. the position an append
   * returned). Waiting for an empty read would not do: a read stops short of transactions
   * still in flight anywhere on the server, so "nothing new" can come early.
   */
  reached(position: AllPosition): Promise<void> {
    if (this.position && comparePositions(this.position, position) >= 0) return Promise.resolve();
    const reached = new Promise<void>((wake) => this.waiters.push({ position, wake }));
    this.nudged = true;
    this.wakeIdle?.();
    return reached;
  }

  status(): RunnerStatus {
    return {
      generation: this.generation, position: this.position ? positionToString(this.position) : null,
      events: this.events, running: this.loop !== undefined && !this.abort.signal.aborted, lastError: this.lastError,
    };
  }

  private wakeReached(): void {
    const at = this.position;
    if (at) this.waiters = this.waiters.filter((w) => (comparePositions(at, w.position) >= 0 ? (w.wake(), false) : true));
  }

  /**
   * With a filter, the checkpoint stops at the last event the projection reads, so a waiter
   * for a later event it skips is woken by an empty read instead. That read must come after
   * the waiter's event was seen readable (so everything before it had committed): a read
   * stops short of transactions still in flight anywhere on the server, and one that came
   * back empty before the event was readable says nothing about it. Newest first: once one
   * waiter's event is readable, every earlier one's is too (one query, not one per waiter).
   */
  private async readableWaiters(): Promise<ReadonlySet<{ position: AllPosition; wake: () => void }>> {
    const newestFirst = [...this.waiters].sort((a, b) => comparePositions(b.position, a.position));
    for (const [i, waiter] of newestFirst.entries()) {
      const [first] = await this.store.readAll({ after: { commit: waiter.position.commit, prepare: waiter.position.prepare - 1n }, maxCount: 1 });
      if (first && comparePositions(first.position, waiter.position) >= 0) return new Set(newestFirst.slice(i));
    }
    return new Set();
  }

  private get logger(): Logger {
    return this.options.logger ?? silentLogger;
  }

  private async open(generation: number): Promise<ProjectionModel> {
    const checkpoint = await loadCheckpoint(this.db, this.def.name, generation);
    this.position = checkpoint?.position;
    this.events = checkpoint?.events ?? 0;
    this.wakeReached();
    const model = this.def.model(generation, 'live');
    await model.open(this.db);
    return model;
  }

  private async run(generation: number, signal: AbortSignal): Promise<void> {
    let model: ProjectionModel | undefined;
    for (let failures = 0, idle = 0; !signal.aborted;) {
      try {
        model ??= await this.open(generation);
        const applied = await this.step(model, generation);
        failures = 0;
        // Caught up: poll again soon, backing off to 5x the interval while nothing happens.
        idle = applied === 0 ? Math.min(idle + 1, 5) : 0;
        if (applied === 0) await sleep((this.options.idleMs ?? 100) * idle, signal, (wake) => (this.nudged ? wake() : (this.wakeIdle = wake)));
        this.wakeIdle = undefined;
        this.nudged = false;
      } catch (error) {
        // The model's memory may be ahead of the tables now: reopen from the checkpoint.
        model = undefined;
        if (error instanceof CheckpointMovedError) continue;
        this.lastError = (error as Error).message;
        this.logger.warn({ projection: this.def.name, err: error, failures: ++failures }, 'projection batch failed; retrying from the checkpoint');
        await sleep(Math.min(5000, 100 * 2 ** failures), signal);
      }
    }
  }

  /**
   * One batch; returns how many events it applied. A filtered projection on a store that
   * tells its readable head asks for it first: nothing past its position means nothing to
   * read, and a read that comes back short has seen all of its events up to the head, so
   * the head is saved as its position. At rest it then reads nothing, where it would
   * otherwise re-read every event after its last relevant one on every poll.
   */
  private async step(model: ProjectionModel, generation: number): Promise<number> {
    const tracksHead = this.def.filter !== undefined && this.store.readableHead !== undefined;
    const readable = this.def.filter && !tracksHead && this.waiters.length > 0 ? await this.readableWaiters() : new Set();
    const head = tracksHead ? await this.store.readableHead!() : undefined;
    if (tracksHead && (head === undefined || this.isAtOrPast(head))) return 0;
    const maxCount = this.options.batchSize ?? 500;
    const batch = await this.store.readAll({ after: this.position, maxCount, filter: this.def.filter });
    const last = batch.at(-1)?.position;
    // Short of a full batch, the read covered everything up to the head (asked for before it).
    const savedTo = head && batch.length < maxCount && (!last || comparePositions(head, last) > 0) ? head : last;
    if (batch.length === 0) {
      this.waiters = this.waiters.filter((w) => (readable.has(w) ? (w.wake(), false) : true));
      if (savedTo) await this.moveTo(generation, savedTo);
      return 0;
    }
    await model.prepare(batch, this.db);
    for (const event of batch) model.apply(event);
    await this.db.transaction(async (tx) => {
      await saveCheckpoint(tx, this.def.name, generation, this.position, savedTo!, this.events + batch.length);
      await model.flush(tx);
    });
    model.release();
    this.position = savedTo;
    this.events += batch.length;
    this.lastError = null;
    this.wakeReached();
    this.options.onBatch?.(this.def.name, batch);
    return batch.length;
  }

  private isAtOrPast(position: AllPosition): boolean {
    return this.position !== undefined && comparePositions(this.position, position) >= 0;
  }

  /** Past events that are none of this projection's: only the checkpoint moves. */
  private async moveTo(generation: number, position: AllPosition): Promise<void> {
    await this.db.transaction((tx) => saveCheckpoint(tx, this.def.name, generation, this.position, position, this.events));
    this.position = position;
    this.wakeReached();
  }
}
