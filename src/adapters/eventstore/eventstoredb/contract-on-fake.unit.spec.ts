// The shared EventStore contract, run over the in-memory fake client: the adapter's own logic
// against every promise of the port, in milliseconds. The real check is
// test/contract/eventstoredb.int.spec.ts against a live server.
import { describeEventStoreContract } from '../../../../test/contract/event-store.contract.js';
import { createEventStoreOverClient, type EsdbClient } from './eventstoredb-event-store.js';
import { FakeEsdbClient } from './fake-esdb-client.spec.js';

describeEventStoreContract('EventStoreDB adapter over a fake client', async (options) => {
  const store = createEventStoreOverClient(new FakeEsdbClient() as unknown as EsdbClient, { upcasters: options?.upcasters });
  return { store, dispose: () => store.close() };
});
