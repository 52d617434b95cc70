import { describe, expect, it } from 'vitest';
import { comparePositions, type RecordedEvent } from '../../src/eventstore/index.js';
import { event, events, subscribeInBackground, take, uniquePrefix, type StoreRef } from './contract-helpers.js';

const strictlyIncreasing = (recorded: readonly RecordedEvent[]): boolean =>
  recorded.every((e, i) => i === 0 || comparePositions(recorded[i - 1]!.position, e.position) < 0);

export const describeSubscribe = (store: StoreRef): void => {
  describe('subscribeToAll', () => {
    it('catches up, then delivers live events, in order', async () => {
      const prefix = uniquePrefix('sub');
      const past = events(3);
      await store().append(`${prefix}.a`, past, 'no_stream');
      const subscription = subscribeInBackground(store(), { filter: { streamPrefixes: [prefix] } });
      await subscription.waitFor(3);
      const live = events(2);
      await store().append(`${prefix}.b`, live.slice(0, 1), 'no_stream');
      await store().append(`${prefix}.a`, live.slice(1), 2);
      await subscription.waitFor(5);
      const received = await subscription.stop();
      expect(received.map((e) => e.id)).toEqual([...past, ...live].map((e) => e.id));
      expect(strictlyIncreasing(received)).toBe(true);
    });

    it('resumes after a saved checkpoint without repeating what came before it', async () => {
      const prefix = uniquePrefix('resume');
      const name = `${prefix}-projection`;
      const batch = events(4);
      await store().append(prefix, batch, 'no_stream');
      const firstTwo = await take(store(), 2, { filter: { streamPrefixes: [prefix] } });
      await store().checkpoints.save(name, firstTwo[1]!.position);
      const resumeAt = await store().checkpoints.load(name);
      const rest = await take(store(), 2, { after: resumeAt, filter: { streamPrefixes: [prefix] } });
      expect(rest.map((e) => e.id)).toEqual(batch.slice(2).map((e) => e.id));
    });

    it('filters by event type', async () => {
      const prefix = uniquePrefix('typed');
      await store().append(prefix, [event('Skip.v1'), event(`${prefix}.Keep.v1`), event('Skip.v1'), event(`${prefix}.Keep.v1`)], 'no_stream');
      const kept = await take(store(), 2, { filter: { eventTypes: [`${prefix}.Keep.v1`] } });
      expect(kept.map((e) => e.revision)).toEqual([1, 3]);
    });

    it('ends when its signal aborts', async () => {
      const subscription = subscribeInBackground(store(), { filter: { streamPrefixes: [uniquePrefix('quiet')] } });
      await new Promise((resolve) => setTimeout(resolve, 50));
      await expect(subscription.stop()).resolves.toEqual([]);
    });
  });

  describe('checkpoints', () => {
    it('loads nothing for an unknown subscriber and the last saved position otherwise', async () => {
      const name = uniquePrefix('cp');
      expect(await store().checkpoints.load(name)).toBeUndefined();
      const stream = uniquePrefix('cp-stream');
      await store().append(stream, events(2), 'no_stream');
      const [first, second] = await store().readStream(stream);
      await store().checkpoints.save(name, first!.position);
      await store().checkpoints.save(name, second!.position);
      expect(await store().checkpoints.load(name)).toEqual(second!.position);
    });
  });

  describe('verify and ping', () => {
    it('finds an untampered store intact', async () => {
      const prefix = uniquePrefix('verify');
      await store().append(`${prefix}.a`, events(3), 'no_stream');
      await store().append(`${prefix}.b`, events(2), 'no_stream');
      await store().append(`${prefix}.b`, events(10), 1);
      const result = await store().verify(prefix);
      expect(result).toMatchObject({ ok: true });
      expect(result.firstBroken).toBeUndefined();
      await expect(store().ping()).resolves.toBeUndefined();
    });
  });
};
