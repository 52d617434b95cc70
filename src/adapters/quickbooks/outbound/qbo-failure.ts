import { apiError, type ApiError } from '../../../platform/http/api-result.js';
import { apiErrorFailure, httpFailure, type FailureKind, type OutboundFailure } from '../../pipeline/outbound/index.js';
import { faultOf, type QboFaultError } from '../quickbooks-client.js';

/** A write may have reached QuickBooks when its answer is lost; a read never changes anything. */
export type CallMode = 'write' | 'read';

/**
 * The first Fault error of a failed call. The client keeps 4xx faults parsed
 * (`{ type, errors }`) and other statuses' bodies raw (`{ Fault: ... }`): read both.
 */
export const firstFault = (error: ApiError): QboFaultError | undefined => {
  const parsed = error.body as { errors?: unknown } | undefined;
  if (parsed && Array.isArray(parsed.errors)) return parsed.errors[0] as QboFaultError | undefined;
  return faultOf(error.body)?.errors[0];
};

export const faultCode = (error: ApiError): string | undefined => firstFault(error)?.code || undefined;

const describe = (error: ApiError): string => {
  const fault = firstFault(error);
  if (!fault) return error.message;
  return `QuickBooks ${fault.code}: ${fault.message}${fault.detail ? ` (${fault.detail})` : ''}`;
};

const failure = (kind: FailureKind, error: ApiError, extra: Partial<OutboundFailure> = {}): OutboundFailure =>
  apiErrorFailure(kind, error, { message: describe(error), code: faultCode(error) }, extra);

/** The house rule for 5xx (classify.ts): 500/502/504 may follow a committed write, 503 did nothing. */
const serverSide = (error: ApiError, mode: CallMode): OutboundFailure => {
  if (error.status === undefined) return failure('retryable', error); // the token endpoint was down: nothing was sent
  const kind = httpFailure(error.status, error.message).kind;
  return failure(kind === 'ambiguous' && mode === 'read' ? 'retryable' : kind, error);
};

/**
 * A failed QuickBooks call as the dispatcher needs it (facts §6):
 * - throttled (429 / 3001): wait, with Retry-After when sent; the client already retried short waits.
 * - lost answers (timeout, dropped connection, a 2xx without the entity): ambiguous for a write.
 * - 401 after the client's own refresh, or a refused refresh token: retryable. Intuit's auth
 *   has transient 401s; when it keeps failing the budget ends in a dead letter, which an
 *   operator retries after reconnecting — parking every invoice one by one would not help.
 * - 500/502/504 ambiguous, 503/SystemFault unavailable retryable (classify.ts).
 * - anything else the target refused (2500, 2020, 2290, 6000, 6140, 6210, 610, 403…): permanent.
 * The handlers settle 5010 (re-read) and 6240 (look up by name) first; what is left of them
 * here is 5010 still stale after the re-reads (retryable) or a name nobody can use (permanent).
 */
export const failureFrom = (error: ApiError, mode: CallMode): OutboundFailure => {
  // Still stale after the re-reads: someone is editing it now; the next delivery re-reads again.
  if (faultCode(error) === '5010') return failure('retryable', error);
  switch (error.kind) {
    case 'throttled': return failure('throttled', error, { code: faultCode(error) ?? '429' });
    case 'timeout': case 'network': case 'invalid_response': return failure(mode === 'write' ? 'ambiguous' : 'retryable', error);
    case 'unauthorized': return failure('retryable', error);
    case 'needs_reconnect': return failure('retryable', error, { code: 'NEEDS_RECONNECT', message: `reconnect QuickBooks: ${error.message}` });
    case 'unavailable': case 'server': return serverSide(error, mode);
    default: return failure('permanent', error);
  }
};

export const permanent = (code: string, message: string, response?: unknown): OutboundFailure =>
  ({ ok: false, kind: 'permanent', code, message, ...(response !== undefined ? { response } : {}) });

/** The dispatcher's call deadline passed between two calls of one execute: the first may have written. */
export const abandoned = (): OutboundFailure => ({ ok: false, kind: 'ambiguous', message: 'call time limit reached between QuickBooks calls' });

/**
 * A batch item's Fault as the error a single call would have given: a SystemFault may
 * follow a committed write (500), 3001 is a throttle, anything else a refusal.
 */
export const batchItemError = (item: unknown): ApiError => {
  const fault = faultOf(item) ?? { type: '', errors: [] };
  const code = fault.errors[0]?.code;
  const message = `batch item Fault ${fault.type} ${code ?? ''}`.trim();
  if (code === '3001') return apiError('throttled', message, { status: 429, body: fault });
  if (fault.type === 'SystemFault') return apiError('server', message, { status: 500, body: fault });
  return apiError(code === '610' ? 'not_found' : 'rejected', message, { status: 400, body: fault });
};
