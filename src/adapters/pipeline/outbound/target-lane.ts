import { AbortedError, type Clock } from './clock.js';
import type { CallOperation } from './outbound-events.js';
import type { LookupResult, OutboundHandler, OutboundRequest, OutboundResult } from './outbound-handler.js';
import { SlidingWindowLimiter } from './sliding-window.js';
import { REJECTED, type BreakerState, type LaneBreaker } from './target-breaker.js';
import type { TargetLimits } from './target-limits.js';

/** One call a request wants made: its write, or a lookup by marker. */
export interface LaneJob {
  readonly request: OutboundRequest;
  readonly handler: OutboundHandler;
  readonly mode: 'execute' | 'find';
  /** Call number within the request's cycle (for the handler's logs). */
  readonly attempt: number;
}

export type CallResult = OutboundResult | LookupResult;

export interface CallRecord {
  readonly operation: CallOperation;
  readonly result: CallResult;
  readonly durationMs: number;
  readonly batchSize: number;
  /** The single call let through while the breaker was half-open. */
  readonly probe: boolean;
}

/** Makes the calls; never throws (a throw is turned into an ambiguous failure). */
export interface CallExecutor {
  single(job: LaneJob): Promise<CallResult>;
  batch(jobs: readonly LaneJob[]): Promise<readonly OutboundResult[]>;
}

interface Waiting {
  readonly job: LaneJob;
  resolve(record: CallRecord): void;
  reject(error: Error): void;
}

/** After the breaker refused a call, look again shortly rather than spin. */
const REJECTED_PAUSE_MS = 50;

const isOutage = (results: readonly CallResult[]): boolean =>
  results.length > 0 && results.every((r) => !r.ok && (r.kind === 'retryable' || r.kind === 'ambiguous'));

/**
 * The gate in front of one target: a FIFO queue drained within the target's concurrency and
 * rate limits, through its circuit breaker. While the breaker is open nothing leaves the queue,
 * so waiting requests spend no retry budget; half-open sends one probe. A 429 pauses the whole
 * lane. When enough batchable requests of one type wait, they leave together as one batch call.
 */
export class TargetLane {
  private readonly queue: Waiting[] = [];
  private readonly requests: SlidingWindowLimiter;
  private readonly batches: SlidingWindowLimiter | undefined;
  private inFlight = 0;
  private probing = false;
  private pausedUntil = 0;
  private cancelTimer: (() => void) | undefined;

  constructor(
    readonly target: string, private readonly limits: TargetLimits, readonly breaker: LaneBreaker,
    private readonly executor: CallExecutor, private readonly clock: Clock,
  ) {
    this.requests = new SlidingWindowLimiter(limits.requestsPerWindow, limits.windowMs);
    this.batches = limits.batchesPerWindow ? new SlidingWindowLimiter(limits.batchesPerWindow, limits.windowMs) : undefined;
    breaker.onStateChange(() => this.pump());
  }

  get waiting(): number {
    return this.queue.length;
  }

  submit(job: LaneJob, signal?: AbortSignal): Promise<CallRecord> {
    if (signal?.aborted) return Promise.reject(new AbortedError());
    return new Promise<CallRecord>((resolve, reject) => {
      const onAbort = () => {
        const index = this.queue.indexOf(entry);
        if (index < 0) return; // already sent: let the call finish and be recorded
        this.queue.splice(index, 1);
        reject(new AbortedError());
      };
      const done = () => signal?.removeEventListener('abort', onAbort);
      const entry: Waiting = {
        job,
        resolve: (record) => { done(); resolve(record); },
        reject: (error) => { done(); reject(error); },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(entry);
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < this.limits.maxConcurrent) {
      const state = this.breaker.state();
      if (state === 'open' || (state === 'half-open' && this.probing)) return;
      const now = this.clock.now();
      if (now < this.pausedUntil) return this.wakeIn(this.pausedUntil - now);
      const group = this.nextGroup(state);
      const wait = Math.max(this.requests.waitFor(now, group.length), group.length > 1 ? this.batches?.waitFor(now) ?? 0 : 0);
      if (wait > 0) return this.wakeIn(wait);
      this.requests.take(now, group.length);
      if (group.length > 1) this.batches?.take(now);
      for (const entry of group) this.queue.splice(this.queue.indexOf(entry), 1);
      void this.start(group, state === 'half-open');
    }
  }

  /** The head alone, or a batch of it and the next queued requests of its type. */
  private nextGroup(state: BreakerState): Waiting[] {
    const head = this.queue[0]!;
    const { handler, mode } = head.job;
    if (state !== 'closed' || mode !== 'execute' || !handler.batchable || !handler.executeBatch) return [head];
    const same = this.queue.filter((w) => w.job.handler === handler && w.job.mode === 'execute');
    if (same.length < this.limits.batchMin) return [head];
    return same.slice(0, Math.min(this.limits.batchMax, this.limits.requestsPerWindow));
  }

  private async start(group: Waiting[], probe: boolean): Promise<void> {
    this.inFlight++;
    this.probing ||= probe;
    const started = this.clock.now();
    try {
      const outcome = await this.breaker.run(() => this.call(group), isOutage);
      if (outcome === REJECTED) {
        this.queue.unshift(...group);
        this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + REJECTED_PAUSE_MS);
        return;
      }
      this.settle(group, outcome, this.clock.now() - started, probe);
    } catch (error) {
      for (const entry of group) entry.reject(error as Error);
    } finally {
      this.inFlight--;
      if (probe) this.probing = false;
      this.pump();
    }
  }

  private async call(group: Waiting[]): Promise<readonly CallResult[]> {
    if (group.length === 1) return [await this.executor.single(group[0]!.job)];
    return this.executor.batch(group.map((w) => w.job));
  }

  private settle(group: Waiting[], results: readonly CallResult[], durationMs: number, probe: boolean): void {
    const operation: CallOperation = group.length > 1 ? 'batch' : group[0]!.job.mode;
    group.forEach((entry, index) => {
      const result = results[index]!;
      if (!result.ok && result.kind === 'throttled') this.pause(result.retryAfterMs ?? this.limits.throttleDefaultMs);
      entry.resolve({ operation, result, durationMs, batchSize: group.length, probe });
    });
  }

  /** The target said "slow down": nothing leaves the queue until then. */
  private pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  private wakeIn(ms: number): void {
    this.cancelTimer?.();
    this.cancelTimer = this.clock.setTimer(() => {
      this.cancelTimer = undefined;
      this.pump();
    }, ms);
  }
}
