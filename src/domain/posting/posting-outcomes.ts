import type { DocumentRef } from '../documents/document-ref.js';
import type { BooksRef } from '../shared/books-ref.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

/**
 * Inputs every document-to-books saga shares: the outbound dispatcher's answers and the
 * mapping's changes. Each answer echoes the `requestNo` of the request it answers; an answer
 * to any other request (a redelivery, a stale retry) is ignored by the saga.
 */
export interface Answer {
  readonly requestNo: number;
}

export type BooksVendorResolved = Msg<'BooksVendorResolved.v1', Answer & { vendorId: string; vendorRef: BooksRef; created: boolean }>;
export type BooksJobResolved = Msg<'BooksJobResolved.v1', Answer & { projectId: string; customerRef: BooksRef; created: boolean }>;

/**
 * One failed attempt. Retrying is the dispatcher's job (backoff, Retry-After, a stale
 * SyncToken 5010 re-read, a 6240 name collision resolved by lookup): `retryable: true` is
 * recorded for the audit only. `retryable: false` (e.g. 2500 invalid reference, 6140
 * duplicate doc number, 6210 closed period) is final and parks the document.
 */
export type PostingFailed = Msg<'PostingFailed.v1', Answer & { retryable: boolean; reason: string; code: string | null; attempt: number }>;
/** The dispatcher spent its retry budget; an operator may retry the same request from the dead letters. */
export type PostingDeadLettered = Msg<'PostingDeadLettered.v1', Answer & { reason: string; code: string | null; attempts: number }>;

/** The connection's mapping changed; the runners send it to parked documents so they resume. */
export type MappingChanged = Msg<'MappingChanged.v1', { version: number; changedAt: string }>;

/**
 * A remap was applied as a new mapping version with "update posted": the runners send it to
 * the saga instances it lists (bills and vendor credits, purchase orders, owner invoices,
 * time activities), which rewrite what they posted with the new mapping. A remap applied
 * with "leave" lists what it left and reaches no saga, so nothing reposts them.
 */
export type MappingRemapApplied = Msg<'MappingRemapApplied.v1', {
  version: number; posted: 'update' | 'leave'; changedBy: string; changedAt: string;
  documents: ReadonlyArray<{ readonly document: DocumentRef; readonly version: string; readonly sagaStream: string }>;
}>;
