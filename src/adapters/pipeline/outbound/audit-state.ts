import {
  OUTBOUND_EVENT, type OutboundAttemptedData, type OutboundRequestQueuedData, type OutcomeMarker, type TerminalResult,
} from './outbound-events.js';

/** What the dispatcher needs to know about one request, folded from its audit stream. */
export interface AuditState {
  readonly queued: OutboundRequestQueuedData | undefined;
  /** 0 for the first delivery; +1 per operator retry. */
  readonly cycle: number;
  /** Calls in this cycle that used the retry budget. */
  readonly attempts: number;
  /** All calls in this cycle, lookups included (numbers the attempt events). */
  readonly calls: number;
  /** How this cycle ended; undefined while it is open. */
  readonly terminal: TerminalResult | undefined;
  readonly events: number;
}

export const INITIAL_AUDIT_STATE: AuditState = { queued: undefined, cycle: 0, attempts: 0, calls: 0, terminal: undefined, events: 0 };

/** The stored shape the fold reads: enough of an event or of an event about to be appended. */
export interface AuditMessage {
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: { readonly [key: string]: unknown } | undefined;
}

const outcomeMarker = (message: AuditMessage): OutcomeMarker | undefined => {
  const marker = message.metadata?.outbound as OutcomeMarker | undefined;
  return marker && typeof marker === 'object' && typeof marker.result === 'string' ? marker : undefined;
};

export const evolveAudit = (state: AuditState, message: AuditMessage): AuditState => {
  const next = { ...state, events: state.events + 1 };
  switch (message.type) {
    case OUTBOUND_EVENT.queued:
      return { ...next, queued: message.data as OutboundRequestQueuedData };
    case OUTBOUND_EVENT.attempted: {
      const data = message.data as OutboundAttemptedData;
      return { ...next, calls: next.calls + 1, attempts: next.attempts + (data.consumedBudget ? 1 : 0) };
    }
    case OUTBOUND_EVENT.retryRequested:
      return { ...next, cycle: next.cycle + 1, attempts: 0, calls: 0, terminal: undefined };
    default: {
      // The outcome event has the saga's type; the dispatcher marks it in its metadata.
      const marker = outcomeMarker(message);
      return marker ? { ...next, terminal: marker.result } : next;
    }
  }
};

export const foldAudit = (messages: readonly AuditMessage[]): AuditState => messages.reduce(evolveAudit, INITIAL_AUDIT_STATE);

/** A cycle that ended in a failure the operator may retry. */
export const isRetryable = (state: AuditState): boolean => state.terminal === 'failed' || state.terminal === 'dead-lettered';
