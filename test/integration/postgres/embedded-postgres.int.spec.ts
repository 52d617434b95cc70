import { rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../../src/adapters/postgres/embedded-postgres.js';
import { embeddedDataDir } from '../../support/databases.js';

// PGlite has one backend; its socket server shares it among connections. Before the fix in
// embedded-postgres.ts a message from one connection could land inside another's
// Parse/Bind/Execute/Sync or open transaction: 26000 "unnamed prepared statement does not
// exist", rows seen or rolled back by the wrong transaction, or a wedged queue.
// A fixed amount of work, not a time box: how much fits in a few seconds depends on the machine.
const WORKERS = 4;
const ROUNDS = 16;
// Liveness bounds only (a wedged queue never answers; a busy machine answers late).
const QUERY_TIMEOUT_MS = 30_000;

const frame = (type: string, body: string): Buffer => {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, Buffer.from(body, 'latin1')]);
};

const within = <T>(ms: number, what: string, promise: Promise<T>): Promise<T> =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms).unref())]);

describe('embedded PostgreSQL (PGlite behind its socket)', () => {
  let dir: string;
  let embedded: EmbeddedPostgres;

  beforeAll(async () => {
    dir = await embeddedDataDir();
    embedded = await startEmbeddedPostgres({ dataDir: dir });
  });

  afterAll(async () => {
    // Bounded: a wedged queue must fail the test, not hang the run.
    await within(10_000, 'stop', embedded.stop()).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('serves concurrent connections\' transactions and extended queries as if each had its own backend', async () => {
    const setup = new pg.Client({ connectionString: embedded.connectionString });
    await setup.connect();
    await setup.query('CREATE TABLE rows_by_worker (worker int NOT NULL, seq int NOT NULL, PRIMARY KEY (worker, seq))');
    await setup.end();

    const committed = new Set<string>();
    const unexpected: string[] = [];
    let deliberateFailures = 0;

    const work = async (worker: number): Promise<number> => {
      const client = new pg.Client({ connectionString: embedded.connectionString, query_timeout: QUERY_TIMEOUT_MS });
      await client.connect();
      const count = async (): Promise<number> =>
        (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM rows_by_worker WHERE worker = $1', [worker])).rows[0]!.n;
      const mine = (): number => [...committed].filter((key) => key.startsWith(`${worker}:`)).length;
      let seq = 0;
      let rounds = 0;
      try {
        while (rounds < ROUNDS) {
          rounds++;
          switch (rounds % 4) {
            case 0: { // a committed transaction sees its own row, then keeps it
              const s = ++seq;
              await client.query('BEGIN');
              await client.query('INSERT INTO rows_by_worker (worker, seq) VALUES ($1, $2)', [worker, s]);
              expect(await count()).toBe(mine() + 1);
              await client.query('COMMIT');
              committed.add(`${worker}:${s}`);
              break;
            }
            case 1: { // a rolled-back transaction leaves nothing
              const s = ++seq;
              await client.query('BEGIN');
              await client.query('INSERT INTO rows_by_worker (worker, seq) VALUES ($1, $2)', [worker, s]);
              expect(await count()).toBe(mine() + 1);
              await client.query('ROLLBACK');
              break;
            }
            case 2: { // extended protocol outside a transaction
              const s = ++seq;
              const { rows } = await client.query<{ sum: number }>('SELECT $1::int + $2::int AS sum', [worker, s]);
              expect(rows[0]!.sum).toBe(worker + s);
              await client.query('INSERT INTO rows_by_worker (worker, seq) VALUES ($1, $2)', [worker, s]);
              committed.add(`${worker}:${s}`);
              expect(await count()).toBe(mine());
              break;
            }
            default: { // a statement fails inside a transaction, which is then rolled back
              const s = ++seq;
              await client.query('BEGIN');
              await client.query('INSERT INTO rows_by_worker (worker, seq) VALUES ($1, $2)', [worker, s]);
              const error = await client.query('INSERT INTO rows_by_worker (worker, seq) VALUES ($1, $2)', [worker, s]).then(() => undefined, (e: unknown) => e);
              expect(error).toMatchObject({ code: '23505' });
              deliberateFailures++;
              await expect(client.query('SELECT 1')).rejects.toMatchObject({ code: '25P02' });
              await client.query('ROLLBACK');
              expect(await count()).toBe(mine());
            }
          }
        }
      } catch (error) {
        unexpected.push(`worker ${worker}, round ${rounds}: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        await within(2_000, 'end', client.end()).catch(() => undefined);
      }
      return rounds;
    };

    const rounds = await within(4 * QUERY_TIMEOUT_MS, 'workers', Promise.all(Array.from({ length: WORKERS }, (_, i) => work(i + 1))));
    expect(unexpected).toEqual([]);
    expect(deliberateFailures).toBe(WORKERS * ROUNDS / 4);
    expect(rounds).toEqual(Array(WORKERS).fill(ROUNDS));

    const check = new pg.Client({ connectionString: embedded.connectionString, query_timeout: QUERY_TIMEOUT_MS });
    await check.connect();
    try {
      const { rows } = await check.query<{ worker: number; seq: number }>('SELECT worker, seq FROM rows_by_worker');
      expect(new Set(rows.map((r) => `${r.worker}:${r.seq}`))).toEqual(committed);
    } finally {
      await check.end();
    }
  }, 180_000);

  it('frees the backend from a connection that sits idle or drops inside a transaction', async () => {
    const connect = async (): Promise<pg.Client> => {
      const client = new pg.Client({ connectionString: embedded.connectionString, query_timeout: QUERY_TIMEOUT_MS });
      client.on('error', () => undefined); // the dropped one
      await client.connect();
      return client;
    };
    const idle = await connect();
    const dropped = await connect();
    const other = await connect();
    try {
      await other.query('CREATE TABLE dropped_rows (id int PRIMARY KEY)');
      await dropped.query('BEGIN');
      await dropped.query('INSERT INTO dropped_rows (id) VALUES ($1)', [1]);
      // Parse and Bind but no Sync, then the socket goes: its backend is mid-sequence inside a transaction.
      const socket = (dropped as unknown as { connection: { stream: { write(bytes: Buffer): void; destroy(): void } } }).connection.stream;
      socket.write(Buffer.concat([frame('P', '\0SELECT 1\0\0\0'), frame('B', '\0\0\0\0\0\0\0\0')]));
      socket.destroy();
      const { rows } = await other.query<{ n: number }>('SELECT count(*)::int AS n FROM dropped_rows WHERE id = $1', [1]);
      expect(rows[0]!.n).toBe(0);
      expect((await idle.query<{ one: number }>('SELECT $1::int AS one', [1])).rows[0]!.one).toBe(1);
    } finally {
      await Promise.all([idle.end(), other.end(), dropped.end().catch(() => undefined)]);
    }
  }, 120_000);
});
