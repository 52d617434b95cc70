import { defaultBackoff, sleep, unlessAborted } from './backoff.js';
import { silentLogger, type Logger } from './subscription-handler.js';

export interface AvailabilityOptions {
  readonly logger?: Logger;
  /** A ping slower than this counts as no answer (default 5 s). */
  readonly pingTimeoutMs?: number;
  /** Delay before probe n while the store is unreachable (default: 100 ms doubling to 5 s, jittered). */
  readonly backoffMs?: (attempt: number) => number;
  readonly onChange?: (reachable: boolean) => void;
  readonly now?: () => number;
}

/** What a worker needs: after a failure, was it the store being away (then wait for it)? */
export interface StoreOutageGate {
  /** False at once when the store answers; otherwise waits until it answers again (or `signal` aborts) and resolves true. */
  waitIfUnreachable(signal: AbortSignal): Promise<boolean>;
}

/**
 * Whether the database answers, one view for the whole hub: readiness reports it, and a
 * worker whose operation failed asks it before counting the failure against its work, so
 * an outage (nobody's fault) parks nothing and spends no retries. While the store is away,
 * one probe loop with backoff serves every waiter; it logs once when the store goes and
 * once when it is back.
 */
export class StoreAvailability implements StoreOutageGate {
  private reachable = true;
  private downSince = 0;
  private recovery: Promise<void> | undefined;
  private readonly closing = new AbortController();

  constructor(private readonly ping: () => Promise<void>, private readonly options: AvailabilityOptions = {}) {}

  get isReachable(): boolean {
    return this.reachable;
  }

  /** One ping, bounded by the timeout; records the answer, and throws when there is none. */
  async check(): Promise<void> {
    try {
      await this.pingWithin(this.options.pingTimeoutMs ?? 5000);
      this.markReachable();
    } catch (error) {
      this.markUnreachable(error);
      throw error;
    }
  }

  async waitIfUnreachable(signal: AbortSignal): Promise<boolean> {
    if (await this.answers()) return false;
    await this.untilReachable(signal);
    return true;
  }

  /** Resolves once the store answers again, when `signal` aborts, or on close(). */
  async untilReachable(signal: AbortSignal): Promise<void> {
    if (this.reachable) return;
    this.recovery ??= this.probeUntilReachable().finally(() => { this.recovery = undefined; });
    await unlessAborted(this.recovery, signal);
  }

  /** Ends the probe loop (the hub is shutting down). */
  close(): void {
    this.closing.abort();
  }

  onApplicationShutdown(): void {
    this.close();
  }

  private async probeUntilReachable(): Promise<void> {
    const backoff = this.options.backoffMs ?? defaultBackoff;
    for (let attempt = 1; !this.closing.signal.aborted; attempt++) {
      await sleep(backoff(attempt), this.closing.signal);
      if (await this.answers()) return;
    }
  }

  private answers(): Promise<boolean> {
    return this.check().then(() => true, () => false);
  }

  private async pingWithin(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the database did not answer within ${timeoutMs} ms`)), timeoutMs);
      timer.unref(); // a ping in flight must not hold a stopping process
    });
    try {
      await Promise.race([this.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private get logger(): Logger {
    return this.options.logger ?? silentLogger;
  }

  private markUnreachable(error: unknown): void {
    if (!this.reachable) return;
    this.reachable = false;
    this.downSince = (this.options.now ?? Date.now)();
    this.logger.error({ err: error, reason: (error as Error)?.message }, 'database unreachable: work waits and resumes by itself when it is back');
    this.options.onChange?.(false);
    // Probe even with nobody waiting (an idle hub, a readiness check), so the return is noticed and logged.
    void this.untilReachable(this.closing.signal);
  }

  private markReachable(): void {
    if (this.reachable) return;
    this.reachable = true;
    this.logger.info({ downMs: (this.options.now ?? Date.now)() - this.downSince }, 'database reachable again: work resumes');
    this.options.onChange?.(true);
  }
}
