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
      // As the hub runs on a server: the runtime role, migrated and granted by the owner role.
      const store = await createPostgresEventStore({
        connectionString: db.runtimeUrl, migrationConnectionString: db.ownerUrl, upcasters: options?.upcasters, pollIntervalMs: 10,
      });
      return { store, dispose: () => store.close() };
    });
  });
}
