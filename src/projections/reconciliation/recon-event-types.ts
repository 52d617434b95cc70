import type { BooksEvent } from '../../domain/documents/document-events.js';
import { INVOICE_OUTCOMES, INVOICE_SYNC_FACTS, INVOICE_SYNC_REQUESTS, LEGACY_INVOICE_SYNC } from '../../domain/invoice-sync/index.js';
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
  ...(['BooksObjectEditedByHand.v1', 'BooksObjectDeletedByHand.v1', 'BillPaymentRecorded.v1', 'BillPaymentChanged.v1'] satisfies readonly BooksEvent['type'][]),
  // Subcontractor-invoice saga: requests (drafts carry the cost lines), outcomes, facts, and
  // its parks as written before issue 12. Its parks are now the shared DocumentSyncParked /
  // DocumentSyncResumed; the other sagas' are skipped (evolve-sync), so no rebuild is needed.
  ...INVOICE_SYNC_REQUESTS, ...INVOICE_OUTCOMES, ...INVOICE_SYNC_FACTS, LEGACY_INVOICE_SYNC.parked, LEGACY_INVOICE_SYNC.resumed,
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
