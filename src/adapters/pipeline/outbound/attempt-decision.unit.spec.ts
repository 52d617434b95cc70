import { describe, expect, it } from 'vitest';
import { decideAfterCall } from './attempt-decision.js';
import { foldAudit } from './audit-state.js';
import { OUTBOUND_EVENT } from './outbound-events.js';
import type { OutboundFailure } from './outbound-handler.js';
import { retryPolicy } from '../../../platform/http/retry-policy.js';
import type { CallRecord, CallResult } from './target-lane.js';

const policy = retryPolicy({ maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 10_000 });
const half = () => 0.5;
const call = (result: CallResult, extra: Partial<CallRecord> = {}): CallRecord => ({ operation: 'execute', result, durationMs: 5, batchSize: 1, probe: false, ...extra });
const fail = (kind: OutboundFailure['kind'], extra: Partial<OutboundFailure> = {}): OutboundFailure => ({ ok: false, kind, message: kind, ...extra });
const posted = { type: 'BillPosted.v1', data: { billId: '129' } };
const fresh = { attempts: 0, uncertain: false };

describe('decideAfterCall', () => {
  it('a success ends the cycle with the handler outcome', () => {
    expect(decideAfterCall(call({ ok: true, outcome: posted }), fresh, policy)).toEqual({ step: { kind: 'succeeded', outcome: posted }, outcome: 'succeeded', consumedBudget: true });
  });

  it('a permanent failure ends the cycle at once: no retries', () => {
    const failure = fail('permanent', { status: 400, code: '6000' });
    expect(decideAfterCall(call(failure), fresh, policy).step).toEqual({ kind: 'failed', failure });
  });

  it('retryable failures back off and use the budget; the last one dead-letters', () => {
    const first = decideAfterCall(call(fail('retryable', { status: 503 })), fresh, policy, half);
    expect(first).toEqual({ step: { kind: 'retry', delayMs: 75, uncertain: false }, outcome: 'retryable', consumedBudget: true });
    expect(decideAfterCall(call(fail('retryable')), { attempts: 2, uncertain: false }, policy, half).step.kind).toBe('dead-lettered');
  });

  it('honours Retry-After on a retryable failure', () => {
    const decision = decideAfterCall(call(fail('retryable', { retryAfterMs: 5000 })), fresh, policy, half);
    expect(decision.step).toEqual({ kind: 'retry', delayMs: 5000, uncertain: false });
  });

  it('an ambiguous failure makes the next call a lookup', () => {
    expect(decideAfterCall(call(fail('ambiguous')), fresh, policy, half).step).toMatchObject({ kind: 'retry', uncertain: true });
  });

  it('throttling and the half-open probe use no budget, so an outage never dead-letters', () => {
    expect(decideAfterCall(call(fail('throttled', { retryAfterMs: 60_000 })), { attempts: 2, uncertain: false }, policy))
      .toEqual({ step: { kind: 'retry', delayMs: 0, uncertain: false }, outcome: 'throttled', consumedBudget: false });
    const probe = decideAfterCall(call(fail('retryable'), { probe: true }), { attempts: 2, uncertain: false }, policy, half);
    expect(probe).toMatchObject({ step: { kind: 'retry' }, consumedBudget: false });
  });

  it('a lookup that finds the object ends the cycle without writing; one that finds nothing clears the doubt', () => {
    const find = { operation: 'find' as const };
    expect(decideAfterCall(call({ ok: true, outcome: posted }, find), { attempts: 1, uncertain: true }, policy))
      .toEqual({ step: { kind: 'succeeded', outcome: posted }, outcome: 'found', consumedBudget: false });
    expect(decideAfterCall(call({ ok: true, outcome: null }, find), { attempts: 1, uncertain: true }, policy))
      .toEqual({ step: { kind: 'retry', delayMs: 0, uncertain: false }, outcome: 'not-found', consumedBudget: false });
    expect(decideAfterCall(call(fail('retryable'), find), { attempts: 1, uncertain: true }, policy, half).step).toMatchObject({ kind: 'retry', uncertain: true });
  });

  it('a success without an outcome is treated as ambiguous, never as posted', () => {
    const decision = decideAfterCall(call({ ok: true, outcome: null }), fresh, policy, half);
    expect(decision).toMatchObject({ outcome: 'ambiguous', step: { kind: 'retry', uncertain: true } });
  });
});

describe('foldAudit', () => {
  const attempted = (consumedBudget: boolean) => ({ type: OUTBOUND_EVENT.attempted, data: { consumedBudget } });
  const outcome = (result: string) => ({ type: 'BillPosted.v1', data: {}, metadata: { outbound: { requestId: 'r', cycle: 0, result } } });

  it('counts budget-using attempts and finds the terminal outcome', () => {
    const state = foldAudit([{ type: OUTBOUND_EVENT.queued, data: {} }, attempted(true), attempted(false), attempted(true), outcome('dead-lettered')]);
    expect(state).toMatchObject({ cycle: 0, attempts: 2, calls: 3, terminal: 'dead-lettered' });
  });

  it('an operator retry opens a new cycle with a fresh budget', () => {
    const state = foldAudit([{ type: OUTBOUND_EVENT.queued, data: {} }, attempted(true), outcome('failed'), { type: OUTBOUND_EVENT.retryRequested, data: {} }]);
    expect(state).toMatchObject({ cycle: 1, attempts: 0, calls: 0, terminal: undefined });
  });
});
