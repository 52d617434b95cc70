import { describe, expect, it } from 'vitest';
import type { AllPosition, RecordedEvent } from '../../eventstore/index.js';
import { afterReadModels } from './read-model-consistency.js';

const input = { id: 'e7', type: 'BooksVendorResolved.v1', streamName: 'demo.outbound.x', revision: 0, position: { commit: 7n, prepare: 7n } } as RecordedEvent;

describe('afterReadModels', () => {
  it('hands an input to the saga only once the read models have reached its position', async () => {
    const asked: AllPosition[] = [];
    let release = () => undefined as void;
    const readModels = { caughtUpTo: (position: AllPosition) => { asked.push(position); return new Promise<void>((resolve) => { release = resolve; }); } };
    const handled: string[] = [];
    const handler = afterReadModels({ name: 'saga.x', filter: { eventTypes: ['BooksVendorResolved.v1'] }, handle: async (e) => { handled.push(e.id); } }, readModels);
    expect(handler).toMatchObject({ name: 'saga.x', filter: { eventTypes: ['BooksVendorResolved.v1'] } });

    const done = handler.handle(input, { signal: new AbortController().signal });
    await Promise.resolve();
    expect(asked).toEqual([input.position]);
    expect(handled).toEqual([]);
    release();
    await done;
    expect(handled).toEqual(['e7']);
  });

  it('throws without handling when the subscriber stops during the wait, so the input is delivered again', async () => {
    const stop = new AbortController();
    const readModels = {
      caughtUpTo: (_position: AllPosition, signal?: AbortSignal) => new Promise<void>((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('stopped')))),
    };
    const handled: string[] = [];
    const handler = afterReadModels({ name: 'saga.x', handle: async (e) => { handled.push(e.id); } }, readModels);
    const done = handler.handle(input, { signal: stop.signal });
    stop.abort();
    await expect(done).rejects.toThrow('stopped');
    expect(handled).toEqual([]);
  });
});
