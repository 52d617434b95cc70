import { RateLimiter } from '../../kit/index.js';
import type { RateLimitProblem } from '../support/errors.js';

/**
 * Xero's metering: per tenant 60 calls/minute, 5 in flight and 5,000/day; per app
 * 10,000/minute across tenants. Windows are fixed, not rolling (a simplification).
 */
export interface XeroLimitOptions {
  readonly perMinute?: number;
  readonly concurrent?: number;
  readonly perDay?: number;
  readonly appPerMinute?: number;
}

export type LimitDecision =
  | { readonly ok: true; readonly headers: Record<string, string>; readonly release: () => void }
  | { readonly ok: false; readonly headers: Record<string, string>; readonly problem: RateLimitProblem; readonly retryAfterSeconds: number };

const MINUTE = 60_000;
const DAY = 24 * 3600_000;
const APP = 'app';

export class XeroLimits {
  private readonly minute: RateLimiter;
  private readonly day: RateLimiter;
  private readonly app: RateLimiter;

  constructor(options: XeroLimitOptions = {}, private readonly now: () => number = Date.now) {
    this.minute = new RateLimiter({ perWindow: 60, windowMs: MINUTE, concurrent: 5 }, now);
    this.day = new RateLimiter({ perWindow: 5000, windowMs: DAY, concurrent: Number.POSITIVE_INFINITY }, now);
    this.app = new RateLimiter({ perWindow: 10_000, windowMs: MINUTE, concurrent: Number.POSITIVE_INFINITY }, now);
    this.configure(options);
  }

  configure(options: XeroLimitOptions): void {
    const infinite = Number.POSITIVE_INFINITY;
    this.minute.setPolicy({ perWindow: options.perMinute ?? 60, windowMs: MINUTE, concurrent: options.concurrent ?? 5 });
    this.day.setPolicy({ perWindow: options.perDay ?? 5000, windowMs: DAY, concurrent: infinite });
    this.app.setPolicy({ perWindow: options.appPerMinute ?? 10_000, windowMs: MINUTE, concurrent: infinite });
  }

  /**
   * Starts a call for the tenant. The day and app budgets are checked before anything is
   * taken, so a refused call never consumes a unit it didn't use.
   */
  acquire(tenantId: string): LimitDecision {
    const day = this.day.state(tenantId);
    if (day.remaining === 0) return this.refuse(tenantId, 'day', day.resetAt);
    const app = this.app.state(APP);
    if (app.remaining === 0) return this.refuse(tenantId, 'appminute', app.resetAt);
    const refusal = this.minute.acquire(tenantId);
    if (refusal) return { ok: false, headers: this.headers(tenantId), problem: refusal.reason === 'concurrent' ? 'concurrent' : 'minute', retryAfterSeconds: refusal.retryAfterSeconds };
    this.day.acquire(tenantId);
    this.app.acquire(APP);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.minute.release(tenantId);
      this.day.release(tenantId);
      this.app.release(APP);
    };
    return { ok: true, headers: this.headers(tenantId), release };
  }

  headers(tenantId: string): Record<string, string> {
    return {
      'X-MinLimit-Remaining': String(this.minute.state(tenantId).remaining),
      'X-DayLimit-Remaining': String(this.day.state(tenantId).remaining),
      'X-AppMinLimit-Remaining': String(this.app.state(APP).remaining),
    };
  }

  private refuse(tenantId: string, problem: RateLimitProblem, resetAt: number): LimitDecision {
    const retryAfterSeconds = Math.max(1, Math.ceil((resetAt - this.now()) / 1000));
    return { ok: false, headers: this.headers(tenantId), problem, retryAfterSeconds };
  }
}
