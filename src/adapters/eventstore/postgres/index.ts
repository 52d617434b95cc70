export { createPostgresEventStore, PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.js';
export { appendInTransaction } from './append-in-transaction.js';
export { EventStoreClosedError } from './group-commit-writer.js';
export { migrate as migrateEventStore, SCHEMA_VERSION } from './migrations.js';
