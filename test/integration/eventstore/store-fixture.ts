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
  const url = (): string => {
    if (!db) throw new Error('the test database is not ready');
    return db.url;
  };
  return {
    url,
    openStore: async (options: Partial<PostgresEventStoreOptions> = {}): Promise<PostgresEventStore> => {
      const store = await createPostgresEventStore({ connectionString: url(), pollIntervalMs: 5, ...options });
      closers.push(() => store.close());
      return store;
    },
    connect: async (): Promise<pg.Client> => {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      closers.push(() => client.end());
      return client;
    },
  };
};
