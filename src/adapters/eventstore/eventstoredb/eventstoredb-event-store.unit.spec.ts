import { describe, expect, it } from 'vitest';
import { EventIdConflictError, EventStoreInputError, WrongExpectedRevisionError, type RecordedEvent } from '../../../eventstore/index.js';
import { HASH_KEY } from './event-mapping.js';
import { createEventStoreOverClient, type EsdbClient } from './eventstoredb-event-store.js';
import { beforeNextAppendTo, event, setup } from './fake-esdb-client.spec.js';

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

  it('finds a replayed id older than the window through its claim, and reads the whole stream for it', async () => {
    const { fake, store } = setup({ idempotencyWindow: 2 });
    await store.append('s-1', [event('old')], 'no_stream');
    for (const name of ['b', 'c', 'd', 'e']) await store.append('s-1', [event(name)], 'any');
    expect(await store.append('s-1', [event('old')], 'any')).toEqual({ nextRevision: 0, position: null, written: false });
    await expect(store.append('s-1', [event('old', { changed: true })], 'any')).rejects.toBeInstanceOf(EventIdConflictError);
    expect(fake.stream('s-1')).toHaveLength(5);
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
