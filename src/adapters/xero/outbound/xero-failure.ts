import type { ApiError } from '../../../platform/http/api-result.js';
import { apiErrorFailure, httpFailure, type FailureKind, type OutboundFailure } from '../../pipeline/outbound/index.js';

/** A write may have reached Xero when its answer is lost; a read never changes anything. */
export type CallMode = 'write' | 'read';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `ValidationErrors[].Message` of one object (facts §8). */
export const validationMessages = (object: unknown): string[] => {
  if (!isObject(object) || !Array.isArray(object.ValidationErrors)) return [];
  return object.ValidationErrors.flatMap((e) => (isObject(e) && typeof e.Message === 'string' ? [e.Message] : []));
};

/** A 400's Error body: its Type and every element's messages. */
const errorBody = (error: ApiError): { type?: string; messages: string[] } => {
  const body = error.body;
  if (!isObject(body)) return { messages: [] };
  const elements = Array.isArray(body.Elements) ? body.Elements : [];
  const messages = elements.flatMap(validationMessages);
  const type = typeof body.Type === 'string' ? body.Type : undefined;
  if (messages.length === 0) {
    const detail = [body.Message, body.Detail, body.detail].find((m): m is string => typeof m === 'string');
    if (detail) messages.push(detail);
  }
  return { ...(type ? { type } : {}), messages };
};

const describe = (error: ApiError): string => {
  const { type, messages } = errorBody(error);
  return messages.length > 0 ? `Xero ${type ?? `HTTP ${error.status ?? ''}`}: ${messages.join(' ')}` : error.message;
};

const failure = (kind: FailureKind, error: ApiError, extra: Partial<OutboundFailure> = {}): OutboundFailure =>
  apiErrorFailure(kind, error, { message: describe(error), code: errorBody(error).type }, extra);

const DAY_MS = 24 * 3600_000;

/**
 * The tenant's daily budget is spent (429 with `X-Rate-Limit-Problem: day`): nothing more
 * goes to this tenant until Xero's Retry-After (or a day when it names none). Throttled, so
 * no document spends its retry budget waiting; the code lets the operator's alert say why.
 */
const dayLimit = (error: ApiError): OutboundFailure => failure('throttled', error, {
  code: 'XERO_DAY_LIMIT', retryAfterMs: error.retryAfterMs ?? DAY_MS,
  message: `Xero's daily call limit for this organisation is used up: posting resumes when Xero allows (in ${Math.ceil((error.retryAfterMs ?? DAY_MS) / 60_000)} min)`,
});

/**
 * A failed Xero call as the dispatcher needs it:
 * - 429: throttled, with Retry-After; the day limit stops the tenant until it resets.
 * - lost answers (timeout, dropped connection, an answer without the object): ambiguous for a write.
 * - 401 after the client's refresh: retryable (a lasting one dead-letters: reconnect).
 * - 500/502/504 ambiguous, 503 retryable (classify.ts).
 * - 400 ValidationException, 403, 404 and other refusals: permanent, naming Xero's messages.
 */
export const failureFrom = (error: ApiError, mode: CallMode): OutboundFailure => {
  switch (error.kind) {
    case 'throttled': return error.limitProblem?.toLowerCase() === 'day' ? dayLimit(error) : failure('throttled', error, { code: `XERO_LIMIT_${(error.limitProblem ?? 'minute').toUpperCase()}` });
    case 'timeout': case 'network': case 'invalid_response': return failure(mode === 'write' ? 'ambiguous' : 'retryable', error);
    case 'unauthorized': return failure('retryable', error);
    case 'needs_reconnect': return failure('retryable', error, { code: 'NEEDS_RECONNECT', message: `reconnect Xero: ${error.message}` });
    case 'unavailable': case 'server': {
      if (error.status === undefined) return failure('retryable', error);
      const kind = httpFailure(error.status, error.message).kind;
      return failure(kind === 'ambiguous' && mode === 'read' ? 'retryable' : kind, error);
    }
    default: return failure('permanent', error);
  }
};

export const permanent = (code: string, message: string, response?: unknown): OutboundFailure =>
  ({ ok: false, kind: 'permanent', code, message, ...(response !== undefined ? { response } : {}) });

/** One object of a summarizeErrors=false answer that Xero refused: that document's failure alone. */
export const objectRefused = (object: Record<string, unknown>, label: string): OutboundFailure =>
  permanent('ValidationException', `Xero refused the ${label}: ${validationMessages(object).join(' ') || 'no reason given'}`, object);

/** The dispatcher's call deadline passed between two calls of one execute: the first may have written. */
export const abandoned = (): OutboundFailure => ({ ok: false, kind: 'ambiguous', message: 'call time limit reached between Xero calls' });
