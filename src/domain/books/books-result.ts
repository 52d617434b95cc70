/**
 * Why a call to the books failed, which decides what happens next (the outbound
 * dispatcher's `OutboundFailure` has this shape):
 * - `retryable`: nothing was applied (unavailable, stale version still after re-reads).
 * - `ambiguous`: the write may have happened: find it by its marker before writing again.
 * - `permanent`: the books refused the content; retrying cannot help.
 * - `throttled`: slow down; does not use the retry budget.
 */
export type BooksFailureKind = 'retryable' | 'ambiguous' | 'permanent' | 'throttled';

export interface BooksFailure {
  readonly ok: false;
  readonly kind: BooksFailureKind;
  readonly status?: number;
  /** The books' own error code (QuickBooks Fault code, Xero error type, qbXML statusCode). */
  readonly code?: string;
  /** Names the field and the fix where the books say. */
  readonly message: string;
  readonly retryAfterMs?: number;
  /** The books' answer, for the audit trail (trimmed and redacted before it is stored). */
  readonly response?: unknown;
}

export interface BooksSuccess<T> {
  readonly ok: true;
  readonly value: T;
  readonly status?: number;
  readonly response?: unknown;
}

export type BooksResult<T> = BooksSuccess<T> | BooksFailure;

export const isBooksFailure = (value: unknown): value is BooksFailure =>
  typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;

/** Thrown by a saga-side lookup worth repeating (throttled, down): the saga runner retries the input with backoff. */
export class BooksLookupUnavailableError extends Error {
  constructor(what: string, reason: string) {
    super(`${what}: ${reason}`);
    this.name = 'LookupUnavailableError';
  }
}
