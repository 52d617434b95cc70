import type { ApiError } from '../../../platform/http/api-result.js';
import { httpFailure, type OutboundFailure } from '../../pipeline/outbound/index.js';

/** A write may have reached Procore when its answer is lost; a read never changes anything. */
export type CallMode = 'write' | 'read';

/** Procore error bodies carry `message` and, for validation, `errors` (field → messages); facts §3. */
const describe = (error: ApiError): string => {
  const body = error.body as { message?: unknown; errors?: unknown } | undefined;
  const message = typeof body?.message === 'string' ? body.message : error.message;
  const errors = body?.errors !== undefined && typeof body.errors === 'object' ? ` ${JSON.stringify(body.errors)}` : '';
  return `Procore ${error.status ?? ''} ${message}${errors}`.replace(/\s+/g, ' ').trim();
};

const withBody = (failure: OutboundFailure, error: ApiError): OutboundFailure => ({
  ...failure,
  ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
  ...(error.body !== undefined ? { response: error.body } : {}),
});

/**
 * A failed Procore call as the dispatcher needs it, by the house rule (classify.ts):
 * 429 throttled (Retry-After kept), 500/502/504 ambiguous for a write, 503/408/401 retryable,
 * a lost answer ambiguous for a write; what Procore refused (400, 403, 404, 406, 409, 422)
 * is permanent, with its status as the code. The handlers settle 404 and 409 first.
 */
export const procoreFailure = (error: ApiError, mode: CallMode): OutboundFailure => {
  const message = describe(error);
  switch (error.kind) {
    case 'timeout': case 'network': case 'invalid_response':
      return withBody({ ok: false, kind: mode === 'write' ? 'ambiguous' : 'retryable', message }, error);
    case 'needs_reconnect': return { ok: false, kind: 'retryable', code: 'NEEDS_RECONNECT', message: `reconnect Procore: ${error.message}` };
    default: break;
  }
  // No status: the token endpoint was down, nothing was sent.
  if (error.status === undefined) return { ok: false, kind: 'retryable', message };
  const failure = httpFailure(error.status, message, { code: String(error.status) });
  return withBody(failure.kind === 'ambiguous' && mode === 'read' ? { ...failure, kind: 'retryable' } : failure, error);
};
