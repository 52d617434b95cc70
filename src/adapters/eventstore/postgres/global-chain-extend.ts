import type pg from 'pg';
import { GLOBAL_GENESIS, globalLink, type GlobalChainHead } from '../../../eventstore/index.js';
import { CHAIN_EVENT_COLUMNS, LINK_COLUMNS, rowAt, toChainEntry, type ChainEventRow, type StoredLinkRow } from './global-chain-rows.js';

const WINDOW = 1000;
/** Serialises extensions by several hub processes on one database. */
const CHAIN_LOCK_KEY = '7305186420173912';

const headOf = (row: StoredLinkRow | undefined): GlobalChainHead => row
  ? { events: Number(row.seq), link: row.link, last: { position: rowAt(row), streamName: row.stream_name, revision: Number(row.revision), eventId: row.event_id } }
  : { events: 0, link: GLOBAL_GENESIS, last: null };

// Below pg_snapshot_xmin only, like subscriptions: a transaction still in flight can never
// commit an event behind the chain's head later.
const NEXT_EVENTS = `SELECT ${CHAIN_EVENT_COLUMNS} FROM eventstore.events
  WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
    AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY transaction_id, global_position LIMIT ${WINDOW}`;

const INSERT_LINKS = `INSERT INTO eventstore.audit_chain (seq, commit_position, prepare_position, stream_name, revision, event_id, link)
  SELECT * FROM unnest($1::bigint[], $2::xid8[], $3::bigint[], $4::text[], $5::bigint[], $6::uuid[], $7::text[])`;

/** Chains one window of events after the stored head, in one transaction. */
const extendWindow = async (client: pg.PoolClient, key: Buffer): Promise<{ head: GlobalChainHead; added: number }> => {
  await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [CHAIN_LOCK_KEY]);
  const stored = (await client.query<StoredLinkRow>(`SELECT ${LINK_COLUMNS} FROM eventstore.audit_chain ORDER BY seq DESC LIMIT 1`)).rows[0];
  let head = headOf(stored);
  const after = head.last?.position ?? { commit: -1n, prepare: -1n };
  // xid8 has no negative values: start below the first real transaction id.
  const { rows } = await client.query<ChainEventRow>(NEXT_EVENTS, [after.commit < 0n ? '0' : String(after.commit), String(after.prepare)]);
  if (rows.length === 0) return { head, added: 0 };
  const columns: string[][] = [[], [], [], [], [], [], []];
  for (const row of rows) {
    const link = globalLink(key, head.link, toChainEntry(row));
    head = { events: head.events + 1, link, last: { position: rowAt(row), streamName: row.stream_name, revision: Number(row.revision), eventId: row.event_id } };
    [String(head.events), row.commit, row.prepare, row.stream_name, String(row.revision), row.event_id, link].forEach((v, i) => columns[i]!.push(v));
  }
  await client.query(INSERT_LINKS, columns);
  return { head, added: rows.length };
};

const inTransaction = async <T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
};

/** The newest committed transaction that wrote events, as this call sees them. */
const visibleEnd = async (pool: pg.Pool): Promise<bigint | undefined> => {
  const { rows } = await pool.query<{ commit: string | null }>('SELECT max(transaction_id)::text AS commit FROM eventstore.events');
  return rows[0]?.commit ? BigInt(rows[0].commit) : undefined;
};

/**
 * Chains every committed event not chained yet and returns the new head: work grows with new
 * events only. Waits (up to `settleMs`) while a transaction still in flight anywhere on the
 * server holds the no-skip bound below events already visible, so an anchor taken now covers them.
 */
export const extendGlobalChain = async (pool: pg.Pool, key: Buffer, settleMs = 10_000): Promise<GlobalChainHead> => {
  const target = await visibleEnd(pool);
  const deadline = Date.now() + settleMs;
  for (;;) {
    const { head, added } = await inTransaction(pool, (client) => extendWindow(client, key));
    if (added === WINDOW) continue;
    const reached = target === undefined || (head.last !== null && head.last.position.commit >= target);
    if (reached || Date.now() >= deadline) return head;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};
