/**
 * A fixed-window request counter plus an in-flight counter per key (realm, tenant,
 * company), as the real services meter. Returns why a call is refused, or null.
 */
export interface RateLimitPolicy {
  readonly perWindow: number;
  readonly windowMs: number;
  readonly concurrent: number;
}

export interface RateLimitState {
  readonly limit: number;
  readonly remaining: number;
  /** Epoch ms when the current window resets. */
  readonly resetAt: number;
}

export type RateLimitRefusal = { readonly reason: 'window' | 'concurrent'; readonly retryAfterSeconds: number };

interface Bucket {
  windowStart: number;
  used: number;
  inFlight: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private policy: RateLimitPolicy, private readonly now: () => number = Date.now) {}

  setPolicy(policy: RateLimitPolicy): void {
    this.policy = policy;
  }

  /** Tries to start a call; on success the caller must call `release(key)` when it ends. */
  acquire(key: string): RateLimitRefusal | null {
    const bucket = this.bucket(key);
    if (bucket.inFlight >= this.policy.concurrent) return { reason: 'concurrent', retryAfterSeconds: 1 };
    if (bucket.used >= this.policy.perWindow) {
      const waitMs = bucket.windowStart + this.policy.windowMs - this.now();
      return { reason: 'window', retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    bucket.used++;
    bucket.inFlight++;
    return null;
  }

  release(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket && bucket.inFlight > 0) bucket.inFlight--;
  }

  state(key: string): RateLimitState {
    const bucket = this.bucket(key);
    return {
      limit: this.policy.perWindow,
      remaining: Math.max(0, this.policy.perWindow - bucket.used),
      resetAt: bucket.windowStart + this.policy.windowMs,
    };
  }

  private bucket(key: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { windowStart: now, used: 0, inFlight: 0 };
      this.buckets.set(key, bucket);
    } else if (now >= bucket.windowStart + this.policy.windowMs) {
      bucket.windowStart = now;
      bucket.used = 0;
    }
    return bucket;
  }
}
