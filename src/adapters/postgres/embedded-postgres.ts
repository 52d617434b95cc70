import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { serveOneSessionAtATime } from './pglite-session-queue.js';

export interface EmbeddedPostgres {
  /** A `postgres://` URL that `pg` (and TypeORM) connect to, exactly as to a server. */
  readonly connectionString: string;
  stop(): Promise<void>;
}

/**
 * PGlite (PostgreSQL compiled to WASM) behind a local socket, so the same `pg` code path
 * serves the embedded default and a real server. PGlite has one backend: connections take
 * turns, each keeping it for a whole query (Parse..Sync) or transaction, so a transaction on
 * one blocks the others; keep pools small, and never wait inside a transaction on a query
 * from another connection (it deadlocks here, unlike on a real server).
 */
export const startEmbeddedPostgres = async (options: { dataDir: string; port?: number }): Promise<EmbeddedPostgres> => {
  await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: 64 });
  // The library interleaves connections' protocol messages; see pglite-session-queue.ts.
  serveOneSessionAtATime(server, db);
  await server.start();
  // getServerConn() answers "host:port" once listening.
  const hostPort = server.getServerConn();
  return {
    connectionString: `postgres://postgres@${hostPort}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
};
