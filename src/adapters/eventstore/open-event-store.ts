import { resolve } from 'node:path';
import type { HubEnv } from '../../platform/config/env.js';
import type { EventStore, EventStoreObserver, Upcaster } from '../../eventstore/index.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../postgres/embedded-postgres.js';
import { createPostgresEventStore } from './postgres/index.js';
import { createEventStoreDbEventStore } from './eventstoredb/index.js';

export interface StorageBackends {
  readonly store: EventStore;
  /** PostgreSQL for projections (and events unless EventStoreDB is configured). */
  readonly databaseUrl: string;
  /** Human description for the boot log, without credentials. */
  readonly description: string;
  /** Why the hub's database role could rewrite history (it owns the events table), or undefined; the hub warns at boot. */
  historyRewriteRisk(): Promise<string | undefined>;
  close(): Promise<void>;
}

/**
 * DATABASE_URL => that server; nothing => embedded PGlite in TRESTLE_DATA_DIR.
 * EVENTSTORE_URL => events in EventStoreDB; projections stay on PostgreSQL either way.
 */
export const openStorage = async (env: HubEnv, options: { observer?: EventStoreObserver; upcasters?: readonly Upcaster[] } = {}): Promise<StorageBackends> => {
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = env.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: resolve(env.dataDir, 'pglite') });
    databaseUrl = embedded.connectionString;
  }
  // Embedded PGlite serves one role: the migration URL applies to a server only.
  const postgres = env.eventStoreUrl ? undefined : await createPostgresEventStore({
    connectionString: databaseUrl, migrationConnectionString: embedded ? undefined : env.databaseMigrationUrl,
    upcasters: options.upcasters, observer: options.observer, poolSize: embedded ? 2 : 8,
  });
  const store = postgres ?? await createEventStoreDbEventStore({ connectionString: env.eventStoreUrl!, upcasters: options.upcasters });
  const description = `${env.eventStoreUrl ? 'EventStoreDB' : 'PostgreSQL'} events, ${embedded ? `embedded PGlite in ${resolve(env.dataDir, 'pglite')}` : 'PostgreSQL server'} projections`;
  return {
    store,
    databaseUrl,
    description,
    historyRewriteRisk: async () => (embedded ? undefined : postgres?.historyRewriteRisk()),
    close: async () => {
      await store.close();
      await embedded?.stop();
    },
  };
};
