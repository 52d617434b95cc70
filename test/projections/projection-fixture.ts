import { afterAll, beforeAll } from 'vitest';
import { DataSource } from 'typeorm';
import { createPostgresEventStore, type PostgresEventStore } from '../../src/adapters/eventstore/postgres/index.js';
import type { AllPosition, RecordedEvent } from '../../src/eventstore/index.js';
import { activateGeneration, createGeneration, ensureGenerationsTable } from '../../src/projections/engine/generations.js';
import type { ProjectionDb, ProjectionDefinition } from '../../src/projections/engine/projection.js';
import { ProjectionRunner } from '../../src/projections/engine/projection-runner.js';
import { Rebuild } from '../../src/projections/engine/rebuild.js';
import { projectionsDataSourceOptions } from '../../src/projections/projections-db.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

export interface ProjectionFixture {
  readonly store: PostgresEventStore;
  readonly db: DataSource;
  readonly sql: ProjectionDb;
  /** Creates and activates a first generation and starts its live runner. */
  live(def: ProjectionDefinition): Promise<ProjectionRunner>;
  rebuild(def: ProjectionDefinition, runner: ProjectionRunner): Promise<Rebuild>;
  readAllEvents(): Promise<RecordedEvent[]>;
  /** Waits until every live runner has applied the events up to `position`. */
  reached(position: AllPosition): Promise<void>;
}

/** A store, the read models' DataSource and live runners on a fresh database of one backend. */
export const useProjectionFixture = (kind: TestDatabase['kind']) => {
  let database: TestDatabase | undefined;
  let fixture: ProjectionFixture | undefined;
  const runners: ProjectionRunner[] = [];
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const store = await createPostgresEventStore({ connectionString: database.url, pollIntervalMs: 5 });
    const db = await new DataSource(await projectionsDataSourceOptions(database.url)).initialize();
    const sql = db as unknown as ProjectionDb;
    await ensureGenerationsTable(sql);
    fixture = {
      store, db, sql,
      live: async (def) => {
        const generation = await createGeneration(sql, def);
        await activateGeneration(sql, def, generation);
        const runner = new ProjectionRunner(store, sql, def, { idleMs: 10 });
        runner.start(generation);
        runners.push(runner);
        return runner;
      },
      rebuild: async (def, runner) => {
        const job = new Rebuild(store, sql, def, {
          expectedEvents: runner.status().events, previousGeneration: runner.status().generation,
          pauseLive: () => runner.stop(), resumeLive: (g) => runner.start(g), retire: async () => undefined,
        }, { pageSize: 97, flushAt: 400, writeBehindAt: 30 });
        await job.run();
        return job;
      },
      reached: async (position) => { await Promise.all(runners.map((r) => r.reached(position))); },
      readAllEvents: async () => {
        const all: RecordedEvent[] = [];
        for (let after: AllPosition | undefined, page = await store.readAll(); page.length > 0; page = await store.readAll({ after })) {
          all.push(...page);
          after = page[page.length - 1]!.position;
        }
        return all;
      },
    };
  }, 180_000); // liveness only: a fresh database on a busy machine
  afterAll(async () => {
    for (const runner of runners) await runner.stop();
    await fixture?.db.destroy();
    await fixture?.store.close();
    await database?.dispose();
  });
  return (): ProjectionFixture => {
    if (!fixture) throw new Error('the fixture is not ready');
    return fixture;
  };
};
