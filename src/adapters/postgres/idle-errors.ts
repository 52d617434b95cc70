import type pg from 'pg';

/**
 * When the server goes away, pg-pool emits 'error' for each idle connection it loses, and an
 * 'error' event with no listener ends the process. The pool has already dropped that
 * connection and opens a new one for the next query; whoever waits on the database notices
 * the outage through their own queries (and StoreAvailability logs it once).
 */
export const surviveIdleErrors = (pool: pg.Pool): pg.Pool => {
  pool.on('error', () => undefined);
  return pool;
};
