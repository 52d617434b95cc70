import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConnectionError } from '../../../src/platform/postgres/connection-errors.js';
import { surviveConnectionLoss } from '../../../src/platform/postgres/connection-loss.js';
import { createServerDatabase, type TestDatabase } from '../../support/databases.js';

/** Ends one backend of ours, as a server shutdown ends them all (the shared server itself is never stopped). */
const terminate = async (url: string, pid: number): Promise<void> => {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
  } finally {
    await admin.end();
  }
};

const waitFor = async (what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('a pool whose connections are killed under it', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createServerDatabase();
  });
  afterAll(async () => {
    await db?.dispose();
  });

  // Without a listener, the 'error' of a checked-out connection is an uncaught exception: the run would fail here.
  it('survives a checked-out connection (a transaction) dying, and the next query reconnects', async () => {
    const pool = surviveConnectionLoss(new pg.Pool({ connectionString: db.url, max: 1 }));
    try {
      const client = await pool.connect();
      await client.query('BEGIN');
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // 'end' comes after the connection's 'error' was emitted (listening to 'end' does not catch that).
      const ended = new Promise((resolve) => client.once('end', resolve));
      await terminate(db.url, rows[0]!.pid);
      await ended;
      const failed = await client.query('SELECT 1').then(() => undefined, (error: unknown) => error);
      expect(isConnectionError(failed)).toBe(true);
      client.release(failed as Error);

      const again = await pool.query<{ one: number }>('SELECT 1 AS one');
      expect(again.rows[0]!.one).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('survives an idle connection dying', async () => {
    const pool = surviveConnectionLoss(new pg.Pool({ connectionString: db.url, max: 1 }));
    let poolErrors = 0;
    pool.on('error', () => poolErrors++);
    try {
      const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await terminate(db.url, rows[0]!.pid);
      await waitFor('the pool to drop the dead connection', () => poolErrors > 0);
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    } finally {
      await pool.end();
    }
  });
});
