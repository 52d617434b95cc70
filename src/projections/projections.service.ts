import { ConflictException, Inject, Injectable, NotFoundException, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PinoLogger } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import type { AllPosition, EventStore, RecordedEvent } from '../eventstore/index.js';
import { MetricsService } from '../platform/metrics/metrics.service.js';
import { EVENT_STORE } from '../platform/tokens.js';
import {
  activateGeneration, activeGeneration, createGeneration, dropGeneration, dropStaleGenerations, ensureGenerationsTable,
} from './engine/generations.js';
import { ProjectionRunner, type RunnerStatus } from './engine/projection-runner.js';
import type { ProjectionDb, ProjectionDefinition } from './engine/projection.js';
import { Rebuild, type RebuildProgress } from './engine/rebuild.js';
import { PROJECTIONS_DATA_SOURCE } from './projections-db.js';

export const PROJECTION_DEFINITIONS = Symbol('ProjectionDefinitions');

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly live: RunnerStatus;
  readonly rebuild: RebuildProgress | null;
}

const problem = (status: 404 | 409, detail: string) => ({
  type: `https://trestle.dev/problems/${status === 404 ? 'unknown-projection' : 'rebuild-running'}`,
  title: status === 404 ? 'Not Found' : 'Conflict', status, detail,
});

/**
 * Runs every projection: one live runner each on its active generation, and rebuilds on
 * request (or at boot, when a projection's version changed). One rebuild per projection
 * at a time; the hub keeps serving the old copy until the new one is switched in.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly runners = new Map<string, ProjectionRunner>();
  private readonly rebuilds = new Map<string, { job: Rebuild; done: Promise<void> }>();
  private readonly stopping = new AbortController();
  private readonly stops = new WeakMap<AbortSignal, Promise<never>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @InjectDataSource(PROJECTIONS_DATA_SOURCE) private readonly db: DataSource,
    @Inject(PROJECTION_DEFINITIONS) private readonly definitions: readonly ProjectionDefinition[],
    private readonly metrics: MetricsService,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('projections');
    for (const def of definitions) {
      this.runners.set(def.name, new ProjectionRunner(store, this.sql, def, { logger: this.logger.logger, onBatch: (name, events) => this.observe(name, events) }));
    }
  }

  private get sql(): ProjectionDb {
    return this.db as unknown as ProjectionDb;
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureGenerationsTable(this.sql);
    for (const def of this.definitions) await this.startProjection(def);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await Promise.all([...this.rebuilds.values()].map((r) => r.done.catch(() => undefined)));
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
  }

  names(): string[] {
    return this.definitions.map((d) => d.name);
  }

  status(): ProjectionStatus[] {
    return this.definitions.map((def) => ({
      name: def.name, version: def.version, live: this.runner(def.name).status(), rebuild: this.rebuilds.get(def.name)?.job.progress() ?? null,
    }));
  }

  /** Starts rebuilding `name` beside its current copy; 409 while one is running. */
  startRebuild(name: string): RebuildProgress {
    const def = this.definition(name);
    const current = this.rebuilds.get(name)?.job.progress();
    if (current && (current.state === 'building' || current.state === 'switching')) throw new ConflictException(problem(409, `a rebuild of ${name} is already running`));
    return this.launch(def, this.runner(name).status().generation);
  }

  private launch(def: ProjectionDefinition, previous: number | null): RebuildProgress {
    const runner = this.runner(def.name);
    const job = new Rebuild(this.store, this.sql, def, {
      // What the live copy has seen so far is what the rebuild will read: the progress bar's total.
      get expectedEvents() { return runner.status().generation === null ? null : runner.status().events; },
      previousGeneration: previous,
      pauseLive: () => runner.stop(),
      resumeLive: (generation) => runner.start(generation),
      retire: async (generation) => { await dropGeneration(this.sql, def, generation); },
    }, { signal: this.stopping.signal });
    const done = job.run().then(
      () => this.logger.info({ projection: def.name, ...job.progress() }, 'projection rebuilt and switched'),
      (error: unknown) => this.logger.error({ projection: def.name, err: error }, 'projection rebuild failed; readers keep the previous copy'),
    );
    this.rebuilds.set(def.name, { job, done });
    return job.progress();
  }

  rebuildProgress(name: string): RebuildProgress | null {
    this.definition(name);
    return this.rebuilds.get(name)?.job.progress() ?? null;
  }

  /** For tests and the bench: resolves when a running rebuild has finished (or failed). */
  async rebuildFinished(name: string): Promise<void> {
    await this.rebuilds.get(name)?.done;
  }

  /**
   * Resolves when the live runner of `name` has applied the events up to `position` (a saga
   * waiting for the read models it consults); rejects when `signal` aborts first.
   */
  async reachedBy(name: string, position: AllPosition, signal?: AbortSignal): Promise<void> {
    const reached = this.runner(this.definition(name).name).reached(position);
    await (signal ? Promise.race([reached, this.stopped(signal)]) : reached);
  }

  /** One listener per subscriber's signal, however many of its events wait at once. */
  private stopped(signal: AbortSignal): Promise<never> {
    let stopped = this.stops.get(signal);
    if (!stopped) {
      stopped = new Promise<never>((_resolve, reject) => {
        const stop = () => reject(new Error('the subscriber stopped while waiting for a read model'));
        if (signal.aborted) stop();
        else signal.addEventListener('abort', stop, { once: true });
      });
      stopped.catch(() => undefined); // raced by every wait; nobody may be waiting when it rejects
      this.stops.set(signal, stopped);
    }
    return stopped;
  }

  /** Resolves when every live runner has applied the events up to `position` (tests, the bench). */
  async reached(position: AllPosition): Promise<void> {
    await Promise.all([...this.runners.values()].map((r) => r.reached(position)));
  }

  private async startProjection(def: ProjectionDefinition): Promise<void> {
    const active = await activeGeneration(this.sql, def.name);
    await dropStaleGenerations(this.sql, def);
    if (active && active.version === def.version) return this.runner(def.name).start(active.generation);
    if (active) {
      // The old copy stays readable, but the new logic does not run on the old tables.
      this.logger.info({ projection: def.name, from: active.version, to: def.version }, 'projection version changed: rebuilding');
      this.launch(def, active.generation);
      return;
    }
    const generation = await createGeneration(this.sql, def);
    await activateGeneration(this.sql, def, generation);
    this.runner(def.name).start(generation);
  }

  private observe(name: string, events: readonly RecordedEvent[]): void {
    const last = events[events.length - 1];
    this.metrics.subscriptionProcessed.inc({ subscriber: `projection.${name}` }, events.length);
    if (last) this.metrics.subscriptionLag.set({ subscriber: `projection.${name}` }, Math.max(0, Date.now() - Date.parse(last.metadata.recordedAt)) / 1000);
  }

  private definition(name: string): ProjectionDefinition {
    const def = this.definitions.find((d) => d.name === name);
    if (!def) throw new NotFoundException(problem(404, `no projection named ${name}; known: ${this.names().join(', ')}`));
    return def;
  }

  private runner(name: string): ProjectionRunner {
    return this.runners.get(name)!;
  }
}
