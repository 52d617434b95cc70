import pg from 'pg';
import { createInboundTables, KnownObjects } from '../../src/adapters/pipeline/inbound/state/inbound-tables.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

/** The hub's record of the objects it wrote, on a fresh database; `close` also closes the sandbox it serves. */
export interface KnownObjectsBeside {
  readonly known: KnownObjects;
  close(): Promise<void>;
}

/**
 * KnownObjects on a fresh test database of the backend under test, for a harness that drives a
 * system's outbound code against its sandbox: on a failed start the sandbox is closed too.
 */
export const knownObjectsBeside = async (sandbox: { close(): Promise<void> }): Promise<KnownObjectsBeside> => {
  let db: TestDatabase | undefined;
  try {
    db = await createTestDatabase(process.env.TRESTLE_TEST_BACKEND === 'embedded' ? 'embedded' : 'server');
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    await createInboundTables(pool);
    const database = db;
    return {
      known: new KnownObjects(pool),
      close: async () => {
        await sandbox.close();
        await pool.end();
        await database.dispose();
      },
    };
  } catch (error) {
    await sandbox.close();
    await db?.dispose();
    throw error;
  }
};
