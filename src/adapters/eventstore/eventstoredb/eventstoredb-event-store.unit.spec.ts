import { UnavailableError } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import {
  deterministicEventId, EventIdConflictError, EventStoreInputError, WrongExpectedRevisionError,
  type EventData, type EventStore, type RecordedEvent,
} from '../../../eventstore/index.js';
import { HASH_KEY } from './event-mapping.js';
import { createEventStoreOverClient, type EsdbClient, type EventStoreDbOptions } from './eventstoredb-event-store.js';
import { FakeEsdbClient } from './fake-esdb-client.spec.js';

const setup = (options: EventStoreDbOptions = {}) => {
  const fake = new FakeEsdbClient();
  const store = createEventStoreOverClient(fake as unknown as EsdbClient, { resubscribe: { attempts: 3, delayMs: 1 }, ...options });
  return { fake, store };
};

const event = (name: string, data: unknown = { name }, metadata?: EventData['metadata']): EventData =>
  ({ id: deterministicEventId('test', name), type: 'Thing.v1', data, ...(metadata ? { metadata } : {}) });

/** Runs `write` once, just before the store's next append to `stream` reaches the server. */
const beforeNextAppendTo = (fake: FakeEsdbClient, stream: string, write: () => Promise<unknown> | void) => {
  let done = false;
  fake.beforeAppend = async (target) => {
    if (done || target !== stream) return;
    done = true;
    await write();
  };
};

const take = async (iterable: AsyncIterable<RecordedEvent>, count: number): Promise<RecordedEvent[]> => {
  const seen: RecordedEvent[] = [];
  if (count === 0) return seen;
  for await (const recorded of iterable) {
    seen.push(recorded);
    if (seen.length === count) break;
  }
  return seen;
};

