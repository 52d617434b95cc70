export {
  createEventStoreDbEventStore, createEventStoreOverClient,
  type EsdbClient, type EventStoreDbConfig, type EventStoreDbOptions,
} from './eventstoredb-event-store.js';
export type { ResubscribePolicy } from './subscription.js';
