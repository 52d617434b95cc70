import { EventStoreInputError, type AllPosition, type CheckpointStore } from '../../../eventstore/index.js';
import type { Queryable } from './queryable.js';

const checkName = (subscriber: string): void => {
  if (typeof subscriber !== 'string' || subscriber.length === 0 || subscriber.includes('\u0000')) {
    throw new EventStoreInputError('INVALID_EVENT', 'a checkpoint needs a non-empty subscriber name');
  }
};

/** Named subscriber positions, committed with each save (durable across restarts). */
export const createCheckpointStore = (pool: Queryable): CheckpointStore => ({
  async load(subscriber: string): Promise<AllPosition | undefined> {
    checkName(subscriber);
    const { rows } = await pool.query<{ commit: string; prepare: string }>(
      'SELECT commit_position::text AS commit, prepare_position::text AS prepare FROM eventstore.checkpoints WHERE name = $1',
      [subscriber]);
    const row = rows[0];
    return row ? { commit: BigInt(row.commit), prepare: BigInt(row.prepare) } : undefined;
  },

  async save(subscriber: string, position: AllPosition): Promise<void> {
    checkName(subscriber);
    await pool.query(
      `INSERT INTO eventstore.checkpoints (name, commit_position, prepare_position) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE
       SET commit_position = excluded.commit_position, prepare_position = excluded.prepare_position, updated_at = now()`,
      [subscriber, String(position.commit), String(position.prepare)]);
  },
});
