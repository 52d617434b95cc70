/**
 * The outbound side of a saga that writes to another system one request at a time (the
 * invoice-sync pattern): requests are numbered per saga instance, the dispatcher echoes
 * `requestNo` in its outcome, and an outcome for any other number (a redelivery, a stale
 * retry) is ignored.
 */

/** A request the saga has out. `subject` tells apart several objects one saga writes (e.g. 'progress' | 'release'). */
export interface PendingRequest {
  readonly requestNo: number;
  readonly type: string;
  /** The document version the request reflects. */
  readonly version: string;
  readonly subject: string;
}

export type ParkReason = 'mapping-missing' | 'link-missing' | 'validation-failed' | 'books-rejected' | 'dead-lettered';

export interface Park {
  readonly reasons: readonly ParkReason[];
  /** Says what to fix, naming the document and the code, link or field. */
  readonly message: string;
}

/**
 * - ready: nothing out; the saga may request its next step.
 * - in-flight: one request is out; its outcome is awaited.
 * - stalled: that request was dead-lettered; an operator may retry it, so its outcome is still awaited.
 * - parked: can't go on until the document, the mapping, a link or a retry changes something.
 */
export type Outbox =
  | { readonly status: 'ready'; readonly lastRequestNo: number }
  | { readonly status: 'in-flight' | 'stalled'; readonly lastRequestNo: number; readonly request: PendingRequest }
  | { readonly status: 'parked'; readonly lastRequestNo: number; readonly park: Park };

export const emptyOutbox: Outbox = { status: 'ready', lastRequestNo: 0 };

export const nextRequestNo = (o: Outbox): number => o.lastRequestNo + 1;

export const requestSent = (o: Outbox, request: PendingRequest): Outbox =>
  request.requestNo > o.lastRequestNo ? { status: 'in-flight', lastRequestNo: request.requestNo, request } : o;

/** The outcome answers the request in flight (or stalled). */
export const isAnswer = (o: Outbox, requestNo: number): o is Extract<Outbox, { status: 'in-flight' | 'stalled' }> =>
  (o.status === 'in-flight' || o.status === 'stalled') && o.request.requestNo === requestNo;

export const answered = (o: Outbox, requestNo: number): Outbox =>
  isAnswer(o, requestNo) ? { status: 'ready', lastRequestNo: o.lastRequestNo } : o;

/** Retryable failures are the dispatcher's to retry (recorded for the audit only); a final one frees the saga to park. */
export const failed = (o: Outbox, failure: { readonly requestNo: number; readonly retryable: boolean }): Outbox =>
  failure.retryable ? o : answered(o, failure.requestNo);

export const deadLettered = (o: Outbox, requestNo: number): Outbox =>
  isAnswer(o, requestNo) ? { status: 'stalled', lastRequestNo: o.lastRequestNo, request: o.request } : o;

/** A stalled request stays stalled: its outcome may still come after an operator retry. */
export const parked = (o: Outbox, park: Park): Outbox =>
  o.status === 'stalled' ? o : { status: 'parked', lastRequestNo: o.lastRequestNo, park };

export const resumed = (o: Outbox): Outbox => (o.status === 'parked' ? { status: 'ready', lastRequestNo: o.lastRequestNo } : o);

/** How an outcome failed: refused by the target (final unless retryable), or dead-lettered after the retry budget. */
export type Failure =
  | { readonly kind: 'refused'; readonly requestNo: number; readonly retryable: boolean; readonly reason: string }
  | { readonly kind: 'dead-lettered'; readonly requestNo: number; readonly reason: string };

/** The park a failed outcome calls for, or null when there is nothing to park (retryable, or not ours). `what` names the document. */
export const parkForFailure = (o: Outbox, failure: Failure, what: string): Park | null => {
  if (!isAnswer(o, failure.requestNo)) return null;
  if (failure.kind === 'dead-lettered') {
    return { reasons: ['dead-lettered'], message: `${what}: the books kept failing (${failure.reason}); retry it from the dead letters.` };
  }
  return failure.retryable ? null : { reasons: ['books-rejected'], message: `${what}: the books refused it (${failure.reason}).` };
};
