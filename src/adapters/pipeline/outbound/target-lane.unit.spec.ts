import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../../eventstore/index.js';
import type { Clock } from './clock.js';
import type { OutboundHandler, OutboundResult } from './outbound-handler.js';
import type { BreakerState, LaneBreaker } from './target-breaker.js';
import { alwaysClosed } from './target-breaker.js';
import { TargetLane, type CallExecutor, type CallResult, type LaneJob } from './target-lane.js';
import type { TargetLimits } from './target-limits.js';

/** Virtual time: timers fire only when the test advances the clock. */
class ManualClock implements Clock {
  private t = 0;
  private timers: Array<{ at: number; fn: () => void }> = [];
  now = (): number => this.t;
  setTimer = (fn: () => void, ms: number): (() => void) => {
    const timer = { at: this.t + ms, fn };
    this.timers.push(timer);
    return () => { this.timers = this.timers.filter((x) => x !== timer); };
  };
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const next = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = next.at;
      next.fn();
      await flush();
    }
    this.t = end;
  }
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
const ok: OutboundResult = { ok: true, outcome: { type: 'Done.v1', data: {} } };

/** Records when each call starts; calls stay open until the test finishes them. */
class HeldExecutor implements CallExecutor {
  readonly started: Array<{ at: number; size: number; finish(results?: CallResult[]): void }> = [];
  constructor(private readonly clock: Clock, private readonly autoFinish?: (size: number) => CallResult[]) {}
  single = (_job: LaneJob): Promise<CallResult> => this.start(1).then((r) => r[0]!);
  batch = (jobs: readonly LaneJob[]): Promise<readonly OutboundResult[]> => this.start(jobs.length) as Promise<OutboundResult[]>;
  private start(size: number): Promise<CallResult[]> {
    return new Promise((resolve) => {
      const finish = (results?: CallResult[]) => resolve(results ?? Array.from({ length: size }, () => ok));
      this.started.push({ at: this.clock.now(), size, finish });
      if (this.autoFinish) finish(this.autoFinish(size));
    });
  }
}

const limits = (overrides: Partial<TargetLimits> = {}): TargetLimits => ({
  requestsPerWindow: 100, windowMs: 1000, maxConcurrent: 10, batchMin: 3, batchMax: 4, throttleDefaultMs: 700, ...overrides,
});
const handler = (batchable = false): OutboundHandler => ({
  requestType: 'T.v1', target: () => 'fake:1', execute: async () => ok, failureOutcome: () => ({ type: 'F.v1', data: {} }),
  ...(batchable ? { batchable: true, executeBatch: async (rs: readonly unknown[]) => rs.map(() => ok) } : {}),
});
const job = (h: OutboundHandler, n: number): LaneJob => ({ request: { id: `r${n}` } as RecordedEvent, handler: h, mode: 'execute', attempt: 1 });

