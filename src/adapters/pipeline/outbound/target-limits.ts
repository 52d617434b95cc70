/** What one target (a QuickBooks realm, a Xero tenant) accepts; chosen by the target's kind. */
export interface TargetLimits {
  /** Calls (batch items count one each: QuickBooks meters them so) per `windowMs`. */
  readonly requestsPerWindow: number;
  readonly windowMs: number;
  readonly maxConcurrent: number;
  /** Separate cap on batch calls per window (QuickBooks: 40 per minute per realm). */
  readonly batchesPerWindow?: number;
  /** Batch when at least this many batchable requests of one type are queued. */
  readonly batchMin: number;
  readonly batchMax: number;
  /** Pause after a 429 that carries no Retry-After. */
  readonly throttleDefaultMs: number;
}

/**
 * api-facts: QuickBooks 500/min and 10 concurrent per realm, 40 batches/min, batch size
 * documented as both 10 and 30 (default 10, configurable up to 30), ~60 s back-off when a
 * 429 has no Retry-After. Xero 60/min and 5 concurrent per tenant, batches up to 50.
 * Procore: 25 per 10 s spike window (its documented example), small concurrency.
 * The realm's limits are shared with the hub's own reads (webhook fetches, the CDC poll), so
 * writes keep some headroom: one 429 without Retry-After pauses the target for a minute.
 */
export const DEFAULT_TARGET_LIMITS: Readonly<Record<string, TargetLimits>> = {
  quickbooks: { requestsPerWindow: 480, windowMs: 60_000, maxConcurrent: 8, batchesPerWindow: 40, batchMin: 5, batchMax: 10, throttleDefaultMs: 60_000 },
  xero: { requestsPerWindow: 55, windowMs: 60_000, maxConcurrent: 4, batchMin: 5, batchMax: 10, throttleDefaultMs: 60_000 },
  // QuickBooks Desktop: a call only queues for the Web Connector; a throttle means "not answered yet, recheck later".
  qbd: { requestsPerWindow: 600, windowMs: 60_000, maxConcurrent: 16, batchMin: 5, batchMax: 10, throttleDefaultMs: 30_000 },
  procore: { requestsPerWindow: 25, windowMs: 10_000, maxConcurrent: 4, batchMin: 5, batchMax: 10, throttleDefaultMs: 10_000 },
};

/** For a kind nobody configured: cautious. */
export const FALLBACK_TARGET_LIMITS: TargetLimits = { requestsPerWindow: 60, windowMs: 60_000, maxConcurrent: 4, batchMin: 5, batchMax: 10, throttleDefaultMs: 60_000 };

/** Largest batch each API accepts at all. */
const HARD_BATCH_CAP: Readonly<Record<string, number>> = { quickbooks: 30, xero: 50 };

export const targetKind = (target: string): string => target.split(':', 1)[0] ?? target;

const positive = (kind: string, field: keyof TargetLimits, value: number | undefined, problems: string[]): void => {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) problems.push(`${kind}.${field} must be > 0, got ${value}`);
};

/** The limits for one kind, with overrides applied and checked (a bad value stops the hub at boot). */
export const limitsFor = (kind: string, overrides: Readonly<Record<string, Partial<TargetLimits>>> = {}): TargetLimits => {
  const limits = { ...(DEFAULT_TARGET_LIMITS[kind] ?? FALLBACK_TARGET_LIMITS), ...overrides[kind] };
  const problems: string[] = [];
  for (const field of ['requestsPerWindow', 'windowMs', 'maxConcurrent', 'batchMin', 'batchMax', 'throttleDefaultMs', 'batchesPerWindow'] as const) {
    positive(kind, field, limits[field], problems);
  }
  const cap = HARD_BATCH_CAP[kind];
  if (cap !== undefined && limits.batchMax > cap) problems.push(`${kind}.batchMax must be <= ${cap}, got ${limits.batchMax}`);
  if (limits.batchMin > limits.batchMax) problems.push(`${kind}.batchMin must be <= batchMax`);
  if (problems.length > 0) throw new Error(`invalid outbound limits: ${problems.join('; ')}`);
  return limits;
};
