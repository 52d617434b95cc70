import type { DocumentRef } from '../../../../domain/documents/document-ref.js';
import type { BooksJobResolutionRequested, BooksVendorResolutionRequested } from '../../../../domain/shared/sync-facts.js';
import type { OutboundHandler } from '../../../pipeline/outbound/index.js';
import type { QuickBooksOutboundDeps } from '../deps.js';
import { resolveJobHandler, resolveVendorHandler } from '../resolve.js';
import { asInvoiceSyncRequest, projectDocumentStream, type ProjectRequestData } from './request.js';

type VendorData = BooksVendorResolutionRequested['data'];
type JobData = BooksJobResolutionRequested['data'];

/**
 * invoice-sync's handler for the same work under the shared request type: the data differs
 * only in naming its document `document` (sync-facts), so each call hands the request on
 * with the document also named `invoice`. Lookup, 6240 handling, reactivation and the
 * BooksVendorResolved.v1 / BooksJobResolved.v1 answers are invoice-sync's, unchanged.
 */
const underRequestType = <D extends ProjectRequestData>(requestType: string, inner: OutboundHandler<D & { readonly invoice: DocumentRef }>): OutboundHandler<D> => ({
  requestType,
  target: (request) => inner.target(asInvoiceSyncRequest(request)),
  documentStream: projectDocumentStream,
  execute: (request, context) => inner.execute(asInvoiceSyncRequest(request), context),
  ...(inner.findExisting ? { findExisting: (request, context) => inner.findExisting!(asInvoiceSyncRequest(request), context) } : {}),
  failureOutcome: (request, failure, final) => inner.failureOutcome(asInvoiceSyncRequest(request), failure, final),
});

export const vendorResolutionHandler = (deps: QuickBooksOutboundDeps): OutboundHandler<VendorData> =>
  underRequestType<VendorData>('BooksVendorResolutionRequested.v1', resolveVendorHandler(deps));

export const jobResolutionHandler = (deps: QuickBooksOutboundDeps): OutboundHandler<JobData> =>
  underRequestType<JobData>('BooksJobResolutionRequested.v1', resolveJobHandler(deps));
