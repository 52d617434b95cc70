import type pg from 'pg';

const ignore = (): void => undefined;

/**
 * When the server goes away, node-postgres emits 'error' on every connection it loses, and
 * an 'error' event with no listener ends the process. pg-pool listens only while a
 * connection is idle (then re-emits on the pool) and pool.query() while its query runs, so a
 * connection checked out with pool.connect() (a transaction) had nobody listening. The error
 * still reaches every query in flight, and a dead connection is dropped on release; whoever
 * waits on the database notices through their own queries (and StoreAvailability logs it once).
 */
export const surviveConnectionLoss = (pool: pg.Pool): pg.Pool => {
  pool.on('error', ignore);
  pool.on('connect', (client) => client.on('error', ignore));
  return pool;
};
