import type { DocumentRef, DocumentType, Source } from '../../../../domain/documents/document-ref.js';
import { ApiCallError, type ApiResult } from '../../../../platform/http/api-result.js';
import type { ChangeNotice } from '../inbox/inbox-events.js';

/** A document as fetched just now: its normalised snapshot at a source version. */
export interface Observation {
  readonly ref: DocumentRef;
  readonly version: string;
  readonly snapshot: unknown;
  readonly raw: unknown;
  /** Books objects the hub created: the object as the hub last knew it. */
  readonly hubBaseline?: unknown;
  /** Runs once the observation was recorded as a fact (books objects: move the baseline). */
  readonly afterRecord?: () => Promise<void>;
}

export type FetchOutcome =
  | { readonly kind: 'observed'; readonly observation: Observation }
  /** Deleted at the source (a delete notice, or 404 on fetch). */
  | { readonly kind: 'gone'; readonly ref: DocumentRef; readonly at: string; readonly hubBaseline?: unknown }
  | { readonly kind: 'ignored'; readonly reason: string };

export interface FetchContext {
  readonly notice: ChangeNotice;
  /** When this fetch happened (ISO): the version of sources that have no updated_at. */
  readonly observedAt: string;
}

export const refOf = (ctx: FetchContext, source: Source, type: DocumentType, externalId = ctx.notice.resourceId): DocumentRef =>
  ({ connection: ctx.notice.connection, source, type, externalId });

export const ignored = (reason: string): FetchOutcome => ({ kind: 'ignored', reason });

/** When it went: the source's time for the delete, else now. */
export const goneAt = (ctx: FetchContext): string => ctx.notice.occurredAt ?? ctx.observedAt;

/**
 * A failed fetch: 404 means the document is gone; a connection that needs reconnecting is
 * set aside (the poll catches up once it is reconnected); anything else is thrown so the
 * subscription retries, then parks the notice.
 */
export const failedFetch = (ctx: FetchContext, ref: DocumentRef, result: ApiResult<unknown> & { ok: false }, target: string): FetchOutcome => {
  if (result.error.kind === 'not_found') return { kind: 'gone', ref, at: goneAt(ctx) };
  if (result.error.kind === 'needs_reconnect') return ignored('connection needs reconnecting');
  throw new ApiCallError(target, result.error);
};
