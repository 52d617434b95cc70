import { describe, expect, it } from 'vitest';
import type { AllPosition, EventStore, RecordedEvent, SubscribeOptions } from '../../eventstore/index.js';
import { StoreAvailability } from './store-availability.js';
import type { Logger } from './subscription-handler.js';
import { SubscriptionRunner } from './subscription-runner.js';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const after = (a: AllPosition | undefined, b: AllPosition) => a === undefined || b.prepare > a.prepare;

/** Just enough of an event store to switch off: while `down`, every call fails as a refused connection. */
class SwitchableStore {
  down = false;
  /** false: a park's append gets through even while down (the store came back just in time for it). */
  failAppends = true;
  pings = 0;
  readonly events: RecordedEvent[] = [];
  readonly appended: Array<{ stream: string; type: string }> = [];
  readonly saved = new Map<string, AllPosition>();

  add(n: number): void {
    this.events.push({
      id: `e-${n}`, type: 'Thing.v1', streamName: `s-${n % 3}`, revision: 0, position: { commit: 1n, prepare: BigInt(n) },
      data: { n }, metadata: { recordedAt: new Date(0).toISOString(), correlationId: `c-${n}` },
    } as RecordedEvent);
  }

  readonly checkpoints = {
    load: async (name: string) => { this.fail(); return this.saved.get(name); },
    save: async (name: string, position: AllPosition) => { this.fail(); this.saved.set(name, position); },
  };

  async ping(): Promise<void> {
    this.pings++;
    this.fail();
  }

  async append(stream: string, events: Array<{ type: string }>): Promise<unknown> {
    if (this.failAppends) this.fail();
    for (const e of events) this.appended.push({ stream, type: e.type });
    return { nextRevision: 0, position: null, written: true };
  }

  async *subscribeToAll(options: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
    let cursor = options.after;
    while (!options.signal?.aborted) {
      this.fail(); // a live subscription breaks when its next read does
      const next = this.events.find((e) => after(cursor, e.position));
      if (next) {
        cursor = next.position;
        yield next;
      } else await new Promise((r) => setTimeout(r, 5));
    }
  }

  asStore(): EventStore {
    return this as unknown as EventStore;
  }

  private fail(): void {
    if (this.down) throw refused();
  }
}

const recordingLogger = () => {
  const lines: Array<{ level: string; message: string }> = [];
  const logger: Logger = {
    info: (_f, message) => void lines.push({ level: 'info', message }),
    warn: (_f, message) => void lines.push({ level: 'warn', message }),
    error: (_f, message) => void lines.push({ level: 'error', message }),
  };
  return { lines, logger };
};

const waitFor = async (what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('StoreAvailability', () => {
  it('says the store is away once, waits for it, and says once that it is back', async () => {
    const store = new SwitchableStore();
    const { lines, logger } = recordingLogger();
    const changes: boolean[] = [];
    const availability = new StoreAvailability(() => store.ping(), { logger, backoffMs: () => 5, onChange: (up) => changes.push(up) });
    const signal = new AbortController().signal;

    expect(await availability.waitIfUnreachable(signal)).toBe(false);
    store.down = true;
    await expect(availability.check()).rejects.toThrow('ECONNREFUSED');
    const waits = [availability.waitIfUnreachable(signal), availability.waitIfUnreachable(signal)];
    let settled = false;
    void Promise.all(waits).then(() => { settled = true; });
    await waitFor('a few probes', () => lines.length >= 1);
    expect(settled).toBe(false);
    store.down = false;
    expect(await Promise.all(waits)).toEqual([true, true]);
    expect(availability.isReachable).toBe(true);
    expect(changes).toEqual([false, true]);
    expect(lines.map((l) => l.level)).toEqual(['error', 'info']);
    availability.close();
  });

  it('notices the return by itself, with nobody waiting', async () => {
    const store = new SwitchableStore();
    const changes: boolean[] = [];
    const availability = new StoreAvailability(() => store.ping(), { backoffMs: () => 5, onChange: (up) => changes.push(up) });
    store.down = true;
    await expect(availability.check()).rejects.toThrow('ECONNREFUSED');
    store.down = false;
    await waitFor('the probe to see the store again', () => availability.isReachable);
    expect(changes).toEqual([false, true]);
    availability.close();
  });

  it('counts a ping that never answers as unreachable', async () => {
    const availability = new StoreAvailability(() => new Promise(() => undefined), { pingTimeoutMs: 20 });
    await expect(availability.check()).rejects.toThrow(/did not answer within 20 ms/);
    expect(availability.isReachable).toBe(false);
    availability.close();
  });

  it('stops waiting when the waiter is aborted', async () => {
    const store = new SwitchableStore();
    store.down = true;
    const availability = new StoreAvailability(() => store.ping(), { backoffMs: () => 5 });
    const abort = new AbortController();
    const waiting = availability.waitIfUnreachable(abort.signal);
    abort.abort();
    expect(await waiting).toBe(true);
    availability.close();
  });
});

describe('SubscriptionRunner during a store outage', () => {
  const run = async (concurrency: number) => {
    const store = new SwitchableStore();
    store.failAppends = false;
    for (let n = 1; n <= 20; n++) store.add(n);
    const availability = new StoreAvailability(() => store.ping(), { backoffMs: () => 5 });
    const handled: number[] = [];
    let failures = 0;
    const handler = {
      name: `outage-${concurrency}`,
      handle: async (event: RecordedEvent) => {
        const { n } = event.data as { n: number };
        if (n === 8 && !store.down && failures === 0) store.down = true; // the store goes away mid-run
        if (store.down) {
          failures++;
          throw refused();
        }
        handled.push(n);
      },
    };
    const runner = new SubscriptionRunner(store.asStore(), handler, { maxAttempts: 2, backoffMs: () => 1, concurrency, outages: availability });
    runner.start();
    // Long enough that, were the failures counted, event 8 would have used its 2 attempts and been parked.
    await waitFor('the outage to outlast the attempts', () => failures >= 1 && store.pings >= 5);
    store.down = false;
    await waitFor('every event', () => new Set(handled).size === 20);
    await runner.stop();
    availability.close();
    return { store, handled };
  };

  it.each([1, 4])('parks nothing, skips nothing and resumes by itself (concurrency %i)', async (concurrency) => {
    const { store, handled } = await run(concurrency);
    expect(store.appended).toEqual([]); // no EventParked
    expect([...new Set(handled)].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(store.saved.get(`outage-${concurrency}`)?.prepare).toBe(20n);
  });

  it('resumes after its subscription breaks, without skipping the events after the break', async () => {
    const store = new SwitchableStore();
    for (let n = 1; n <= 5; n++) store.add(n);
    const handled: number[] = [];
    const { lines, logger } = recordingLogger();
    const runner = new SubscriptionRunner(store.asStore(), { name: 'broken-read', handle: async (e) => void handled.push((e.data as { n: number }).n) }, { backoffMs: () => 1, logger });
    runner.start();
    await waitFor('the first events', () => handled.length === 5);
    store.down = true;
    await waitFor('the subscription to break', () => lines.some((l) => l.level === 'warn'));
    for (let n = 6; n <= 10; n++) store.add(n);
    store.down = false;
    await waitFor('the events after the break', () => handled.length >= 10);
    await runner.stop();
    expect(handled).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
