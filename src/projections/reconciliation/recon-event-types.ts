import { CONSTRUCTION_EVENT_TYPES } from './evolve-construction.js';

/**
 * What the reconciliation reads (STYLE rule 10: a declared canHandle). The store filters
 * on it, so webhooks, outbound attempts and reference data are never sent to a rebuild.
 * A new saga's requests, outcomes or facts are added here with a version bump of the
 * projection, which rebuilds it.
 */
export const RECONCILIATION_EVENT_TYPES: readonly string[] = [
  ...CONSTRUCTION_EVENT_TYPES,
  // Books side: hand changes to what the hub wrote, and payments on its bills.
  'BooksObjectEditedByHand.v1', 'BooksObjectDeletedByHand.v1', 'BillPaymentRecorded.v1', 'BillPaymentChanged.v1',
  // Subcontractor-invoice saga: requests (drafts carry the cost lines), outcomes, facts.
  'ResolveVendorRequested.v1', 'ResolveJobRequested.v1', 'PostBillRequested.v1', 'UpdateBillRequested.v1', 'DeleteBillRequested.v1',
  'PostVendorCreditRequested.v1', 'UpdateVendorCreditRequested.v1', 'DeleteVendorCreditRequested.v1',
  'BooksVendorResolved.v1', 'BooksJobResolved.v1', 'BillPosted.v1', 'BillUpdated.v1', 'BillDeleted.v1',
  'VendorCreditPosted.v1', 'VendorCreditUpdated.v1', 'VendorCreditDeleted.v1', 'PostingFailed.v1', 'PostingDeadLettered.v1',
  'MappingMissing.v1', 'ValidationFailed.v1', 'InvoiceSyncParked.v1', 'InvoiceSyncResumed.v1', 'InvoiceSynced.v1', 'InvoiceVoidSynced.v1',
  // Timecard saga: TimeActivity drafts carry the labour cost (hours × cost rate); outcomes and facts.
  'BooksJobResolutionRequested.v1', 'PostTimeActivityRequested.v1', 'UpdateTimeActivityRequested.v1', 'DeleteTimeActivityRequested.v1',
  'TimeActivityPosted.v1', 'TimeActivityUpdated.v1', 'TimeActivityDeleted.v1', 'TimecardSynced.v1', 'TimecardVoidSynced.v1',
  'DocumentSyncParked.v1', 'DocumentSyncResumed.v1',
  // Owner-invoice saga: its requests and answers (pending while out), what AR carries for it; customer payments.
  'PostInvoiceRequested.v1', 'UpdateInvoiceRequested.v1', 'VoidInvoiceRequested.v1', 'InvoicePosted.v1', 'InvoiceUpdated.v1', 'InvoiceVoided.v1',
  'OwnerInvoiceSynced.v1', 'OwnerInvoiceVoidSynced.v1', 'PaymentReceived.v1', 'PaymentChanged.v1',
  // Outbound dispatcher: dead letters and operator retries.
  'OutboundDeadLettered.v1', 'OutboundRetryRequested.v1',
];
