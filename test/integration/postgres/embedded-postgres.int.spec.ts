import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/platform/config/env.js';
import { embeddedDataDir, startEmbeddedPostgres, type EmbeddedPostgres } from '../../../src/adapters/eventstore/embedded/embedded-postgres.js';
import { embeddedClusterCopy } from '../../support/databases.js';

const connect = async (url: string): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
};

const count = async (client: pg.Client): Promise<number> =>
  (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM kept')).rows[0]!.n;

const refusesConnections = (url: string): Promise<boolean> =>
  connect(url).then(async (client) => {
    await client.end();
    return false;
  }, () => true);

describe('embedded PostgreSQL (a real server from the embedded-postgres package)', () => {
  let cluster: { root: string; data: string };
  let embedded: EmbeddedPostgres | undefined;

  beforeAll(async () => {
    cluster = await embeddedClusterCopy();
    embedded = await startEmbeddedPostgres({ dataDir: cluster.data });
  });

  afterAll(async () => {
    await embedded?.stop();
    await rm(cluster.root, { recursive: true, force: true });
  });

  it('runs transactions of several connections at once and carries LISTEN/NOTIFY between them', async () => {
    const url = embedded!.connectionString;
    const [writer, reader, listener] = await Promise.all([connect(url), connect(url), connect(url)]);
    try {
      await writer.query('CREATE TABLE kept (n int PRIMARY KEY)');
      await writer.query('BEGIN');
      await writer.query('INSERT INTO kept VALUES (1)');
      // PGlite's single backend made this wait for the writer's COMMIT; a server answers at once.
      expect(await count(reader)).toBe(0);
      await writer.query('COMMIT');
      expect(await count(reader)).toBe(1);

      await listener.query('LISTEN kept_changed');
      const heard = new Promise<string | undefined>((resolve) => listener.once('notification', (message) => resolve(message.payload)));
      await reader.query("SELECT pg_notify('kept_changed', 'from another connection')");
      expect(await heard).toBe('from another connection');
    } finally {
      await Promise.all([writer.end(), reader.end(), listener.end()]);
    }
  });

  it('keeps its data across a stop and a start on the same folder, and stops for good', async () => {
    const before = embedded!.connectionString;
    await embedded!.stop();
    embedded = undefined;
    expect(await refusesConnections(before)).toBe(true);

    embedded = await startEmbeddedPostgres({ dataDir: cluster.data });
    const client = await connect(embedded.connectionString);
    try {
      expect(await count(client)).toBe(1);
    } finally {
      await client.end();
    }
  });

  it('stops the server a killed hub left on the folder, then starts on the same data', async () => {
    // Not stopped: as when the hub is killed, its server goes on holding the folder.
    const left = embedded!;
    embedded = await startEmbeddedPostgres({ dataDir: cluster.data });
    expect(await refusesConnections(left.connectionString)).toBe(true);
    const client = await connect(embedded.connectionString);
    try {
      expect(await count(client)).toBe(1);
    } finally {
      await client.end();
    }
  });
});

describe('the embedded cluster\'s folder in the hub\'s data folder', () => {
  it('refuses a data folder that holds only an earlier version\'s PGlite store, naming TRESTLE_DATA_DIR', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trestle-old-data-'));
    try {
      await mkdir(join(dir, 'pglite'));
      expect(() => embeddedDataDir(dir)).toThrow(ConfigError);
      expect(() => embeddedDataDir(dir)).toThrow(/TRESTLE_DATA_DIR .*pglite.*does not read/);
      await mkdir(join(dir, 'postgres'));
      expect(embeddedDataDir(dir)).toBe(join(dir, 'postgres'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
