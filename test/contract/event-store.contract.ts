import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore, Upcaster } from '../../src/eventstore/index.js';
import { describeAppend } from './append.contract.js';
import { event, eventually, take, uniquePrefix } from './contract-helpers.js';
import { describeRead } from './read.contract.js';
import { describeSubscribe } from './subscribe.contract.js';

export interface EventStoreFixture {
  readonly store: EventStore;
  dispose(): Promise<void>;
}

/** What a test may ask of the factory; a factory must honour every field. */
export interface EventStoreFixtureOptions {
  readonly upcasters?: readonly Upcaster[];
}

const renameV1: Upcaster = {
  fromType: 'Renamed.v1',
  toType: 'Renamed.v2',
  upcast: (data) => ({ ...(data as { name: string }), fullName: (data as { name: string }).name, version: 2 }),
};

const describeUpcasting = (createStore: (options?: EventStoreFixtureOptions) => Promise<EventStoreFixture>): void => {
  describe('upcasting', () => {
    let fixture: EventStoreFixture;
    beforeAll(async () => { fixture = await createStore({ upcasters: [renameV1] }); });
    afterAll(async () => { await fixture?.dispose(); });

    it('upcasts on every read and never rewrites what is stored', async () => {
      const stream = uniquePrefix('upcast');
      await fixture.store.append(stream, [event('Renamed.v1', { name: 'Ada' }), event('Other.v1', { n: 1 })], 'no_stream');
      const [read, other] = await fixture.store.readStream(stream);
      expect(read).toMatchObject({ type: 'Renamed.v2', data: { name: 'Ada', fullName: 'Ada', version: 2 } });
      expect(other).toMatchObject({ type: 'Other.v1', data: { n: 1 } });
      const [fromAll] = await eventually(() => fixture.store.readAll({ filter: { streamPrefixes: [stream] } }), (page) => page.length > 0);
      expect(fromAll?.type).toBe('Renamed.v2');
      const [live] = await take(fixture.store, 1, { filter: { streamPrefixes: [stream] } });
      expect(live?.type).toBe('Renamed.v2');
      await expect(fixture.store.verify(stream)).resolves.toMatchObject({ ok: true });
    });
  });
};

/**
 * The promises every EventStore adapter keeps (ARCHITECTURE.md, 'The event store').
 * Each adapter's spec calls this with a factory for a store. One store serves a whole
 * describe block, and every test uses stream names of its own, so a factory may hand out
 * a shared, non-empty store; positions are only compared, never asserted as values.
 */
export const describeEventStoreContract = (
  name: string,
  createStore: (options?: EventStoreFixtureOptions) => Promise<EventStoreFixture>,
): void => {
  describe(`EventStore contract: ${name}`, () => {
    let fixture: EventStoreFixture | undefined;
    beforeAll(async () => { fixture = await createStore(); });
    afterAll(async () => { await fixture?.dispose(); });
    const store = (): EventStore => {
      if (!fixture) throw new Error('the store fixture was not created');
      return fixture.store;
    };

    describeAppend(store);
    describeRead(store);
    describeSubscribe(store);
    describeUpcasting(createStore);
  });
};
