/**
 * Client-side pacing driven by what the API says about its own limits: a small number of
 * calls in flight, and a pause when a response says the window is (nearly) used up.
 * Reacting to headers keeps us off 429s, which both Procore and Xero count against us.
 */
export type RateLimitPolicy = (headers: Headers, now: number) => number | undefined;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const header = (headers: Headers, name: string): number | undefined => {
  const text = headers.get(name);
  if (text === null || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
};

/** Never pause longer than this on a header alone; a 429 with Retry-After speaks for longer waits. */
const MAX_HEADER_PAUSE_MS = 10 * 60_000;

/**
 * Procore (facts §3): X-Rate-Limit-Remaining / X-Rate-Limit-Reset (Unix seconds) describe
 * whichever window (spike or hourly) is closest to running out. Keep one call in reserve.
 */
export const procoreRateLimit: RateLimitPolicy = (headers, now) => {
  const remaining = header(headers, 'x-rate-limit-remaining');
  const reset = header(headers, 'x-rate-limit-reset');
  if (remaining === undefined || remaining > 1 || reset === undefined) return undefined;
  return Math.min(reset * 1000, now + MAX_HEADER_PAUSE_MS);
};

/** Xero (facts §3): 60 calls per rolling minute per tenant; X-MinLimit-Remaining counts down. */
export const xeroRateLimit: RateLimitPolicy = (headers, now) => {
  const minute = header(headers, 'x-minlimit-remaining');
  const appMinute = header(headers, 'x-appminlimit-remaining');
  if ((minute !== undefined && minute <= 1) || (appMinute !== undefined && appMinute <= 1)) return now + 60_000;
  return undefined;
};

export class HeaderThrottle {
  private inFlight = 0;
  private pausedUntil = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly policy?: RateLimitPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Waits for a free slot and for any pause to end. Pair every acquire with a release. */
  async acquire(): Promise<void> {
    while (this.inFlight >= this.concurrency) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.inFlight++;
    const wait = this.pausedUntil - this.now();
    if (wait > 0) await sleep(wait);
  }

  release(headers?: Headers): void {
    if (headers && this.policy) {
      const until = this.policy(headers, this.now());
      if (until !== undefined) this.pauseUntil(until);
    }
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.waiters.shift()?.();
  }

  pauseUntil(epochMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, epochMs);
  }

  /** Milliseconds until calls may go again (0 when not paused). */
  pausedFor(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }
}

/**
 * Retry-After in seconds or as an HTTP date; for Procore's 429 the reset header says the
 * same. Undefined when the response names no time.
 */
export const retryAfterMs = (headers: Headers, now: number): number | undefined => {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = header(headers, 'x-rate-limit-reset');
  return reset === undefined ? undefined : Math.max(0, reset * 1000 - now);
};
