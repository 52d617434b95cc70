import { documentStream, type DocumentRef } from '../../../domain/documents/document-ref.js';
import type { PostingDeadLettered, PostingFailed } from '../../../domain/invoice-sync/invoice-sync.inputs.js';
import type { RequestBase } from '../../../domain/posting/sync-facts.js';
import type { FinalFailure, OutboundFailure, OutboundOutcome, OutboundRequest } from '../outbound/index.js';

/** Every invoice-sync request names its invoice and a `requestNo` the outcome echoes. */
export interface InvoiceRequestData {
  readonly requestNo: number;
  readonly invoice: DocumentRef;
}

/** What every request of the document-to-books sagas carries (sync-facts `RequestBase`). */
export type ProjectRequestData = Pick<RequestBase, 'requestNo' | 'document'>;

export const invoiceDocumentStream = (request: OutboundRequest<InvoiceRequestData>): string => documentStream(request.data.invoice);
export const projectDocumentStream = (request: OutboundRequest<ProjectRequestData>): string => documentStream(request.data.document);

/**
 * The saga's answer when a request fails for good, the same for every saga and every books
 * system: dead-lettered (the budget ran out; an operator may retry it) or refused by the
 * books, which parks the document (`retryable: false`).
 */
export const postingFailure = (requestNo: number, failure: OutboundFailure, final: FinalFailure): OutboundOutcome => {
  const code = failure.code ?? null;
  if (final.deadLettered) {
    return { type: 'PostingDeadLettered.v1', data: { requestNo, reason: failure.message, code, attempts: final.attempts } satisfies PostingDeadLettered['data'] };
  }
  return { type: 'PostingFailed.v1', data: { requestNo, retryable: false, reason: failure.message, code, attempt: final.attempts } satisfies PostingFailed['data'] };
};

export const invoiceSyncFailure = (request: OutboundRequest<InvoiceRequestData>, failure: OutboundFailure, final: FinalFailure): OutboundOutcome =>
  postingFailure(request.data.requestNo, failure, final);

export const projectSyncFailure = (request: OutboundRequest<ProjectRequestData>, failure: OutboundFailure, final: FinalFailure): OutboundOutcome =>
  postingFailure(request.data.requestNo, failure, final);