describe('TargetLane (the per-target gate)', () => {
  it('never has more than maxConcurrent calls in flight', async () => {
    const clock = new ManualClock();
    const executor = new HeldExecutor(clock);
    const lane = new TargetLane('fake:1', limits({ maxConcurrent: 2 }), alwaysClosed(), executor, clock);
    const h = handler();
    const done = [1, 2, 3, 4, 5].map((n) => lane.submit(job(h, n)));
    await flush();
    expect(executor.started).toHaveLength(2);
    executor.started[0]!.finish();
    await flush();
    expect(executor.started).toHaveLength(3);
    for (let i = 1; i < 5; i++) {
      executor.started[i]!.finish();
      await flush();
    }
    await Promise.all(done);
    expect(executor.started).toHaveLength(5);
  });

  it('starts at most N calls in any window and waits for the oldest to leave it', async () => {
    const clock = new ManualClock();
    const executor = new HeldExecutor(clock, (size) => Array.from({ length: size }, () => ok));
    const lane = new TargetLane('fake:1', limits({ requestsPerWindow: 3, windowMs: 1000 }), alwaysClosed(), executor, clock);
    const h = handler();
    const done = [1, 2, 3, 4, 5].map((n) => lane.submit(job(h, n)));
    await flush();
    await clock.advance(400);
    expect(executor.started.map((s) => s.at)).toEqual([0, 0, 0]);
    await clock.advance(600);
    await Promise.all(done);
    expect(executor.started.map((s) => s.at)).toEqual([0, 0, 0, 1000, 1000]);
  });

  it('pauses the whole lane after a 429, for Retry-After or the default', async () => {
    const clock = new ManualClock();
    const executor = new HeldExecutor(clock);
    const lane = new TargetLane('fake:1', limits({ maxConcurrent: 1 }), alwaysClosed(), executor, clock);
    const h = handler();
    const first = lane.submit(job(h, 1));
    const second = lane.submit(job(h, 2));
    await flush();
    executor.started[0]!.finish([{ ok: false, kind: 'throttled', status: 429, message: 'slow down', retryAfterMs: 500 }]);
    expect((await first).result).toMatchObject({ kind: 'throttled' });
    await clock.advance(499);
    expect(executor.started).toHaveLength(1);
    await clock.advance(1);
    expect(executor.started.map((s) => s.at)).toEqual([0, 500]);
    executor.started[1]!.finish();
    await second;
  });

  it('batches queued batchable requests of one type (batchMin..batchMax) and sends the rest singly', async () => {
    const clock = new ManualClock();
    const executor = new HeldExecutor(clock);
    const lane = new TargetLane('fake:1', limits({ maxConcurrent: 1 }), alwaysClosed(), executor, clock);
    const h = handler(true);
    const all = [1, 2, 3, 4, 5, 6, 7].map((n) => lane.submit(job(h, n)));
    await flush();
    for (let i = 0; executor.started[i]; i++) {
      executor.started[i]!.finish();
      await flush();
    }
    const records = await Promise.all(all);
    // The first leaves alone (nothing else waits yet); four of the six that queued behind it
    // leave as one batch; the last two are fewer than batchMin.
    expect(executor.started.map((s) => s.size)).toEqual([1, 4, 1, 1]);
    expect(records.map((r) => r.operation)).toEqual(['execute', 'batch', 'batch', 'batch', 'batch', 'execute', 'execute']);
    expect(records[1]!.batchSize).toBe(4);
  });

  it('holds the queue while the breaker is open and sends exactly one probe when half-open', async () => {
    const clock = new ManualClock();
    const executor = new HeldExecutor(clock);
    let state: BreakerState = 'open';
    const listeners: Array<(s: BreakerState) => void> = [];
    const setState = (next: BreakerState) => { state = next; listeners.forEach((l) => l(next)); };
    // Like opossum: a successful half-open call closes the breaker.
    const breaker: LaneBreaker = {
      state: () => state,
      run: async (call) => {
        const value = await call();
        if (state === 'half-open') setState('closed');
        return value;
      },
      onStateChange: (l) => void listeners.push(l), shutdown: () => undefined,
    };
    const lane = new TargetLane('fake:1', limits({ maxConcurrent: 5 }), breaker, executor, clock);
    const all = [1, 2, 3].map((n) => lane.submit(job(handler(), n)));
    await flush();
    expect(executor.started).toHaveLength(0);
    setState('half-open');
    await flush();
    expect(executor.started).toHaveLength(1);
    executor.started[0]!.finish();
    expect((await all[0]!).probe).toBe(true);
    await flush();
    expect(executor.started).toHaveLength(3);
    executor.started.slice(1).forEach((s) => s.finish());
    expect((await Promise.all(all)).map((r) => r.probe)).toEqual([true, false, false]);
  });

  it('drops a waiting call when its signal aborts', async () => {
    const clock = new ManualClock();
    const executor = new HeldExecutor(clock);
    const lane = new TargetLane('fake:1', limits({ maxConcurrent: 1 }), alwaysClosed(), executor, clock);
    const stop = new AbortController();
    const first = lane.submit(job(handler(), 1), stop.signal);
    const second = lane.submit(job(handler(), 2), stop.signal);
    await flush();
    stop.abort();
    await expect(second).rejects.toThrow('stopping');
    executor.started[0]!.finish();
    await expect(first).resolves.toMatchObject({ operation: 'execute' });
    expect(lane.waiting).toBe(0);
  });
});
