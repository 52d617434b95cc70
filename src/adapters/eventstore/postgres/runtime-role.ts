import type pg from 'pg';
import type { Queryable } from './queryable.js';

export const currentRole = async (db: Queryable): Promise<string> =>
  (await db.query<{ role: string }>('SELECT current_user AS role')).rows[0]!.role;

/**
 * Why the store's own role could rewrite history (it owns the events table, or is a
 * superuser), or undefined when it can only append and read.
 */
export const historyRewriteRisk = async (db: Queryable): Promise<string | undefined> => {
  const { rows } = await db.query<{ role: string; superuser: boolean; owns: boolean }>(
    `SELECT current_user AS role, r.rolsuper AS superuser, pg_has_role(current_user, c.relowner, 'MEMBER') AS owns
     FROM pg_catalog.pg_roles r, pg_catalog.pg_class c
     WHERE r.rolname = current_user AND c.oid = 'eventstore.events'::regclass`);
  const row = rows[0];
  if (!row) return undefined;
  if (row.superuser) return `the hub's database role ${row.role} is a superuser: it can switch off the append-only triggers and rewrite events`;
  if (row.owns) return `the hub's database role ${row.role} owns eventstore.events: it can switch off the append-only triggers; run migrations as another role (DATABASE_MIGRATION_URL)`;
  return undefined;
};

/** Owner connection for migrations only: closed again before the hub serves anything. */
export const withOwnerPool = async <T>(PoolClass: typeof pg.Pool, connectionString: string, work: (owner: pg.Pool) => Promise<T>): Promise<T> => {
  const owner = new PoolClass({ connectionString, max: 1 });
  owner.on('error', () => undefined);
  try {
    return await work(owner);
  } finally {
    await owner.end();
  }
};
