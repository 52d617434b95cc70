import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from '../../../src/platform/config/env.js';
import { prepareDemoData } from '../../../src/hub/demo-data.js';
import { createServerDatabase, type TestDatabase } from '../../support/databases.js';

/** The demo on a server database: the hub does not wipe it, so one that holds events is refused. */
describe('the demo on DATABASE_URL', () => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.dispose();
    db = undefined;
  });

  const withEvents = async (rows: number): Promise<string> => {
    db = await createServerDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query('CREATE SCHEMA eventstore; CREATE TABLE eventstore.events (id bigint)');
    for (let i = 0; i < rows; i++) await client.query('INSERT INTO eventstore.events VALUES ($1)', [i]);
    await client.end();
    return db.url;
  };

  it('refuses a database that holds events of an earlier run, naming DATABASE_URL', async () => {
    const env = loadEnv({ DATABASE_URL: await withEvents(1) });
    const refused = await prepareDemoData(env).then(() => undefined, (error: unknown) => error);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).message).toMatch(/DATABASE_URL: the database holds events of an earlier run/);
  });

  it('starts on a fresh database or one whose event table is empty', async () => {
    db = await createServerDatabase();
    expect(await prepareDemoData(loadEnv({ DATABASE_URL: db.url }))).toBeUndefined();
    await db.dispose();
    expect(await prepareDemoData(loadEnv({ DATABASE_URL: await withEvents(0) }))).toBeUndefined();
  });
});
