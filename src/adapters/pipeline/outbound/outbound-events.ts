import type { FailureKind } from './outbound-handler.js';

/**
 * The audit trail of outbound calls. Each request has its own stream,
 * `{connection}.outbound.request-{requestId}`, holding: the request being queued, every
 * call and its response, the outcome the saga receives, dead letters and operator retries.
 */
export const OUTBOUND_EVENT = {
  queued: 'OutboundRequestQueued.v1',
  attempted: 'OutboundAttempted.v1',
  deadLettered: 'OutboundDeadLettered.v1',
  retryRequested: 'OutboundRetryRequested.v1',
} as const;

export const outboundRequestStream = (connection: string, requestId: string): string => `${connection}.outbound.request-${requestId}`;

/** What a call was: one write, several writes in one batch call, or a lookup by marker. */
/** `rejected`: no call was made; an operator rejected the request in the approval queue. */
export type CallOperation = 'execute' | 'batch' | 'find' | 'rejected';

/** How one call ended: a failure kind, or success (`found` / `not-found` for lookups). */
export type AttemptOutcome = 'succeeded' | 'found' | 'not-found' | FailureKind;

/** How a delivery cycle ended; stored on the outcome event as `metadata.outbound.result`. */
export type TerminalResult = 'succeeded' | 'failed' | 'dead-lettered';

export interface FailureSummary {
  readonly kind: FailureKind;
  readonly status: number | null;
  readonly code: string | null;
  readonly message: string;
}

export interface OutboundRequestQueuedData {
  readonly requestId: string;
  readonly requestType: string;
  readonly target: string;
  /** Where the request lives; a retry reads it back from there. */
  readonly sagaStream: string;
  readonly requestRevision: number;
  readonly documentStream: string;
  readonly queuedAt: string;
}

export interface OutboundAttemptedData {
  readonly requestId: string;
  readonly requestType: string;
  readonly target: string;
  /** 0 for the first delivery; +1 for each operator retry. */
  readonly cycle: number;
  /** 1-based call number within the cycle (lookups included). */
  readonly attempt: number;
  readonly operation: CallOperation;
  readonly batchSize: number;
  readonly outcome: AttemptOutcome;
  readonly status: number | null;
  readonly code: string | null;
  readonly message: string | null;
  /** Trimmed to 2 KB, tokens and authorization values redacted. */
  readonly response: unknown;
  readonly durationMs: number;
  /** False for throttled calls, the breaker's half-open probe and lookups that answered. */
  readonly consumedBudget: boolean;
  readonly at: string;
}

export interface OutboundDeadLetteredData {
  readonly requestId: string;
  readonly requestType: string;
  readonly target: string;
  readonly cycle: number;
  readonly attempts: number;
  readonly lastFailure: FailureSummary;
  readonly sagaStream: string;
  readonly documentStream: string;
  readonly at: string;
}

export interface OutboundRetryRequestedData {
  readonly requestId: string;
  /** The cycle this retry opens. */
  readonly cycle: number;
  readonly reason: string | null;
  readonly requestedBy: string | null;
  readonly at: string;
}

/** `metadata.outbound` on the outcome event: how the delivery cycle ended. */
export interface OutcomeMarker {
  readonly requestId: string;
  readonly cycle: number;
  readonly result: TerminalResult;
}
