import { DEFAULT_RETRY_POLICY } from '../http/retry-policy.js';
import type { ConfigReader } from './config-reader.js';
import type { ConnectionOutboundConfig } from './connection.types.js';

const RETRY_FIELDS = ['maxAttempts', 'baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const;
const BREAKER_FIELDS = ['consecutiveFailures', 'resetTimeoutMs', 'errorThresholdPercentage', 'volumeThreshold', 'rollingWindowMs'] as const;

const DAY_MS = 86_400_000;

/** Bounds per field: wide enough for any real deployment, narrow enough to catch a unit mistake. */
const BOUNDS: Readonly<Record<string, readonly [number, number]>> = {
  timeoutMs: [100, 600_000],
  maxAttempts: [1, 100],
  baseDelayMs: [0, 3_600_000],
  maxDelayMs: [0, DAY_MS],
  maxRetryAfterMs: [0, DAY_MS],
  consecutiveFailures: [1, 1000],
  resetTimeoutMs: [100, DAY_MS],
  errorThresholdPercentage: [1, 100],
  volumeThreshold: [1, 100_000],
  rollingWindowMs: [1000, DAY_MS],
};

/** Only the fields the file sets: the rest keep the hub's defaults (src/adapters/outbound). */
const setFields = <F extends string>(r: ConfigReader, fields: readonly F[]): Partial<Record<F, number>> => {
  const out: Partial<Record<F, number>> = {};
  for (const field of fields) {
    if (!r.has(field)) continue;
    const [min, max] = BOUNDS[field]!;
    const value = r.integer(field, Number.NaN, min, max); // NaN: refused, the problem is recorded
    if (!Number.isNaN(value)) out[field] = value;
  }
  return out;
};

/**
 * A connection's `outbound` block: the time limit of one call to its APIs, the retry budget
 * and backoff of its requests, and its circuit breakers. Every field is optional; problems
 * name the connection and the field (`connections[acme].outbound.retry.maxAttempts: ...`).
 */
export const readOutboundSettings = (r: ConfigReader): ConnectionOutboundConfig => {
  r.onlyKnown(['timeoutMs', 'retry', 'breaker']);
  const timeout = setFields(r, ['timeoutMs'] as const);
  const retryReader = r.has('retry') ? r.child('retry') : undefined;
  retryReader?.onlyKnown(RETRY_FIELDS);
  const retry = retryReader ? setFields(retryReader, RETRY_FIELDS) : undefined;
  const breakerReader = r.has('breaker') ? r.child('breaker') : undefined;
  breakerReader?.onlyKnown(BREAKER_FIELDS);
  const breaker = breakerReader ? setFields(breakerReader, BREAKER_FIELDS) : undefined;
  if (retryReader && retry) {
    const base = retry.baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs;
    const max = retry.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs;
    if (base > max) retryReader.problem('maxDelayMs', `must be at least baseDelayMs (${base})`);
  }
  return { ...timeout, ...(retry ? { retry } : {}), ...(breaker ? { breaker } : {}) };
};
