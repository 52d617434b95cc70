import type { AllPosition, EventStore, RecordedEvent } from '../../eventstore/index.js';
import { activateGeneration, createGeneration, saveCheckpoint } from './generations.js';
import type { ProjectionDb, ProjectionDefinition, ProjectionModel } from './projection.js';

export type RebuildState = 'building' | 'switching' | 'done' | 'failed';

export interface RebuildProgress {
  readonly name: string;
  readonly generation: number | null;
  readonly state: RebuildState;
  readonly processed: number;
  /** Events the rebuild expects to read (what the active copy has seen); null when unknown. */
  readonly total: number | null;
  readonly eventsPerSec: number;
  readonly etaSeconds: number | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly error: string | null;
}

/** How the rebuild hands over: the live runner stops on the old copy and restarts on the new one. */
export interface Handover {
  /** Events the active copy has applied: the progress bar's total. */
  readonly expectedEvents: number | null;
  pauseLive(): Promise<void>;
  resumeLive(generation: number): void;
  /** The old copy is no longer read: drop it. */
  retire(generation: number): Promise<void>;
  readonly previousGeneration: number | null;
}

export interface RebuildOptions {
  /** Events per read. Default 2000. */
  readonly pageSize?: number;
  /** Flush with a checkpoint, and forget documents, once this many rows wait. Default 250 000. */
  readonly flushAt?: number;
  /** Start writing in the background once this many rows wait. Default 20 000. */
  readonly writeBehindAt?: number;
  readonly now?: () => number;
  /** Aborting (the hub shutting down) fails the rebuild; readers keep the old copy. */
  readonly signal?: AbortSignal;
}

/**
 * Builds a projection anew beside the copy readers use: a new generation filled from the
 * start of $all in large pages (the next page is read while this one is applied), then,
 * with the live runner paused, the last events, a checkpoint, and the switch of the views.
 */
export class Rebuild {
  private generation: number | null = null;
  private state: RebuildState = 'building';
  private processed = 0;
  private position: AllPosition | undefined;
  private readonly started: number;
  private finished: number | null = null;
  private error: string | null = null;
  private writing: Promise<void> | undefined;
  /** The checkpoint as last saved. */
  private saved: AllPosition | undefined;

  constructor(
    private readonly store: EventStore, private readonly db: ProjectionDb, private readonly def: ProjectionDefinition,
    private readonly handover: Handover, private readonly options: RebuildOptions = {},
  ) {
    this.started = this.now();
  }

  progress(): RebuildProgress {
    const elapsed = Math.max(1, (this.finished ?? this.now()) - this.started) / 1000;
    const eventsPerSec = Math.round(this.processed / elapsed);
    const total = this.handover.expectedEvents === null ? null : Math.max(this.handover.expectedEvents, this.processed);
    const etaSeconds = this.state === 'done' ? 0 : total === null || eventsPerSec === 0 ? null : Math.ceil((total - this.processed) / eventsPerSec);
    return {
      name: this.def.name, generation: this.generation, state: this.state, processed: this.processed, total, eventsPerSec, etaSeconds,
      startedAt: new Date(this.started).toISOString(), finishedAt: this.finished === null ? null : new Date(this.finished).toISOString(), error: this.error,
    };
  }

  async run(): Promise<void> {
    try {
      this.generation = await createGeneration(this.db, this.def);
      const model = this.def.model(this.generation, 'bulk');
      await model.open(this.db);
      await this.drain(model);
      await this.switchOver(model, this.generation);
      this.state = 'done';
    } catch (error) {
      this.state = 'failed';
      this.error = (error as Error).message;
      throw error;
    } finally {
      this.finished = this.now();
    }
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private read(after: AllPosition | undefined): Promise<RecordedEvent[]> {
    const page = this.store.readAll({ after, maxCount: this.options.pageSize ?? 2000, filter: this.def.filter });
    page.catch(() => undefined); // read ahead: if folding fails first, this read's error is not the news
    return page;
  }

  /** Applies everything up to the head; reads one page ahead so the store works while we fold. */
  private async drain(model: ProjectionModel): Promise<void> {
    let next = this.read(this.position);
    for (;;) {
      const page = await next;
      if (this.options.signal?.aborted) throw new Error('the rebuild was stopped: the hub is shutting down');
      if (page.length === 0) return;
      this.position = page[page.length - 1]!.position;
      next = this.read(this.position);
      await model.prepare(page, this.db);
      for (const event of page) model.apply(event);
      this.processed += page.length;
      if (model.pendingWrites >= (this.options.flushAt ?? 250_000)) await this.flush(model);
      else if (model.pendingWrites >= (this.options.writeBehindAt ?? 20_000)) this.writeBehind(model);
    }
  }

  /**
   * Writes what has piled up while reading and folding go on: the database works while
   * Node folds. Safe because nobody reads the new copy before the switch, every write is
   * an upsert of the latest state (or an addition of row deltas), and writes run in order.
   */
  private writeBehind(model: ProjectionModel): void {
    if (this.writing) return;
    this.writing = model.flush(this.db).finally(() => { this.writing = undefined; });
    this.writing.catch(() => undefined); // awaited (and thrown) by the next flush
  }

  /** Everything written, with the checkpoint; then the documents leave memory (the tables have them). */
  private async flush(model: ProjectionModel): Promise<void> {
    await this.writing;
    const generation = this.generation!;
    const position = this.position;
    await this.db.transaction(async (tx) => {
      if (position) await saveCheckpoint(tx, this.def.name, generation, this.saved, position, this.processed);
      await model.flush(tx);
    });
    this.saved = position;
    model.release();
  }

  /** The live runner stops, the rebuild takes the last events, the views switch, the runner goes on with the new copy. */
  private async switchOver(model: ProjectionModel, generation: number): Promise<void> {
    await this.flush(model);
    this.state = 'switching';
    await this.handover.pauseLive();
    let active = this.handover.previousGeneration;
    try {
      await this.drain(model);
      await this.flush(model);
      await activateGeneration(this.db, this.def, generation);
      active = generation;
    } finally {
      if (active !== null) this.handover.resumeLive(active);
    }
    if (this.handover.previousGeneration !== null) await this.handover.retire(this.handover.previousGeneration);
  }
}
