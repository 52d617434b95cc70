import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** A `postgres://` URL that `pg` (and TypeORM) connect to, exactly as to a server. */
  readonly connectionString: string;
  stop(): Promise<void>;
}

/**
 * PGlite (PostgreSQL compiled to WASM) behind a local socket, so the same `pg` code path
 * serves the embedded default and a real server. PGlite has one backend: connections are
 * served one at a time and a transaction on one blocks the others; keep pools small.
 */
export const startEmbeddedPostgres = async (options: { dataDir: string; port?: number }): Promise<EmbeddedPostgres> => {
  await mkdir(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: 64 });
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
