import { EventIdConflictError, WrongExpectedRevisionError, deterministicEventId, type EventStore } from '../../../eventstore/index.js';
import { foldAudit, isRetryable } from './audit-state.js';
import type { FailureLedger } from './failure-ledger.js';
import { OUTBOUND_EVENT, type OutboundRetryRequestedData } from './outbound-events.js';

export type RetryAnswer =
  | { readonly ok: true; readonly requestId: string; readonly cycle: number; readonly retryEventId: string }
  | { readonly ok: false; readonly reason: 'not-found' | 'not-retryable' | 'conflict'; readonly detail: string };

export interface RetryInput {
  readonly reason?: string | null;
  readonly requestedBy?: string | null;
  readonly now?: Date;
}

/**
 * An operator's "try again": appends `OutboundRetryRequested.v1` to the request's audit
 * stream, which the dispatcher picks up (lookup by marker first, then the write). Guarded by
 * the stream revision, so two clicks make one retry, and refused unless the request's latest
 * cycle ended in a failure.
 */
export const requestRetry = async (store: EventStore, ledger: FailureLedger, requestId: string, input: RetryInput = {}): Promise<RetryAnswer> => {
  const entry = await ledger.get(requestId);
  if (!entry) return { ok: false, reason: 'not-found', detail: `no failed outbound request ${requestId}` };
  const events = await store.readStream(entry.auditStream);
  const state = foldAudit(events);
  const queued = events[0];
  if (!isRetryable(state) || !state.queued || !queued) {
    const now = state.terminal ?? 'in progress';
    return { ok: false, reason: 'not-retryable', detail: `request ${requestId} is ${now}; only a failed or dead-lettered request can be retried` };
  }
  const cycle = state.cycle + 1;
  const data: OutboundRetryRequestedData = {
    requestId, cycle, reason: input.reason ?? null, requestedBy: input.requestedBy ?? null, at: (input.now ?? new Date()).toISOString(),
  };
  const retryEventId = deterministicEventId('outbound', requestId, 'retry', cycle);
  try {
    await store.append(entry.auditStream, [{
      id: retryEventId, type: OUTBOUND_EVENT.retryRequested, data,
      metadata: {
        correlationId: queued.metadata.correlationId, causationId: events.at(-1)!.id, connection: entry.connection, source: 'operator',
        sagaStream: state.queued.sagaStream, requestId,
      },
    }], events.at(-1)!.revision);
  } catch (error) {
    // A concurrent retry won: same cycle, so the same event id with other content, or a moved revision.
    if (error instanceof WrongExpectedRevisionError || error instanceof EventIdConflictError) return { ok: false, reason: 'conflict', detail: `request ${requestId} changed meanwhile; reload and try again` };
    throw error;
  }
  return { ok: true, requestId, cycle, retryEventId };
};
