import { documentStream, type DocumentRef } from '../../../../domain/documents/document-ref.js';
import type { RequestBase } from '../../../../domain/shared/sync-facts.js';
import type { FinalFailure, OutboundFailure, OutboundOutcome, OutboundRequest } from '../../../pipeline/outbound/index.js';
import { invoiceSyncFailure } from '../outcomes.js';

/** What every request of the document-to-books sagas carries (sync-facts `RequestBase`). */
export type ProjectRequestData = Pick<RequestBase, 'requestNo' | 'document'>;

export const projectDocumentStream = (request: OutboundRequest<ProjectRequestData>): string => documentStream(request.data.document);

/**
 * The same request in invoice-sync's shape, its document named `invoice`: invoice-sync's
 * handlers and failure outcome read nothing else, so they serve these requests unchanged.
 */
export const asInvoiceSyncRequest = <D extends ProjectRequestData>(request: OutboundRequest<D>): OutboundRequest<D & { readonly invoice: DocumentRef }> =>
  ({ ...request, data: { ...request.data, invoice: request.data.document } });

/** `PostingDeadLettered.v1` when the budget ran out, else `PostingFailed.v1` (retryable false): as for invoices. */
export const projectSyncFailure = (request: OutboundRequest<ProjectRequestData>, failure: OutboundFailure, final: FinalFailure): OutboundOutcome =>
  invoiceSyncFailure(asInvoiceSyncRequest(request), failure, final);

export const isOutboundFailure = (value: unknown): value is OutboundFailure =>
  typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
