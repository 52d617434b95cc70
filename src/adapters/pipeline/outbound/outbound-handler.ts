import type { RecordedEvent } from '../../../eventstore/index.js';

/**
 * The outbound port: one handler per request event type (`PostBillRequested.v1`, ...). The
 * dispatcher owns retries, rate limits, the breaker and the audit trail; a handler only
 * translates one request into one API call and the answer into a typed result.
 */

/** A request a saga appended to its own instance stream (`request.streamName` = the saga stream). */
export type OutboundRequest<D = unknown> = RecordedEvent<D>;

/** What the saga hears back: an event type it subscribes to (e.g. `BillPosted.v1`). */
export interface OutboundOutcome {
  readonly type: string;
  readonly data: unknown;
}

/**
 * Why a call failed, which decides what happens next:
 * - `retryable`: the target did not apply the write (503, connection refused): try again later.
 * - `ambiguous`: the write may have happened (timeout, dropped connection, 502/504): look the
 *   object up by the hub's marker before writing again.
 * - `permanent`: the target refused the content (validation, closed period): retrying cannot help.
 * - `throttled`: the target asked us to slow down (429): wait; it does not use the retry budget.
 */
export type FailureKind = 'retryable' | 'ambiguous' | 'permanent' | 'throttled';

export interface OutboundFailure {
  readonly ok: false;
  readonly kind: FailureKind;
  readonly status?: number;
  /** The target's error code (QuickBooks Fault code, Xero error type), as a string. */
  readonly code?: string;
  readonly message: string;
  /** From a `Retry-After` header (see `parseRetryAfter`). */
  readonly retryAfterMs?: number;
  /** The response, for the audit trail; trimmed to 2 KB and redacted before it is stored. */
  readonly response?: unknown;
}

export interface OutboundSuccess {
  readonly ok: true;
  readonly outcome: OutboundOutcome;
  readonly status?: number;
  readonly response?: unknown;
}

export type OutboundResult = OutboundSuccess | OutboundFailure;

/** `findExisting`: the outcome for the object the hub's marker points at, or null when there is none. */
export type LookupResult =
  | { readonly ok: true; readonly outcome: OutboundOutcome | null; readonly status?: number; readonly response?: unknown }
  | OutboundFailure;

export interface CallContext {
  /** The request's event id. Send it on every write: QuickBooks `requestid`, Xero `Idempotency-Key`. */
  readonly idempotencyKey: string;
  /** 1-based number of this call within the current delivery cycle, for logs. */
  readonly attempt: number;
  /** Aborted when the call's time limit passes; treat it as ambiguous. */
  readonly signal: AbortSignal;
}

export interface BatchItem<D = unknown> {
  readonly request: OutboundRequest<D>;
  readonly idempotencyKey: string;
}

export interface BatchContext<D = unknown> {
  /** For the batch call itself (a UUID, 36 characters: fits QuickBooks' batch `requestid` limit). */
  readonly idempotencyKey: string;
  readonly items: readonly BatchItem<D>[];
  readonly signal: AbortSignal;
}

/** Why the dispatcher gave up: the target refused it, or the retry budget ran out. */
export interface FinalFailure {
  readonly deadLettered: boolean;
  /** Calls that used the retry budget. */
  readonly attempts: number;
}

export interface OutboundHandler<D = unknown> {
  /** The request event type this handler executes, e.g. `PostBillRequested.v1`. */
  readonly requestType: string;
  /**
   * The rate-limit and breaker key: `{kind}:{account}`, e.g. `quickbooks:{realmId}`,
   * `xero:{tenantId}`. The kind (before the colon) selects the limits.
   */
  target(request: OutboundRequest<D>): string;
  execute(request: OutboundRequest<D>, context: CallContext): Promise<OutboundResult>;
  /**
   * Looks the object up by the hub's marker (DocNumber, PrivateNote, Reference) after an
   * ambiguous failure or a restart mid-call, so a write that did happen is not repeated.
   */
  findExisting?(request: OutboundRequest<D>, context: CallContext): Promise<LookupResult>;
  /** True when `executeBatch` may send several requests of this type in one call. */
  readonly batchable?: boolean;
  /** One result per request, in the same order. Item failures are results, not a throw. */
  executeBatch?(requests: readonly OutboundRequest<D>[], context: BatchContext<D>): Promise<readonly OutboundResult[]>;
  /** The outcome event the saga needs when the request fails for good. */
  failureOutcome(request: OutboundRequest<D>, failure: OutboundFailure, final: FinalFailure): OutboundOutcome;
  /** The document stream an alert links to (its history); default: the saga stream. */
  documentStream?(request: OutboundRequest<D>): string | undefined;
}
