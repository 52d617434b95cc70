import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadEnv } from '../../../src/platform/config/env.js';
import { startTrestle, type Trestle, type TrestleOptions } from '../../../src/hub/trestle.js';
import { createTestDatabase, type TestDatabase } from '../../support/databases.js';

export interface ConfigTrestle {
  readonly trestle: Trestle;
  readonly url: string;
  readonly db: TestDatabase;
  /** The folder holding trestle.yaml and the files the test wrote beside it. */
  readonly dir: string;
  close(): Promise<void>;
}

/** A folder with `trestle.yaml` (and any other files, e.g. a mapping) written as a customer would. */
export const writeConfigFolder = async (config: unknown, files: Readonly<Record<string, string>> = {}): Promise<{ dir: string; file: string }> => {
  const dir = await mkdtemp(join(tmpdir(), 'trestle-config-'));
  const file = join(dir, 'trestle.yaml');
  await writeFile(file, typeof config === 'string' ? config : stringify(config));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return { dir, file };
};

/**
 * The whole hub started the way an operator starts it: TRESTLE_CONFIG pointing at a YAML file,
 * TRESTLE_SECRET_KEY set, on a fresh database of the chosen backend. No demo, no sandboxes of
 * its own: whatever the file's connections point at.
 */
export const startConfigTrestle = async (
  config: unknown, env: Readonly<Record<string, string>> = {}, options: TrestleOptions & { files?: Readonly<Record<string, string>>; db?: TestDatabase } = {},
): Promise<ConfigTrestle> => {
  const { dir, file } = await writeConfigFolder(config, options.files);
  const db = options.db ?? await createTestDatabase((process.env.TRESTLE_TEST_BACKEND as 'server' | 'embedded' | undefined) === 'embedded' ? 'embedded' : 'server');
  try {
    const hubEnv = loadEnv({
      PORT: '0', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATABASE_URL: db.url, TRESTLE_DATA_DIR: dir,
      TRESTLE_CONFIG: file, TRESTLE_SECRET_KEY: '44'.repeat(32), ...env,
    });
    const trestle = await startTrestle(hubEnv, options);
    return {
      trestle, url: trestle.hub.url, db, dir,
      close: async () => {
        await trestle.close();
        if (!options.db) await db.dispose();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (!options.db) await db.dispose();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
};
