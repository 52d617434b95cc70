import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { ConfigError, type HubEnv } from '../platform/config/env.js';
import { EMBEDDED_FOLDER, PGLITE_FOLDER } from '../adapters/eventstore/embedded/embedded-postgres.js';

/** Written into the data folder by every demo run: only a folder carrying it may be reset. */
export const DEMO_MARKER = 'demo-run.json';
/** Where the previous demo run's files go (replacing the run before it). */
export const PREVIOUS_RUN = 'previous-demo-run';

const entriesOf = async (dir: string): Promise<string[]> => {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
};

/** The embedded store's folder is moved aside with everything else the run wrote (key file, audit anchors). */
const resetEmbedded = async (env: HubEnv): Promise<string | undefined> => {
  const dir = resolve(env.dataDir);
  const entries = await entriesOf(dir);
  const leftovers = entries.filter((name) => name !== DEMO_MARKER && name !== PREVIOUS_RUN);
  let notice: string | undefined;
  // An earlier version's demo kept its store in PGlite's folder: moved aside the same way.
  if (leftovers.includes(EMBEDDED_FOLDER) || leftovers.includes(PGLITE_FOLDER)) {
    if (!entries.includes(DEMO_MARKER)) {
      throw new ConfigError([`TRESTLE_DATA_DIR (${dir}): holds a hub's data that no demo run wrote. The demo's sandboxes start empty on every run, so it only runs on a folder of its own: set TRESTLE_DATA_DIR to another folder, run your connections with TRESTLE_CONFIG, or delete the folder if it is an old demo run`]);
    }
    const previous = join(dir, PREVIOUS_RUN);
    await rm(previous, { recursive: true, force: true });
    await mkdir(previous);
    for (const name of leftovers) await rename(join(dir, name), join(previous, name));
    notice = `Demo mode: the sandboxes start empty on every run, so the previous demo run's data was moved to ${previous} and the hub starts afresh with them (the sample story plays again).`;
  }
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, DEMO_MARKER), `${JSON.stringify({ demo: true, note: 'written by the demo; the next demo run moves this folder\'s data aside' })}\n`);
  return notice;
};

/** A server database is not the hub's to wipe: the demo refuses one that already holds events. */
const refuseUsedServer = async (databaseUrl: string): Promise<void> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query<{ found: string | null }>("SELECT to_regclass('eventstore.events')::text AS found");
    if (!table.rows[0]?.found) return;
    const used = await client.query<{ used: boolean }>('SELECT EXISTS (SELECT 1 FROM eventstore.events) AS used');
    if (used.rows[0]?.used) {
      throw new ConfigError(['DATABASE_URL: the database holds events of an earlier run, while the demo\'s sandboxes start empty on every run, so their states would disagree. The hub does not wipe a server database: point DATABASE_URL at an empty database, or run your connections with TRESTLE_CONFIG']);
    }
  } finally {
    await client.end();
  }
};

/**
 * The demo's sandboxes live in memory and restart empty, while the hub's store remembers the
 * last run: left alone, a second start parks every document against the empty sandboxes.
 * So the demo starts hub and sandboxes afresh together: the embedded store of an earlier demo
 * run is moved aside (the returned notice says so); a server database with events is refused.
 * EventStoreDB is not checked (it has no cheap "any events?" question). Returns the notice.
 */
export const prepareDemoData = async (env: HubEnv): Promise<string | undefined> => {
  if (env.databaseUrl) {
    await refuseUsedServer(env.databaseUrl);
    return undefined;
  }
  return resetEmbedded(env);
};
