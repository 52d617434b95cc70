import type { Role } from '../../../src/api/auth/api-keys.js';
import { loadEnv } from '../../../src/platform/config/env.js';
import type { EventStore } from '../../../src/eventstore/index.js';
import { startTrestle, type Trestle, type TrestleOptions } from '../../../src/hub/trestle.js';
import type { ProcoreSandbox } from '../../../sandbox/procore/index.js';
import type { QuickBooksSandbox } from '../../../sandbox/quickbooks/index.js';
import type { DemoSandboxes } from '../../../sandbox/demo-sandboxes.js';
import { createTestDatabase, type TestDatabase } from '../../support/databases.js';

export interface TrestleHarness {
  readonly trestle: Trestle;
  readonly url: string;
  readonly store: EventStore;
  readonly procore: ProcoreSandbox;
  readonly quickbooks: QuickBooksSandbox;
  key(role: Role): string;
  close(): Promise<void>;
}

/** Fast webhook retries so a failed delivery is retried within a test's patience. */
const FAST_RETRIES = { timeoutMs: 5000, retryDelayMs: (attempt: number) => (attempt < 20 ? 100 * attempt : undefined) };

/**
 * The whole hub in demo mode (sandboxes in-process, the demo connection, the sample mapping;
 * the QuickBooks Online connection alone unless `demo.books` asks for more) on a fresh database of the real PostgreSQL server, with no story: each test drives the
 * sandboxes itself.
 */
/** The demo's simulators (the hub sees them only as `unknown`: it never imports the sandbox). */
export const demoSandboxes = (trestle: Trestle): DemoSandboxes => trestle.demo!.sandboxes as DemoSandboxes;

export const startTrestleHarness = async (options: TrestleOptions = {}, extraEnv: Record<string, string> = {}): Promise<TrestleHarness> => {
  const db: TestDatabase = await createTestDatabase((process.env.TRESTLE_TEST_BACKEND as 'server' | 'embedded' | undefined) === 'embedded' ? 'embedded' : 'server');
  // As production runs on a server: a runtime role that may only append to and read the events, migrated by the owner.
  const roles = db.kind === 'server' ? { DATABASE_URL: db.runtimeUrl, DATABASE_MIGRATION_URL: db.ownerUrl } : { DATABASE_URL: db.url };
  const env = loadEnv({ PORT: '0', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...roles, TRESTLE_DATA_DIR: `/tmp/trestle-e2e-${process.pid}`, ...extraEnv });
  try {
    const trestle = await startTrestle(env, { story: false, ...options, demo: { webhookPolicy: FAST_RETRIES, books: ['quickbooks'], ...options.demo } });
    return {
      trestle,
      url: trestle.hub.url,
      store: trestle.hub.storage.store,
      procore: demoSandboxes(trestle).procore,
      quickbooks: demoSandboxes(trestle).quickbooks,
      key: (role) => trestle.demoKeys.find((k) => k.role === role)!.key,
      close: async () => {
        await trestle.close();
        await db.dispose();
      },
    };
  } catch (error) {
    await db.dispose();
    throw error;
  }
};

/** Polls until the condition holds (returns a truthy value), or fails naming what it waited for. */
export const eventually = async <T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
