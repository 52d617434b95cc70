import type { ModuleMetadata } from '@nestjs/common';
import { loadEnv } from '../../src/platform/config/env.js';
import { createHub, type Hub, type HubOptions } from '../../src/hub/create-hub.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export interface TestHub extends Hub {
  readonly db: TestDatabase;
}

/** A hub on a fresh database of the chosen backend, on a free port, quiet logs. */
export const startTestHub = async (features: ModuleMetadata['imports'], options: { backend?: TestDatabase['kind']; env?: Record<string, string>; hub?: HubOptions } = {}): Promise<TestHub> => {
  const db = await createTestDatabase(options.backend ?? 'server');
  const env = loadEnv({ PORT: '0', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATABASE_URL: db.url, ...options.env });
  try {
    const hub = await createHub(env, features, options.hub);
    return { ...hub, db, close: async () => { await hub.close(); await db.dispose(); } };
  } catch (error) {
    await db.dispose();
    throw error;
  }
};
