import { UnavailableError } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { EventStoreInputError, type EventStore } from '../../../eventstore/index.js';
import { createEventStoreOverClient, type EsdbClient } from './eventstoredb-event-store.js';
import { event, FakeEsdbClient, setup, take } from './fake-esdb-client.spec.js';

describe('readAll', () => {
  const seed = async (store: EventStore) => {
    await store.append('acme.procore.invoice-1', [event('a')], 'no_stream');
    await store.append('beta.procore.invoice-1', [event('b')], 'no_stream');
    await store.checkpoints.save('ledger', { commit: 1n, prepare: 1n });
    await store.append('acme.xero.bill-1', [{ ...event('c'), type: 'BillCreated.v1' }], 'no_stream');
  };

  it('reads $all in order without system events or checkpoints, after a position', async () => {
    const { store } = setup();
    await seed(store);
    const all = await store.readAll();
    expect(all.map((e) => e.streamName)).toEqual(['acme.procore.invoice-1', 'beta.procore.invoice-1', 'acme.xero.bill-1']);
    expect((await store.readAll({ after: all[0]!.position })).map((e) => e.streamName)).toEqual(['beta.procore.invoice-1', 'acme.xero.bill-1']);
    expect(await store.readAll({ maxCount: 1 })).toHaveLength(1);
  });

  it('filters on stream prefixes and event types', async () => {
    const { store } = setup();
    await seed(store);
    expect((await store.readAll({ filter: { streamPrefixes: ['acme.'] } })).map((e) => e.streamName)).toEqual(['acme.procore.invoice-1', 'acme.xero.bill-1']);
    expect((await store.readAll({ filter: { streamPrefixes: ['acme.'], eventTypes: ['Thing.v1'] } })).map((e) => e.streamName)).toEqual(['acme.procore.invoice-1']);
  });

  it('upcasts as it reads', async () => {
    const { store } = setup({ upcasters: [{ fromType: 'Thing.v1', toType: 'Thing.v2', upcast: (data) => ({ ...(data as object), v: 2 }) }] });
    await store.append('s-1', [event('a')], 'no_stream');
    expect(await store.readAll()).toMatchObject([{ type: 'Thing.v2', data: { name: 'a', v: 2 } }]);
    expect(await store.readStream('s-1')).toMatchObject([{ type: 'Thing.v2' }]);
  });
});

