import type { EventData, EventStore } from '../../../eventstore/index.js';
import type { Logger } from '../../../platform/subscriptions/subscription-handler.js';
import { decideAfterCall, type Decision } from './attempt-decision.js';
import { attemptEvent, connectionOf, deadLetterEvent, outcomeEvent, queuedEvent, rejectionEvent } from './audit-events.js';
import { evolveAudit, foldAudit, type AuditState } from './audit-state.js';
import { sleep, type Clock } from './clock.js';
import { outboundRequestStream, type AttemptOutcome } from './outbound-events.js';
import type { OutboundFailure, OutboundHandler, OutboundRequest } from './outbound-handler.js';
import type { RetryPolicy } from '../../../platform/http/retry-policy.js';
import type { CallRecord, TargetLane } from './target-lane.js';

export interface RequestProcessDeps {
  readonly store: EventStore;
  lane(target: string): TargetLane;
  readonly policy: RetryPolicy;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly random?: () => number;
  onAttempt?(target: string, outcome: AttemptOutcome, call: CallRecord): void;
}

/** The events one call leads to, appended together so the outcome never exists without its attempt. */
const eventsAfterCall = (
  request: OutboundRequest, handler: OutboundHandler, target: string, state: AuditState, call: CallRecord, decision: Decision, at: string,
): EventData[] => {
  const attempt = attemptEvent(request, target, state, call, decision, at);
  const attempts = state.attempts + (decision.consumedBudget ? 1 : 0);
  const { step } = decision;
  switch (step.kind) {
    case 'retry': return [attempt];
    case 'succeeded': return [attempt, outcomeEvent(request, state, step.outcome, 'succeeded')];
    case 'failed':
      return [attempt, outcomeEvent(request, state, handler.failureOutcome(request, step.failure, { deadLettered: false, attempts }), 'failed')];
    case 'dead-lettered':
      return [
        attempt, deadLetterEvent(request, handler, target, state, attempts, step.failure, at),
        outcomeEvent(request, state, handler.failureOutcome(request, step.failure, { deadLettered: true, attempts }), 'dead-lettered'),
      ];
  }
};

/**
 * Delivers one request until its cycle ends: succeeded, failed for good, or dead-lettered.
 * Idempotent: a request whose cycle already ended is left alone, and one whose stream shows
 * an unfinished cycle (a crash mid-call, an ambiguous failure, an operator retry) starts with
 * a lookup by marker, because the write may already have happened. `signal` (the subscriber
 * stopping) ends the waits; a call in flight finishes and is recorded first.
 */
export const deliverRequest = async (
  deps: RequestProcessDeps, request: OutboundRequest, handler: OutboundHandler, signal: AbortSignal,
): Promise<void> => {
  const stream = outboundRequestStream(connectionOf(request), request.id);
  const existing = await deps.store.readStream(stream);
  let state = foldAudit(existing);
  if (state.terminal) return;
  const target = handler.target(request);
  let revision = existing.at(-1)?.revision;
  let uncertain = existing.length > 0;
  if (!state.queued) {
    const queued = queuedEvent(request, handler, target, new Date(deps.clock.now()).toISOString());
    revision = (await deps.store.append(stream, [queued], revision ?? 'no_stream')).nextRevision;
    state = evolveAudit(state, queued);
  }
  const lane = deps.lane(target);
  for (;;) {
    const mode = uncertain && handler.findExisting ? 'find' : 'execute';
    const call = await lane.submit({ request, handler, mode, attempt: state.calls + 1 }, signal);
    const decision = decideAfterCall(call, { attempts: state.attempts, uncertain }, deps.policy, deps.random);
    const events = eventsAfterCall(request, handler, target, state, call, decision, new Date(deps.clock.now()).toISOString());
    revision = (await deps.store.append(stream, events, revision ?? 'no_stream')).nextRevision;
    state = events.reduce(evolveAudit, state);
    deps.onAttempt?.(target, decision.outcome, call);
    log(deps.logger, request, target, call, decision);
    if (decision.step.kind !== 'retry') return;
    uncertain = decision.step.uncertain;
    await sleep(decision.step.delayMs, signal, deps.clock);
  }
};

/**
 * An operator rejected a held request: it never reaches the target. Its saga hears so as a
 * refusal (`failureOutcome`), which parks the document with the reason, and the operator finds
 * it among failures, where a retry holds it again for a new decision.
 */
export const rejectRequest = async (
  deps: Pick<RequestProcessDeps, 'store' | 'clock'>, request: OutboundRequest, handler: OutboundHandler, rejectedBy: string,
): Promise<void> => {
  const stream = outboundRequestStream(connectionOf(request), request.id);
  const existing = await deps.store.readStream(stream);
  let state = foldAudit(existing);
  if (state.terminal) return;
  const at = new Date(deps.clock.now()).toISOString();
  const events: EventData[] = [];
  if (!state.queued) {
    const queued = queuedEvent(request, handler, handler.target(request), at);
    events.push(queued);
    state = evolveAudit(state, queued);
  }
  const failure: OutboundFailure = {
    ok: false, kind: 'permanent', code: 'REJECTED_IN_APPROVAL',
    message: `rejected in the approval queue by ${rejectedBy}; retry it from the failures list to hold it for approval again`,
  };
  events.push(rejectionEvent(request, handler.target(request), state, failure, at));
  events.push(outcomeEvent(request, state, handler.failureOutcome(request, failure, { deadLettered: false, attempts: 0 }), 'failed'));
  await deps.store.append(stream, events, existing.at(-1)?.revision ?? 'no_stream');
};

const log = (logger: Logger, request: OutboundRequest, target: string, call: CallRecord, decision: Decision): void => {
  const fields = {
    requestId: request.id, requestType: request.type, target, correlationId: request.metadata.correlationId,
    operation: call.operation, outcome: decision.outcome, status: call.result.status, next: decision.step.kind,
  };
  if (decision.step.kind === 'dead-lettered') logger.error(fields, 'outbound request dead-lettered: retry budget spent');
  else if (decision.step.kind === 'failed') logger.warn(fields, 'outbound request refused by the target');
  else if (decision.step.kind === 'retry' && call.result.ok === false) logger.warn({ ...fields, delayMs: decision.step.delayMs }, 'outbound call failed; will retry');
};
