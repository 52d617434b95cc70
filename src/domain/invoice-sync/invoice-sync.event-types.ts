import type { SubcontractorInvoiceEvent } from '../documents/document-events.js';
import { everyType } from '../shared/event-types.js';
import { SYNC_FACT } from '../posting/sync-facts.js';
import type { BooksOutcome, InvoiceSyncInput, PostingDeadLettered, PostingFailed } from './invoice-sync.inputs.js';
import type { InvoiceSyncFact, InvoiceSyncRequest } from './invoice-sync.outputs.js';

/**
 * The saga's event types as lists, for routing where parts meet (the saga's subscription,
 * the reconciliation): each checked by the compiler against its union, none missing.
 */
export const INVOICE_DOCUMENT_EVENTS = everyType<SubcontractorInvoiceEvent['type']>()([
  'SubcontractorInvoiceSubmitted.v1', 'SubcontractorInvoiceApproved.v1', 'SubcontractorInvoiceRevised.v1', 'SubcontractorInvoiceVoided.v1',
]);

/** The dispatcher's answers the saga waits for. */
export const INVOICE_OUTCOMES = everyType<(BooksOutcome | PostingFailed | PostingDeadLettered)['type']>()([
  'BooksVendorResolved.v1', 'BooksJobResolved.v1', 'BillPosted.v1', 'BillUpdated.v1', 'BillDeleted.v1',
  'VendorCreditPosted.v1', 'VendorCreditUpdated.v1', 'VendorCreditDeleted.v1', 'PostingFailed.v1', 'PostingDeadLettered.v1',
]);

export const INVOICE_SYNC_INPUTS = everyType<InvoiceSyncInput['type']>()([
  ...INVOICE_DOCUMENT_EVENTS, ...INVOICE_OUTCOMES, 'MappingChanged.v1', 'MappingRemapApplied.v1', 'SyncRetryRequested.v1',
]);

export const INVOICE_SYNC_REQUESTS = everyType<InvoiceSyncRequest['type']>()([
  'ResolveVendorRequested.v1', 'ResolveJobRequested.v1', 'PostBillRequested.v1', 'UpdateBillRequested.v1', 'DeleteBillRequested.v1',
  'PostVendorCreditRequested.v1', 'UpdateVendorCreditRequested.v1', 'DeleteVendorCreditRequested.v1',
]);

export const INVOICE_SYNC_FACTS = everyType<InvoiceSyncFact['type']>()([
  'InvoiceMatchedInBooks.v1', 'InvoiceValidated.v1', 'MappingMissing.v1', 'ValidationFailed.v1', SYNC_FACT.parked, SYNC_FACT.resumed, 'InvoiceSynced.v1', 'InvoiceVoidSynced.v1',
]);
