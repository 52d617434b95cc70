import CircuitBreaker from 'opossum';

export type BreakerState = 'closed' | 'open' | 'half-open';

/** A call the breaker refused because it is open: it was never sent. */
export const REJECTED: unique symbol = Symbol('rejected by the open breaker');

/** What a lane needs from a breaker (the opossum one below, or an always-closed one in unit tests). */
export interface LaneBreaker {
  state(): BreakerState;
  /** Runs the call; values for which `isOutage` is true count as failures. */
  run<T>(call: () => Promise<T>, isOutage: (value: T) => boolean): Promise<T | typeof REJECTED>;
  onStateChange(listener: (state: BreakerState) => void): void;
  shutdown(): void;
}

export interface BreakerOptions {
  /** Opens after this many outage failures in a row (default 5). */
  readonly consecutiveFailures: number;
  /** Open -> half-open after this long (default 30 s). */
  readonly resetTimeoutMs: number;
  /** Also opens when this share of calls in the rolling window failed (default 50%)... */
  readonly errorThresholdPercentage: number;
  /** ...once the window holds at least this many calls (default 20). */
  readonly volumeThreshold: number;
  readonly rollingWindowMs: number;
}

export const DEFAULT_BREAKER_OPTIONS: BreakerOptions = {
  consecutiveFailures: 5, resetTimeoutMs: 30_000, errorThresholdPercentage: 50, volumeThreshold: 20, rollingWindowMs: 60_000,
};

/** Carries an outage result through opossum, which only counts rejections as failures. */
class OutageSignal<T> extends Error {
  constructor(readonly value: T) {
    super('target outage');
  }
}

type Call = () => Promise<unknown>;

/**
 * opossum per target. The action is the call itself; only outage results (retryable,
 * ambiguous) count, so a validation error or a 429 never opens the breaker. opossum opens on
 * an error percentage; a run of consecutive failures opens it too, which is what an outage
 * looks like at low volume. Half-open lets exactly one call through (opossum's pendingClose).
 */
export class TargetBreaker implements LaneBreaker {
  private readonly breaker: CircuitBreaker<[Call], unknown>;
  private readonly listeners: Array<(state: BreakerState) => void> = [];
  private consecutive = 0;

  constructor(readonly target: string, private readonly options: BreakerOptions = DEFAULT_BREAKER_OPTIONS) {
    this.breaker = new CircuitBreaker<[Call], unknown>((call: Call) => call(), {
      name: target, timeout: false, resetTimeout: options.resetTimeoutMs, errorThresholdPercentage: options.errorThresholdPercentage,
      volumeThreshold: options.volumeThreshold, rollingCountTimeout: options.rollingWindowMs, enableSnapshots: false,
    });
    this.breaker.on('success', () => { this.consecutive = 0; });
    this.breaker.on('failure', () => {
      this.consecutive++;
      if (this.consecutive >= this.options.consecutiveFailures && !this.breaker.opened) this.breaker.open();
    });
    this.breaker.on('open', () => this.emit('open'));
    this.breaker.on('halfOpen', () => this.emit('half-open'));
    this.breaker.on('close', () => {
      this.consecutive = 0;
      this.emit('closed');
    });
  }

  state(): BreakerState {
    if (this.breaker.closed) return 'closed';
    return this.breaker.halfOpen ? 'half-open' : 'open';
  }

  async run<T>(call: () => Promise<T>, isOutage: (value: T) => boolean): Promise<T | typeof REJECTED> {
    try {
      return (await this.breaker.fire(async () => {
        const value = await call();
        if (isOutage(value)) throw new OutageSignal(value);
        return value;
      })) as T;
    } catch (error) {
      if (error instanceof OutageSignal) return error.value as T;
      if (error instanceof Error && CircuitBreaker.isOurError(error)) return REJECTED;
      throw error;
    }
  }

  onStateChange(listener: (state: BreakerState) => void): void {
    this.listeners.push(listener);
  }

  shutdown(): void {
    this.breaker.shutdown();
  }

  private emit(state: BreakerState): void {
    for (const listener of this.listeners) listener(state);
  }
}

/** For lanes without a breaker (unit tests). */
export const alwaysClosed = (): LaneBreaker => ({
  state: () => 'closed',
  run: (call) => call(),
  onStateChange: () => undefined,
  shutdown: () => undefined,
});
