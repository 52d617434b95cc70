import type { AttemptOutcome } from './outbound-events.js';
import type { OutboundFailure, OutboundOutcome } from './outbound-handler.js';
import { backoffDelay, type RetryPolicy } from '../../../platform/http/retry-policy.js';
import type { CallRecord } from './target-lane.js';

/** What happens after a call. */
export type Step =
  | { readonly kind: 'succeeded'; readonly outcome: OutboundOutcome }
  | { readonly kind: 'failed'; readonly failure: OutboundFailure }
  | { readonly kind: 'dead-lettered'; readonly failure: OutboundFailure }
  | { readonly kind: 'retry'; readonly delayMs: number; readonly uncertain: boolean };

export interface Decision {
  readonly step: Step;
  readonly outcome: AttemptOutcome;
  readonly consumedBudget: boolean;
}

export interface DecisionInput {
  /** Budget-using calls before this one, in this cycle. */
  readonly attempts: number;
  /** A write may have reached the target unseen: the next call is a lookup. */
  readonly uncertain: boolean;
}

const retry = (delayMs: number, uncertain: boolean): Step => ({ kind: 'retry', delayMs, uncertain });

/**
 * A failed call. Throttled calls and the breaker's half-open probe use no budget: during a
 * long outage the probes fail for hours, and that must not dead-letter what is waiting. The
 * lane already pauses for a 429, so a throttled request just queues again.
 */
const afterFailure = (failure: OutboundFailure, call: CallRecord, input: DecisionInput, policy: RetryPolicy, random: () => number): Decision => {
  if (failure.kind === 'throttled') return { step: retry(0, input.uncertain), outcome: 'throttled', consumedBudget: false };
  const isLookup = call.operation === 'find';
  if (failure.kind === 'permanent' && !isLookup) return { step: { kind: 'failed', failure }, outcome: 'permanent', consumedBudget: true };
  const consumedBudget = !call.probe;
  const attempts = input.attempts + (consumedBudget ? 1 : 0);
  // A lookup the target refuses outright cannot settle the doubt: fall back to the idempotency key.
  const uncertain = isLookup ? failure.kind !== 'permanent' : input.uncertain || failure.kind === 'ambiguous';
  if (attempts >= policy.maxAttempts) return { step: { kind: 'dead-lettered', failure }, outcome: failure.kind, consumedBudget };
  return { step: retry(backoffDelay(Math.max(1, attempts), policy, failure.retryAfterMs, random), uncertain), outcome: failure.kind, consumedBudget };
};

export const decideAfterCall = (call: CallRecord, input: DecisionInput, policy: RetryPolicy, random: () => number = Math.random): Decision => {
  const { result } = call;
  if (!result.ok) return afterFailure(result, call, input, policy, random);
  if (call.operation !== 'find') {
    if (!result.outcome) return afterFailure({ ok: false, kind: 'ambiguous', message: 'handler reported success without an outcome' }, call, input, policy, random);
    return { step: { kind: 'succeeded', outcome: result.outcome }, outcome: 'succeeded', consumedBudget: true };
  }
  // A lookup that answered: found means the earlier write happened; not found means write now.
  return result.outcome
    ? { step: { kind: 'succeeded', outcome: result.outcome }, outcome: 'found', consumedBudget: false }
    : { step: retry(0, false), outcome: 'not-found', consumedBudget: false };
};
