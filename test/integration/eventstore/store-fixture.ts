import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createPostgresEventStore, type PostgresEventStore, type PostgresEventStoreOptions } from '../../../src/adapters/eventstore/postgres/index.js';
import type { EventData } from '../../../src/eventstore/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/databases.js';

export const newEvent = (type = 'Tested.v1', data: unknown = {}): EventData => ({ id: randomUUID(), type, data });

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A fresh database for one describe block, plus helpers to open stores and raw
 * connections on it; everything opened is closed in afterAll.
 */
export const useDatabase = (kind: TestDatabase['kind']) => {
  let db: TestDatabase | undefined;
  const closers: Array<() => Promise<unknown>> = [];
  beforeAll(async () => { db = await createTestDatabase(kind); });
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await db?.dispose();
  });
  const ready = (): TestDatabase => {
    if (!db) throw new Error('the test database is not ready');
    return db;
  };
  const url = (): string => ready().url;
  const connectTo = async (connectionString: string): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString });
    await client.connect();
    closers.push(() => client.end());
    return client;
  };
  return {
    url,
    ownerUrl: (): string => ready().ownerUrl,
    /** The store as the hub runs it: the runtime role, migrated by the owner role. */
    openStore: async (options: Partial<PostgresEventStoreOptions> = {}): Promise<PostgresEventStore> => {
      const store = await createPostgresEventStore({
        connectionString: ready().runtimeUrl, migrationConnectionString: ready().ownerUrl, pollIntervalMs: 5, ...options,
      });
      closers.push(() => store.close());
      return store;
    },
    /** A superuser connection (embedded: the single role). */
    connect: (): Promise<pg.Client> => connectTo(url()),
    /** The events table's owner: what an attacker holding the migration credentials can do. */
    connectAsOwner: (): Promise<pg.Client> => connectTo(ready().ownerUrl),
    /** The hub's own runtime role. */
    connectAsRuntime: (): Promise<pg.Client> => connectTo(ready().runtimeUrl),
  };
};
