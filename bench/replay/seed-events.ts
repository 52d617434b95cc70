import pg from 'pg';
import type { FlowEvent } from './invoice-flow.js';
import { mixedLedger } from './mixed-ledger.js';

/** The template connection's name: distinctive, so replacing it in copies touches nothing else. */
const TEMPLATE = 'zqx0';
const CHUNK = 2000;

const INSERT = `INSERT INTO eventstore.events (stream_name, revision, event_id, event_type, data, metadata, recorded_at, hash)
  SELECT s, r, i, t, d::json, m::json, now(), repeat('0', 64)
  FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::text[]) AS u(s, r, i, t, d, m)`;

const insertTemplate = async (sql: pg.Client, events: readonly FlowEvent[]): Promise<void> => {
  const revisions = new Map<string, number>();
  for (let i = 0; i < events.length; i += CHUNK) {
    const part = events.slice(i, i + CHUNK);
    const revs = part.map((e) => {
      const next = (revisions.get(e.stream) ?? -1) + 1;
      revisions.set(e.stream, next);
      return next;
    });
    await sql.query(INSERT, [part.map((e) => e.stream), revs, part.map((e) => e.id), part.map((e) => e.type),
      part.map((e) => JSON.stringify(e.data)), part.map((e) => JSON.stringify(e.metadata))]);
  }
};

/** A copy of the template under another connection: every name, reference and marker renamed in the database. */
const COPY = `INSERT INTO eventstore.events (stream_name, revision, event_id, event_type, data, metadata, recorded_at, hash)
  SELECT replace(stream_name, '${TEMPLATE}', $1), revision, gen_random_uuid(), event_type,
         replace(data::text, '${TEMPLATE}', $1)::json, replace(metadata::text, '${TEMPLATE}', $1)::json, now(), hash
  FROM eventstore.events WHERE stream_name LIKE '${TEMPLATE}.%' ORDER BY global_position LIMIT $2`;

/**
 * `total` events straight into the events table (INSERT is what the append-only trigger
 * allows; hashes are placeholders: the bench does not verify). One connection's realistic
 * mix is generated in Node, then copied in SQL under other connection names: tenants
 * with the same shape of traffic, quickly.
 */
export const seedEvents = async (url: string, total: number, perConnection = 20_000): Promise<{ connections: number }> => {
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  try {
    const size = Math.min(total, perConnection);
    const template: FlowEvent[] = [];
    for (let n = Math.ceil(size / 10); template.length < size; n *= 2) template.splice(0, template.length, ...mixedLedger(n, TEMPLATE, 4));
    await insertTemplate(sql, template.slice(0, size));
    let connections = 1;
    for (let left = total - size; left > 0; left -= size) await sql.query(COPY, [`c${String(connections++).padStart(3, '0')}`, Math.min(size, left)]);
    await sql.query('ANALYZE eventstore.events');
    return { connections };
  } finally {
    await sql.end();
  }
};
