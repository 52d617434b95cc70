/**
 * The baseline of bench:ingest, run as its own process like the hub: the least a webhook
 * endpoint can do durably. A plain Node HTTP server that reads the body, parses it and does
 * one INSERT per request (a pool of 10 connections). It prints one line once it listens.
 */
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query('CREATE TABLE IF NOT EXISTS notices (id bigserial PRIMARY KEY, notice_id text UNIQUE NOT NULL, body jsonb NOT NULL)');

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ulid: string };
    pool.query('INSERT INTO notices (notice_id, body) VALUES ($1, $2) ON CONFLICT (notice_id) DO NOTHING', [body.ulid, body]).then(
      () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":1}'),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