describe('append and readStream', () => {
  it('writes, then reads back with metadata defaults, recordedAt, position and a hash link', async () => {
    const { fake, store } = setup();
    const result = await store.append('acme.procore.invoice-1', [event('a', { amount: 100 }, { correlationId: 'c-1', source: 'procore' })], 'no_stream');
    expect(result).toMatchObject({ nextRevision: 0, written: true });
    const [row] = fake.stream('acme.procore.invoice-1');
    expect(result.position).toEqual(row!.position);
    const [read] = await store.readStream('acme.procore.invoice-1');
    expect(read).toMatchObject({ id: event('a').id, type: 'Thing.v1', revision: 0, data: { amount: 100 }, position: result.position });
    expect(read!.metadata).toMatchObject({ correlationId: 'c-1', causationId: null, source: 'procore', schemaVersion: 1 });
    expect(read!.metadata.recordedAt).toBe(row!.created.toISOString());
    expect(read!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(row!.metadataJson!)).toHaveProperty(HASH_KEY, read!.hash);
  });

  it('reads forwards or backwards from a revision, and a missing stream as empty', async () => {
    const { store } = setup();
    await store.append('s-1', ['a', 'b', 'c', 'd'].map((n) => event(n)), 'no_stream');
    const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);
    expect(revisions(await store.readStream('s-1', { fromRevision: 1, maxCount: 2 }))).toEqual([1, 2]);
    expect(revisions(await store.readStream('s-1', { direction: 'backwards' }))).toEqual([3, 2, 1, 0]);
    expect(revisions(await store.readStream('s-1', { direction: 'backwards', fromRevision: 2, maxCount: 2 }))).toEqual([2, 1]);
    expect(await store.readStream('nothing-here')).toEqual([]);
    expect(await store.streamRevision('s-1')).toBe(3);
    expect(await store.streamRevision('nothing-here')).toBeUndefined();
  });

  it('enforces expected revisions with the actual revision in the error', async () => {
    const { store } = setup();
    await expect(store.append('s-1', [event('a')], 'stream_exists')).rejects.toMatchObject({ actual: 'no_stream', expected: 'stream_exists' });
    await store.append('s-1', [event('a')], 'no_stream');
    await expect(store.append('s-1', [event('b')], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(store.append('s-1', [event('b')], 5)).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION', actual: 0, expected: 5 });
    expect(await store.append('s-1', [event('b')], 0)).toMatchObject({ nextRevision: 1, written: true });
    expect(await store.append('s-1', [event('c')], 'any')).toMatchObject({ nextRevision: 2, written: true });
  });

  it('validates input with the port’s typed errors before calling the server', async () => {
    const { fake, store } = setup();
    await expect(store.append('', [event('a')], 'any')).rejects.toMatchObject({ code: 'INVALID_STREAM_NAME' });
    await expect(store.append('$system', [event('a')], 'any')).rejects.toMatchObject({ code: 'INVALID_STREAM_NAME' });
    await expect(store.append('trestle-checkpoint-x', [event('a')], 'any')).rejects.toMatchObject({ code: 'INVALID_STREAM_NAME' });
    await expect(store.append('s', [event('a')], -1 as never)).rejects.toMatchObject({ code: 'INVALID_EXPECTED_REVISION' });
    await expect(store.append('s', [], 'any')).rejects.toMatchObject({ code: 'INVALID_EVENT' });
    await expect(store.append('s', [{ ...event('a'), id: 'nope' }], 'any')).rejects.toMatchObject({ code: 'INVALID_EVENT' });
    await expect(store.append('s', [event('a', { n: 1n })], 'any')).rejects.toMatchObject({ code: 'NOT_SERIALIZABLE' });
    await expect(store.append('s', [event('a', 'x'.repeat(2_000_000))], 'any')).rejects.toMatchObject({ code: 'EVENT_TOO_LARGE' });
    await expect(store.append('s', [event('a', {}, { [HASH_KEY]: 'forged' })], 'any')).rejects.toBeInstanceOf(EventStoreInputError);
    expect(fake.appendCalls).toBe(0);
  });
});

describe('idempotency', () => {
  it('replays the same batch at the same position without writing', async () => {
    const { fake, store } = setup();
    const batch = [event('a'), event('b')];
    await store.append('s-1', batch, 'no_stream');
    expect(await store.append('s-1', batch, 'no_stream')).toEqual({ nextRevision: 1, position: null, written: false });
    expect(await store.append('s-1', batch, 'any')).toEqual({ nextRevision: 1, position: null, written: false });
    expect(fake.stream('s-1')).toHaveLength(2);
  });

  it('refuses an id reused with other content, or a batch replayed in part', async () => {
    const { fake, store } = setup();
    await store.append('s-1', [event('a'), event('b')], 'no_stream');
    await expect(store.append('s-1', [event('a', { other: true })], 'no_stream')).rejects.toBeInstanceOf(EventIdConflictError);
    await expect(store.append('s-1', [event('b'), event('c')], 0)).rejects.toMatchObject({ code: 'EVENT_ID_CONFLICT', eventId: event('b').id });
    expect(fake.stream('s-1')).toHaveLength(2);
  });

  it('catches a concurrent append of the same ids with other content that ESDB took for a retry', async () => {
    const { fake, store } = setup();
    const mine = event('a', { mine: true });
    beforeNextAppendTo(fake, 's-1', () =>
      createEventStoreOverClient(fake as unknown as EsdbClient).append('s-1', [{ ...mine, data: { theirs: true } }], 'no_stream'));
    await expect(store.append('s-1', [mine], 'no_stream')).rejects.toMatchObject({ code: 'EVENT_ID_CONFLICT', eventId: mine.id });
    expect(fake.stream('s-1')).toHaveLength(1);
  });

  it("re-chains an 'any' append that lost a race, keeping the hash chain intact", async () => {
    const { fake, store } = setup();
    await store.append('s-1', [event('a')], 'no_stream');
    beforeNextAppendTo(fake, 's-1', () => createEventStoreOverClient(fake as unknown as EsdbClient).append('s-1', [event('theirs')], 'any'));
    expect(await store.append('s-1', [event('mine')], 'any')).toMatchObject({ nextRevision: 2, written: true });
    expect((await store.readStream('s-1')).map((e) => e.data)).toEqual([{ name: 'a' }, { name: 'theirs' }, { name: 'mine' }]);
    expect(await store.verify()).toMatchObject({ ok: true, eventsChecked: 3 });
  });

  it('gives an exact append that lost a race the concurrency error', async () => {
    const { fake, store } = setup();
    beforeNextAppendTo(fake, 's-1', () => void fake.writeRaw('s-1', { id: crypto.randomUUID(), type: 'Other', data: {} }));
    await expect(store.append('s-1', [event('a')], 'no_stream')).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION', actual: 0 });
  });
});

describe('event id claims', () => {
  it('refuses an id already used in another stream, writing nothing there', async () => {
    const { fake, store } = setup();
    await store.append('s-1', [event('a')], 'no_stream');
    await expect(store.append('s-2', [event('b'), event('a')], 'any')).rejects.toMatchObject({ code: 'EVENT_ID_CONFLICT', eventId: event('a').id, stream: 's-2' });
    expect(fake.stream('s-2')).toEqual([]);
    expect(fake.stream(`trestle-event-id-${event('a').id}`)).toHaveLength(1);
  });

  it('lets exactly one of two streams racing for an id have it', async () => {
    const { fake, store } = setup();
    const results = await Promise.allSettled([store.append('s-1', [event('a')], 'any'), store.append('s-2', [event('a')], 'any')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(fake.stream('s-1').length + fake.stream('s-2').length).toBe(1);
  });

  it('can be switched off, and then does not see other streams', async () => {
    const { fake, store } = setup({ claimEventIds: false });
    await store.append('s-1', [event('a')], 'no_stream');
    await store.append('s-2', [event('a')], 'no_stream');
    expect(fake.rows.map((row) => row.streamId)).toEqual(['s-1', 's-2']);
  });
});

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
