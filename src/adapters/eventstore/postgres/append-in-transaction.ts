import type pg from 'pg';
import type { AppendResult, EventData, ExpectedRevision } from '../../../eventstore/index.js';
import { toBatchAppend } from './postgres-event-store.js';
import { writeBatch } from './write-batch.js';

/**
 * Appends inside a transaction the caller has opened on `client` and will commit or roll
 * back itself (outbox-style writes, and tests that hold transactions open). The stream row
 * stays locked until then, so keep the transaction short.
 */
export const appendInTransaction = async (
  client: pg.ClientBase, stream: string, events: readonly EventData[], expected: ExpectedRevision,
  options: { maxEventBytes?: number } = {},
): Promise<AppendResult> => {
  const { outcomes: [outcome] } = await writeBatch(client, [toBatchAppend(stream, events, expected, options.maxEventBytes)]);
  if (!outcome) throw new Error('writeBatch returned no outcome');
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
};
