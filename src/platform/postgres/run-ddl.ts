import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Runs idempotent DDL (CREATE ... IF NOT EXISTS) under a transaction-scoped advisory lock
 * named after the schema (every DDL touching one schema must use the same name),
 * because two processes creating the same table at once can still collide in the catalog.
 */
export const runDdl = async (pool: pg.Pool, name: string, ddl: string): Promise<void> => {
  const lockKey = createHash('sha256').update(`trestle-ddl:${name}`).digest().readBigInt64BE(0);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [lockKey.toString()]);
    await client.query(ddl);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};
