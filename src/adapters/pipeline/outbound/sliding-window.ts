/**
 * A sliding-window log: at most `limit` units start in any window of `windowMs`. Unlike a
 * token bucket it never lets a burst at a window's edge double the rate, which is what a
 * target's "N requests per minute" counts.
 */
export class SlidingWindowLimiter {
  /** Start times, one entry per unit, oldest first. */
  private readonly starts: number[] = [];

  constructor(readonly limit: number, readonly windowMs: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`rate limit must be an integer >= 1, got ${limit}`);
    if (!(windowMs > 0)) throw new Error(`rate window must be > 0 ms, got ${windowMs}`);
  }

  /** Milliseconds until `cost` units may start (0: now). */
  waitFor(now: number, cost = 1): number {
    this.forget(now);
    const units = Math.min(cost, this.limit);
    const free = this.limit - this.starts.length;
    if (free >= units) return 0;
    // The unit that must leave the window before `units` fit.
    const blocker = this.starts[units - free - 1]!;
    return Math.max(1, blocker + this.windowMs - now);
  }

  /** Records `cost` units starting at `now`; call only after `waitFor` answered 0. */
  take(now: number, cost = 1): void {
    for (let i = 0; i < Math.min(cost, this.limit); i++) this.starts.push(now);
  }

  private forget(now: number): void {
    while (this.starts.length > 0 && this.starts[0]! <= now - this.windowMs) this.starts.shift();
  }
}
