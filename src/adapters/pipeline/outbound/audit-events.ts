import { deterministicEventId, type EventData, type EventMetadataInput } from '../../../eventstore/index.js';
import type { Decision } from './attempt-decision.js';
import type { AuditState } from './audit-state.js';
import {
  OUTBOUND_EVENT, type FailureSummary, type OutboundAttemptedData, type OutboundDeadLetteredData,
  type OutboundRequestQueuedData, type OutcomeMarker, type TerminalResult,
} from './outbound-events.js';
import type { OutboundFailure, OutboundHandler, OutboundOutcome, OutboundRequest } from './outbound-handler.js';
import type { CallRecord } from './target-lane.js';
import { trimMessage, trimResponse } from './trim-response.js';

/** The request's tenant: its metadata, else the first segment of its stream (streams start with it). */
export const connectionOf = (request: OutboundRequest): string =>
  request.metadata.connection ?? request.streamName.split('.', 1)[0] ?? request.streamName;

/**
 * Every audit event is caused by the request and routed back to its saga by `sagaStream`.
 * Ids derive from (request, cycle, call number), so a replay appends nothing twice.
 */
const metadataFor = (request: OutboundRequest, extra: Record<string, unknown> = {}): EventMetadataInput => ({
  correlationId: request.metadata.correlationId, causationId: request.id, connection: connectionOf(request),
  source: 'hub', sagaStream: request.streamName, requestId: request.id, ...extra,
});

export const documentStreamOf = (request: OutboundRequest, handler: OutboundHandler): string =>
  handler.documentStream?.(request) ?? request.streamName;

export const queuedEvent = (request: OutboundRequest, handler: OutboundHandler, target: string, at: string): EventData<OutboundRequestQueuedData> => ({
  id: deterministicEventId('outbound', request.id, 'queued'),
  type: OUTBOUND_EVENT.queued,
  data: {
    requestId: request.id, requestType: request.type, target, sagaStream: request.streamName, requestRevision: request.revision,
    documentStream: documentStreamOf(request, handler), queuedAt: at,
  },
  metadata: metadataFor(request),
});

export const summarize = (failure: OutboundFailure): FailureSummary => ({
  kind: failure.kind, status: failure.status ?? null, code: failure.code ?? null, message: trimMessage(failure.message) ?? '',
});

export const attemptEvent = (
  request: OutboundRequest, target: string, state: AuditState, call: CallRecord, decision: Decision, at: string,
): EventData<OutboundAttemptedData> => {
  const { result } = call;
  const attempt = state.calls + 1;
  return {
    id: deterministicEventId('outbound', request.id, state.cycle, 'attempt', attempt),
    type: OUTBOUND_EVENT.attempted,
    data: {
      requestId: request.id, requestType: request.type, target, cycle: state.cycle, attempt, operation: call.operation,
      batchSize: call.batchSize, outcome: decision.outcome, status: result.status ?? null, code: result.ok ? null : result.code ?? null,
      message: result.ok ? null : trimMessage(result.message), response: trimResponse(result.response),
      durationMs: Math.round(call.durationMs), consumedBudget: decision.consumedBudget, at,
    },
    metadata: metadataFor(request),
  };
};

/** An operator's rejection in the approval queue, recorded as a refused attempt that made no call. */
export const rejectionEvent = (
  request: OutboundRequest, target: string, state: AuditState, failure: { readonly code?: string; readonly message: string }, at: string,
): EventData<OutboundAttemptedData> => {
  const attempt = state.calls + 1;
  return {
    id: deterministicEventId('outbound', request.id, state.cycle, 'attempt', attempt),
    type: OUTBOUND_EVENT.attempted,
    data: {
      requestId: request.id, requestType: request.type, target, cycle: state.cycle, attempt, operation: 'rejected', batchSize: 0,
      outcome: 'permanent', status: null, code: failure.code ?? null, message: failure.message, response: null, durationMs: 0, consumedBudget: false, at,
    },
    metadata: metadataFor(request),
  };
};

export const outcomeEvent = (request: OutboundRequest, state: AuditState, outcome: OutboundOutcome, result: TerminalResult): EventData => {
  const marker: OutcomeMarker = { requestId: request.id, cycle: state.cycle, result };
  return {
    id: deterministicEventId('outbound', request.id, state.cycle, 'outcome'),
    type: outcome.type,
    data: outcome.data,
    metadata: metadataFor(request, { outbound: marker }),
  };
};

export const deadLetterEvent = (
  request: OutboundRequest, handler: OutboundHandler, target: string, state: AuditState, attempts: number, failure: OutboundFailure, at: string,
): EventData<OutboundDeadLetteredData> => ({
  id: deterministicEventId('outbound', request.id, state.cycle, 'dead-letter'),
  type: OUTBOUND_EVENT.deadLettered,
  data: {
    requestId: request.id, requestType: request.type, target, cycle: state.cycle, attempts, lastFailure: summarize(failure),
    sagaStream: request.streamName, documentStream: documentStreamOf(request, handler), at,
  },
  metadata: metadataFor(request),
});
