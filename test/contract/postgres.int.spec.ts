import { afterAll, beforeAll, describe } from 'vitest';
import { createPostgresEventStore } from '../../src/adapters/eventstore/postgres/index.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../support/databases.js';
import { describeEventStoreContract } from './event-store.contract.js';

for (const kind of testBackends()) {
  describe(`PostgreSQL event store on ${kind}`, () => {
    let db: TestDatabase | undefined;
    beforeAll(async () => { db = await createTestDatabase(kind); });
    afterAll(async () => { await db?.dispose(); });

    describeEventStoreContract(`postgres (${kind})`, async (options) => {
      if (!db) throw new Error('no test database');
      const store = await createPostgresEventStore({ connectionString: db.url, upcasters: options?.upcasters, pollIntervalMs: 10 });
      return { store, dispose: () => store.close() };
    });
  });
}
