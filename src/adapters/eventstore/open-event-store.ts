import type { HubEnv } from '../../platform/config/env.js';
import type { EventStore, EventStoreObserver, Upcaster } from '../../eventstore/index.js';
import { embeddedDataDir, startEmbeddedPostgres } from './embedded/embedded-postgres.js';
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
 * DATABASE_URL => that server; nothing => an embedded PostgreSQL server on TRESTLE_DATA_DIR/postgres.
 * EVENTSTORE_URL => events in EventStoreDB; projections stay on PostgreSQL either way.
 */
export const openStorage = async (env: HubEnv, options: { observer?: EventStoreObserver; upcasters?: readonly Upcaster[] } = {}): Promise<StorageBackends> => {
  const embeddedDir = env.databaseUrl ? undefined : embeddedDataDir(env.dataDir);
  const embedded = embeddedDir ? await startEmbeddedPostgres({ dataDir: embeddedDir }) : undefined;
  const databaseUrl = env.databaseUrl ?? embedded!.connectionString;
  // The embedded server keeps one role (the demo's): the migration URL applies to a server of your own.
  const postgres = env.eventStoreUrl ? undefined : await createPostgresEventStore({
    connectionString: databaseUrl, migrationConnectionString: embedded ? undefined : env.databaseMigrationUrl,
    upcasters: options.upcasters, observer: options.observer, poolSize: 8,
  }).catch(async (error: unknown) => {
    await embedded?.stop();
    throw error;
  });
  const store = postgres ?? await createEventStoreDbEventStore({ connectionString: env.eventStoreUrl!, upcasters: options.upcasters });
  const description = `${env.eventStoreUrl ? 'EventStoreDB' : 'PostgreSQL'} events, ${embeddedDir ? `embedded PostgreSQL server in ${embeddedDir}` : 'PostgreSQL server'} projections`;
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
