import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startDemoSandboxes, type DemoSandboxes } from '../../../sandbox/demo-sandboxes.js';
import { loadEnv } from '../../../src/platform/config/env.js';
import { projectRoot } from '../../../src/platform/config/project-root.js';
import type { EventStore } from '../../../src/eventstore/index.js';
import { startTrestle, type Trestle } from '../../../src/hub/trestle.js';
import { createTestDatabase, type TestDatabase } from '../../support/databases.js';
import { freePort } from './hub-process.js';

const FAST_RETRIES = { timeoutMs: 5000, retryDelayMs: (attempt: number) => (attempt < 20 ? 100 * attempt : undefined) };

export interface RestartableTrestle {
  readonly sandboxes: DemoSandboxes;
  /** The hub running now (undefined between `stopHub` and `startHub`). */
  readonly hub: Trestle | undefined;
  store(): EventStore;
  /** Closes the hub as a shutdown would: subscriptions stop where they are, calls in flight are abandoned. */
  stopHub(): Promise<void>;
  /** A new hub on the same database, port and sandboxes: webhooks keep reaching it. */
  startHub(): Promise<void>;
  close(): Promise<void>;
}

/** The demo connection as a TRESTLE_CONFIG file, pointing at sandboxes that outlive the hub. */
const writeConfig = async (sandboxes: DemoSandboxes, dir: string): Promise<string> => {
  const { name, ...connection } = sandboxes.config.connections[0]!;
  const file = join(dir, 'trestle.yaml');
  await writeFile(file, stringify({ connections: { [name]: { ...connection, mappingFile: join(projectRoot(), 'config/mapping.sample.yaml') } } }));
  return file;
};

/**
 * The whole hub (startTrestle, from a config file) over sandboxes and a database that survive
 * it, so a test can stop the hub mid-flight and start another that takes over where it stopped.
 */
export const startRestartableTrestle = async (): Promise<RestartableTrestle> => {
  const sandboxes = await startDemoSandboxes({ webhookPolicy: FAST_RETRIES });
  const db: TestDatabase = await createTestDatabase((process.env.TRESTLE_TEST_BACKEND as 'server' | 'embedded' | undefined) === 'embedded' ? 'embedded' : 'server');
  const dir = await mkdtemp(join(tmpdir(), 'trestle-restart-'));
  const port = await freePort();
  const env = loadEnv({
    PORT: String(port), LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATABASE_URL: db.url, TRESTLE_DATA_DIR: dir,
    TRESTLE_CONFIG: await writeConfig(sandboxes, dir), TRESTLE_SECRET_KEY: '22'.repeat(32),
  });
  let hub: Trestle | undefined = await startTrestle(env, { story: false });
  await sandboxes.connectWebhooks(hub.hub.url);
  return {
    sandboxes,
    get hub() { return hub; },
    store: () => {
      if (!hub) throw new Error('no hub is running');
      return hub.hub.storage.store;
    },
    stopHub: async () => {
      await hub?.close();
      hub = undefined;
    },
    startHub: async () => {
      hub ??= await startTrestle(env, { story: false });
    },
    close: async () => {
      await hub?.close();
      await sandboxes.close();
      await db.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
