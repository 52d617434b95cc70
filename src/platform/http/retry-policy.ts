/** How long and how often one request is retried before it is dead-lettered. */
export interface RetryPolicy {
  /** Calls that may use the budget; the last failing one dead-letters the request (default 8). */
  readonly maxAttempts: number;
  /** First backoff (default 1 s); doubles per attempt. */
  readonly baseDelayMs: number;
  /** Backoff cap (default 5 min). */
  readonly maxDelayMs: number;
  /** Cap on a target's Retry-After, so a bogus value cannot stall a request for days (default 15 min). */
  readonly maxRetryAfterMs: number;
  /** Time limit of one call; past it the call is ambiguous (default 30 s). */
  readonly callTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  maxRetryAfterMs: 15 * 60_000,
  callTimeoutMs: 30_000,
};

export const retryPolicy = (overrides: Partial<RetryPolicy> = {}): RetryPolicy => {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) throw new Error(`outbound retry.maxAttempts must be an integer >= 1, got ${policy.maxAttempts}`);
  if (policy.baseDelayMs < 0 || policy.maxDelayMs < policy.baseDelayMs) throw new Error('outbound retry: need 0 <= baseDelayMs <= maxDelayMs');
  return policy;
};

/**
 * Exponential backoff with "equal jitter" (half fixed, half random), so requests that
 * failed together do not come back together; never sooner than the target's Retry-After.
 * `attempt` is the number of budget-using calls made so far (>= 1).
 */
export const backoffDelay = (attempt: number, policy: RetryPolicy, retryAfterMs?: number, random: () => number = Math.random): number => {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + (exponential / 2) * random();
  const floor = retryAfterMs === undefined ? 0 : Math.min(retryAfterMs, policy.maxRetryAfterMs);
  return Math.round(Math.max(jittered, floor));
};
