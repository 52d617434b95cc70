import { describe, expect, it } from 'vitest';
import { backoffDelay, retryPolicy } from './retry-policy.js';

const policy = retryPolicy({ baseDelayMs: 1000, maxDelayMs: 60_000, maxRetryAfterMs: 600_000 });

describe('backoffDelay', () => {
  it('doubles per attempt, with jitter in the upper half', () => {
    expect(backoffDelay(1, policy, undefined, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, undefined, () => 1)).toBe(1000);
    expect(backoffDelay(3, policy, undefined, () => 1)).toBe(4000);
    expect(backoffDelay(3, policy, undefined, () => 0.5)).toBe(3000);
  });

  it('is capped', () => {
    expect(backoffDelay(20, policy, undefined, () => 1)).toBe(60_000);
  });

  it('never comes back before Retry-After', () => {
    expect(backoffDelay(1, policy, 30_000, () => 1)).toBe(30_000);
    expect(backoffDelay(7, policy, 2_000, () => 1)).toBe(60_000);
  });

  it('caps an absurd Retry-After', () => {
    expect(backoffDelay(1, policy, 86_400_000, () => 0)).toBe(600_000);
  });

  it('refuses a budget below one attempt', () => {
    expect(() => retryPolicy({ maxAttempts: 0 })).toThrow('maxAttempts');
  });
});
