// Runs only against a live EventStoreDB / KurrentDB: the test run includes this file only when
// EVENTSTORE_URL is set (e.g. esdb://localhost:2113?tls=false, or the cluster in
// docker/compose.eventstoredb-cluster.yml). No server can run on the build machine.
import { randomUUID } from 'node:crypto';
import { createEventStoreDbEventStore } from '../../src/adapters/eventstore/eventstoredb/index.js';
import { describeEventStoreContract } from './event-store.contract.js';

const connectionString = process.env.EVENTSTORE_URL;
if (!connectionString) throw new Error('EVENTSTORE_URL is not set: this spec needs a live EventStoreDB');

// ESDB has one $all per cluster, so each fixture gets its own namespace and never sees earlier
// runs' events. Its streams stay on the server afterwards.
describeEventStoreContract('EventStoreDB', async (options) => {
  const store = createEventStoreDbEventStore({
    connectionString, namespace: `t${randomUUID().slice(0, 8)}-`, upcasters: options?.upcasters,
  });
  await store.ping();
  return { store, dispose: () => store.close() };
});
