import type { ApiError } from '../../../platform/http/api-result.js';
import type { FailureKind, OutboundFailure } from './outbound-handler.js';

/**
 * Helpers for handler authors: turn an HTTP status or a network error into a failure kind,
 * the same way for every target. The rule of thumb: if the target might have applied the
 * write, the failure is `ambiguous`, so the dispatcher looks before writing again.
 */

/** `Retry-After`: delta seconds or an HTTP date. Undefined when absent or unparseable. */
export const parseRetryAfter = (value: string | null | undefined, now: number = Date.now()): number | undefined => {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
};

/**
 * 500, 502 and 504 can come after the write was applied (the gateway timed out, or the
 * server failed after committing): ambiguous. 503 and 408 mean the request was not
 * processed. 401 is retryable because the client refreshes its token between calls; if it
 * keeps failing, the retry budget ends in a dead letter that tells the operator to reconnect.
 */
export const classifyHttpStatus = (status: number): FailureKind | 'ok' => {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 429) return 'throttled';
  if (status === 500 || status === 502 || status === 504) return 'ambiguous';
  if (status >= 500 || status === 408 || status === 401) return 'retryable';
  return 'permanent';
};

/** Errors raised before any byte reached the target: safe to send again. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED']);

const errorCode = (error: unknown): string | undefined => {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
};

/** A thrown fetch/socket error: refused connections are retryable; resets and timeouts ambiguous. */
export const classifyNetworkError = (error: unknown): OutboundFailure => {
  const code = errorCode(error);
  const name = (error as { name?: unknown })?.name;
  const message = error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error);
  if (code && NOT_SENT.has(code)) return { ok: false, kind: 'retryable', code, message };
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  return { ok: false, kind: 'ambiguous', message: timedOut ? `timed out: ${message}` : message, ...(code ? { code } : {}) };
};

/** A failure from an HTTP answer, with Retry-After honoured. */
export const httpFailure = (
  status: number, message: string, options: { code?: string; retryAfter?: string | null; response?: unknown; now?: number } = {},
): OutboundFailure => {
  const classified = classifyHttpStatus(status);
  const retryAfterMs = parseRetryAfter(options.retryAfter, options.now);
  return {
    ok: false, kind: classified === 'ok' ? 'permanent' : classified, status, message,
    ...(options.code !== undefined ? { code: options.code } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(options.response !== undefined ? { response: options.response } : {}),
  };
};

/**
 * A client's error as an outbound failure of `kind`: the system's own words (`message`) and
 * error code, with the status, Retry-After and response body the error carries.
 */
export const apiErrorFailure = (
  kind: FailureKind, error: ApiError, said: { message: string; code?: string }, extra: Partial<OutboundFailure> = {},
): OutboundFailure => ({
  ok: false, kind, message: said.message,
  ...(error.status !== undefined ? { status: error.status } : {}),
  ...(said.code ? { code: said.code } : {}),
  ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
  ...(error.body !== undefined ? { response: error.body } : {}),
  ...extra,
});
