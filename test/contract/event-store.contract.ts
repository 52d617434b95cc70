import { describe } from 'vitest';
import type { EventStore } from '../../src/eventstore/index.js';

export interface EventStoreFixture {
  readonly store: EventStore;
  dispose(): Promise<void>;
}

/**
 * The promises every EventStore adapter keeps (ARCHITECTURE.md, 'The event store').
 * Each adapter's spec calls this with a factory that gives a fresh, empty store.
 * (Filled in by the PostgreSQL store work; the EventStoreDB spec reuses it.)
 */
export const describeEventStoreContract = (name: string, _createStore: () => Promise<EventStoreFixture>): void => {
  describe(`EventStore contract: ${name}`, () => {});
};
