import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicEventId, type EventStore, type RecordedEvent } from '../../../src/eventstore/index.js';
import { createPostgresEventStore } from '../../../src/adapters/eventstore/postgres/index.js';
import { ProcessManagerRunner } from '../../../src/sagas/runner/process-manager-runner.js';
import type { Message, ProcessManager } from '../../../src/sagas/runner/process-manager.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../../support/databases.js';

/** A toy manager: each Ordered input requests one shipment, unless that order was seen. */
interface State { readonly orders: readonly string[] }
const manager: ProcessManager<State, { readonly warehouse: string }> = {
  name: 'shipping',
  inputTypes: ['Ordered.v1'],
  instancesFor: (input) => [`acme.saga.shipping-${(input.data as { customer: string }).customer}`],
  initialState: { orders: [] },
  evolve: (state, event) => (event.type === 'Ordered.v1' ? { orders: [...state.orders, (event.data as { order: string }).order] } : state),
  loadContext: async () => ({ warehouse: 'north' }),
  decide: (input: Message, state, context) => {
    const { order } = input.data as { order: string };
    return state.orders.includes(order) ? [] : [{ type: 'ShipmentRequested.v1', data: { order, warehouse: context.warehouse, previous: state.orders.length } }];
  },
};

const ordered = async (store: EventStore, order: string): Promise<RecordedEvent> => {
  await store.append(`acme.shop.order-${order}`, [{ id: deterministicEventId('order', order), type: 'Ordered.v1', data: { order, customer: 'c1' }, metadata: { correlationId: `corr-${order}` } }], 'any');
  const [event] = await store.readStream(`acme.shop.order-${order}`);
  return event!;
};

describe.each(testBackends())('ProcessManagerRunner on %s PostgreSQL', (backend) => {
  let db: TestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    db = await createTestDatabase(backend);
    store = await createPostgresEventStore({ connectionString: db.url, poolSize: 2 });
  });
  afterAll(async () => {
    await store.close();
    await db.dispose();
  });

  it('appends the input copy and its outputs atomically, with causation and correlation', async () => {
    const runner = new ProcessManagerRunner(store, manager);
    await runner.handle(await ordered(store, 'o-1'));
    const events = await store.readStream('acme.saga.shipping-c1');
    expect(events.map((e) => e.type)).toEqual(['Ordered.v1', 'ShipmentRequested.v1']);
    expect(events[1]!.data).toEqual({ order: 'o-1', warehouse: 'north', previous: 0 });
    expect(events[1]!.metadata).toMatchObject({ correlationId: 'corr-o-1', causationId: events[0]!.metadata.causationId });
  });

  it('handles a redelivered input, or a replay after a crash, exactly once', async () => {
    const runner = new ProcessManagerRunner(store, manager);
    const input = await ordered(store, 'o-2');
    await Promise.all([runner.handle(input), runner.handle(input), new ProcessManagerRunner(store, manager).handle(input)]);
    await runner.handle(input);
    const events = await store.readStream('acme.saga.shipping-c1');
    expect(events.filter((e) => e.type === 'ShipmentRequested.v1').map((e) => (e.data as { order: string }).order)).toEqual(['o-1', 'o-2']);
    expect(events.filter((e) => e.type === 'Ordered.v1')).toHaveLength(2);
  });

  it('decides on the state the instance stream holds', async () => {
    const runner = new ProcessManagerRunner(store, manager);
    await runner.handle(await ordered(store, 'o-3'));
    const { state, revision } = await runner.load('acme.saga.shipping-c1');
    expect(state.orders).toEqual(['o-1', 'o-2', 'o-3']);
    expect(revision).toBe(5);
    const last = (await store.readStream('acme.saga.shipping-c1', { direction: 'backwards', maxCount: 1 }))[0]!;
    expect(last.data).toMatchObject({ order: 'o-3', previous: 2 });
  });
});
