import type { PinoLogger } from 'nestjs-pino';
import { describe, expect, it } from 'vitest';
import type { StorageBackends } from '../../../adapters/eventstore/open-event-store.js';
import { loadEnv } from '../../../platform/config/env.js';
import type { EventStore } from '../../../eventstore/index.js';
import { AuditAnchorsService } from './audit-anchors.service.js';

const recordingLogger = () => {
  const warnings: string[] = [];
  const logger = { setContext: () => undefined, warn: (message: string) => warnings.push(message), info: () => undefined, error: () => undefined };
  return { warnings, logger: logger as unknown as PinoLogger };
};

const storage = (risk: string | undefined): StorageBackends => ({
  store: {} as EventStore, databaseUrl: 'postgres://x@h/db', description: 'test',
  historyRewriteRisk: async () => risk, close: async () => undefined,
});

describe('boot warnings of the audit anchoring', () => {
  it("warns when the hub's role owns the events table, and when no audit key is set", async () => {
    const { warnings, logger } = recordingLogger();
    const service = new AuditAnchorsService(loadEnv({}), storage("the hub's database role app owns eventstore.events"), logger);
    await service.onApplicationBootstrap();
    expect(warnings).toEqual([expect.stringMatching(/owns eventstore\.events/), expect.stringMatching(/TRESTLE_AUDIT_KEY is not set/)]);
    await service.onApplicationShutdown();
  });

  it('stays quiet about roles when the runtime role can only append and read', async () => {
    const { warnings, logger } = recordingLogger();
    const service = new AuditAnchorsService(loadEnv({}), storage(undefined), logger);
    await service.onApplicationBootstrap();
    expect(warnings).toEqual([expect.stringMatching(/TRESTLE_AUDIT_KEY is not set/)]);
  });
});