describe('subscribeToAll', () => {
  it('catches up after a position, goes live, filters, and ends on abort', async () => {
    const { fake, store } = setup();
    await store.append('acme.a-1', [event('a')], 'no_stream');
    await store.append('acme.a-2', [event('b')], 'no_stream');
    await store.append('beta.b-1', [event('c')], 'no_stream');
    const [first] = await store.readAll({ maxCount: 1 });
    const controller = new AbortController();
    const seen: string[] = [];
    const done = (async () => {
      for await (const recorded of store.subscribeToAll({ after: first!.position, filter: { streamPrefixes: ['acme.'] }, signal: controller.signal })) {
        seen.push(recorded.streamName);
        if (seen.length === 2) controller.abort();
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.append('beta.b-2', [event('d')], 'no_stream');
    await store.append('acme.a-3', [event('e')], 'no_stream');
    await done;
    expect(seen).toEqual(['acme.a-2', 'acme.a-3']);
    expect(fake.subscriptions).toHaveLength(1);
  });

  it('ends an idle subscription promptly when aborted', async () => {
    const { store } = setup();
    const controller = new AbortController();
    const iteration = take(store.subscribeToAll({ signal: controller.signal }), 1);
    setTimeout(() => controller.abort(), 5);
    await expect(iteration).resolves.toEqual([]);
  });

  it('resubscribes after a transient failure from the last position seen, skipping and repeating nothing', async () => {
    const { fake, store } = setup();
    await store.append('s-1', [event('a'), event('b')], 'no_stream');
    const seen: string[] = [];
    const controller = new AbortController();
    const done = (async () => {
      for await (const recorded of store.subscribeToAll({ signal: controller.signal })) {
        seen.push((recorded.data as { name: string }).name);
        if (seen.length === 1) fake.subscriptions[0]!.fail(new UnavailableError());
        if (seen.length === 3) controller.abort();
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.append('s-1', [event('c')], 1);
    await done;
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(fake.subscriptions.length).toBeGreaterThan(1);
  });

  it('ends its subscriptions on close', async () => {
    const { fake, store } = setup();
    const iteration = take(store.subscribeToAll(), 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.close();
    await expect(iteration).resolves.toEqual([]);
    expect(fake.disposed).toBe(true);
  });
});

describe('checkpoints', () => {
  it('saves and loads the last position per subscriber, trimming the stream to one event', async () => {
    const { fake, store } = setup();
    expect(await store.checkpoints.load('ledger')).toBeUndefined();
    await store.checkpoints.save('ledger', { commit: 10n, prepare: 9n });
    await store.checkpoints.save('ledger', { commit: 20n, prepare: 19n });
    expect(await store.checkpoints.load('ledger')).toEqual({ commit: 20n, prepare: 19n });
    expect(await store.checkpoints.load('audit')).toBeUndefined();
    expect(fake.streamMetadata.get('trestle-checkpoint-ledger')).toEqual({ maxCount: 1 });
  });
});

describe('verify', () => {
  it('finds the altered event by stream prefix', async () => {
    const { fake, store } = setup();
    await store.append('acme.a-1', [event('a'), event('b')], 'no_stream');
    await store.append('beta.b-1', [event('c')], 'no_stream');
    expect(await store.verify()).toEqual({ ok: true, streamsChecked: 2, eventsChecked: 3 });
    fake.stream('acme.a-1')[1]!.dataJson = JSON.stringify({ name: 'forged' });
    expect(await store.verify('beta.')).toMatchObject({ ok: true, streamsChecked: 1 });
    expect(await store.verify('acme.')).toMatchObject({ ok: false, firstBroken: { streamName: 'acme.a-1', revision: 1, eventId: event('b').id } });
  });

  it('flags events written without a hash link by another program', async () => {
    const { fake, store } = setup();
    fake.writeRaw('s-1', { id: crypto.randomUUID(), type: 'Foreign', data: {} });
    expect((await store.verify()).firstBroken).toMatchObject({ streamName: 's-1', reason: 'has no hash link' });
  });
});

describe('ping', () => {
  it('succeeds when the server answers, even with "stream not found"', async () => {
    await expect(setup().store.ping()).resolves.toBeUndefined();
  });

  it('fails when the server does not answer in time', async () => {
    const { fake, store } = setup({ pingTimeoutMs: 10 });
    fake.readStream = () => ({ cancel: async () => undefined, [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => undefined) }) }) as never;
    await expect(store.ping()).rejects.toThrow(/did not answer/);
  });
});

describe('namespace', () => {
  it('keeps two stores on one cluster apart, and shows callers their own names', async () => {
    const fake = new FakeEsdbClient();
    const [one, two] = ['t1-', 't2-'].map((namespace) => createEventStoreOverClient(fake as unknown as EsdbClient, { namespace }));
    await one!.append('acme.a-1', [event('a')], 'no_stream');
    await two!.append('acme.a-1', [event('a')], 'no_stream');
    await two!.append('acme.a-2', [event('b')], 'no_stream');
    await one!.checkpoints.save('ledger', { commit: 5n, prepare: 5n });
    expect(fake.rows.map((row) => row.streamId)).toContain('t1-acme.a-1');
    expect((await one!.readAll()).map((e) => e.streamName)).toEqual(['acme.a-1']);
    expect((await two!.readAll({ filter: { streamPrefixes: ['acme.'] } })).map((e) => e.streamName)).toEqual(['acme.a-1', 'acme.a-2']);
    expect(await one!.readStream('acme.a-1')).toMatchObject([{ streamName: 'acme.a-1' }]);
    expect(await one!.verify()).toEqual({ ok: true, streamsChecked: 1, eventsChecked: 1 });
    expect(await two!.checkpoints.load('ledger')).toBeUndefined();
    expect(await take(two!.subscribeToAll(), 2)).toMatchObject([{ streamName: 'acme.a-1' }, { streamName: 'acme.a-2' }]);
    await expect(one!.append('acme.a-1', [event('c')], 'no_stream')).rejects.toMatchObject({ stream: 'acme.a-1', actual: 0 });
  });

  it("refuses a '$' namespace", () => {
    expect(() => createEventStoreOverClient(new FakeEsdbClient() as unknown as EsdbClient, { namespace: '$x' })).toThrow(EventStoreInputError);
  });
});
