/**
 * What an API call ends in. Expected failures (404, throttling, a connection that needs
 * reconnecting) are values the caller switches on, never exceptions (STYLE rule 7).
 */
export type ApiErrorKind =
  | 'not_found' // 404 / 410: gone, or not visible to us
  | 'unauthorized' // 401 even after one token refresh
  | 'forbidden' // 403: scope, permission, app not installed
  | 'rejected' // other 4xx: the request itself is wrong
  | 'throttled' // 429 after the retries the client allows itself
  | 'unavailable' // 502/503/504, or the token endpoint is down
  | 'server' // other 5xx
  | 'timeout'
  | 'network'
  | 'invalid_response' // 2xx with a body that is not what the API documents
  | 'needs_reconnect'; // the refresh token was refused: a person must reconnect

export interface ApiError {
  readonly kind: ApiErrorKind;
  readonly status?: number;
  /** Safe to log: never contains a token or a request header. */
  readonly message: string;
  /** Worth trying again later (the subscription retries, the poller comes back). */
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly body?: unknown;
  /** A 429's `X-Rate-Limit-Problem` (Xero: minute, day, appminute, concurrent): a day limit stops the tenant until tomorrow. */
  readonly limitProblem?: string;
}

export type ApiResult<T> =
  | { readonly ok: true; readonly status: number; readonly body: T; readonly headers: Headers }
  | { readonly ok: false; readonly error: ApiError };

const RETRYABLE: ReadonlySet<ApiErrorKind> = new Set(['throttled', 'unavailable', 'server', 'timeout', 'network', 'unauthorized']);

export const apiError = (kind: ApiErrorKind, message: string, extra: Partial<Omit<ApiError, 'kind' | 'message'>> = {}): ApiError =>
  ({ kind, message, retryable: RETRYABLE.has(kind), ...extra });

export const kindForStatus = (status: number): ApiErrorKind => {
  if (status === 404 || status === 410) return 'not_found';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'throttled';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  if (status >= 500) return 'server';
  return 'rejected';
};

/** Thrown by callers that cannot go on without the value (e.g. inside a subscription handler, to get a retry). */
export class ApiCallError extends Error {
  constructor(readonly target: string, readonly error: ApiError) {
    super(`${target}: ${error.kind}${error.status ? ` (HTTP ${error.status})` : ''}: ${error.message}`);
    this.name = 'ApiCallError';
  }
}

/** The body of a successful result, or an ApiCallError. */
export const unwrap = <T>(target: string, result: ApiResult<T>): T => {
  if (!result.ok) throw new ApiCallError(target, result.error);
  return result.body;
};
