import type { BooksEvent } from '../documents/document-events.js';
import type { DocumentRef } from '../documents/document-ref.js';
import type { PostingDeadLettered, PostingFailed } from '../posting/posting-outcomes.js';
import type { SyncRetryRequested } from '../posting/sync-facts.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

/** A BillPayment (to a vendor) or a Payment (from a customer) seen in the books, first or changed. */
export type BooksPaymentEvent = Extract<BooksEvent, { type: 'BillPaymentRecorded.v1' | 'BillPaymentChanged.v1' | 'PaymentReceived.v1' | 'PaymentChanged.v1' }>;

interface Answer {
  readonly requestNo: number;
}

/** Procore `contract_payments`: the id of the payment written. */
export type ProcorePaymentRecorded = Msg<'ProcorePaymentRecorded.v1', Answer & { contractPaymentId: string }>;
export type ProcorePaymentUpdated = Msg<'ProcorePaymentUpdated.v1', Answer & { contractPaymentId: string }>;
/** Also the answer when it was already gone (404). */
export type ProcorePaymentDeleted = Msg<'ProcorePaymentDeleted.v1', Answer & { contractPaymentId: string }>;

export type ProcorePaymentOutcome = ProcorePaymentRecorded | ProcorePaymentUpdated | ProcorePaymentDeleted;

export type PaymentInput = BooksPaymentEvent | ProcorePaymentOutcome | PostingFailed | PostingDeadLettered | SyncRetryRequested;

/**
 * A books transaction the hub created, and the Procore document behind it: a Bill for a
 * subcontractor invoice (requisition), or an Invoice for an owner invoice (payment
 * application; its retainage release invoice links to it too).
 */
export interface BooksDocumentLink {
  readonly txnId: string;
  readonly txnType: 'Bill' | 'Invoice';
  readonly document: DocumentRef;
  readonly projectId: string;
  /** The commitment (bills) or the prime contract (invoices). */
  readonly contractId: string;
  /** The invoice number Procore shows, for the payment's record. */
  readonly invoiceNumber: string | null;
}

/** What the runner looks up: its link table, kept from posting outcomes (BillPosted.v1, InvoicePosted.v1, ...). */
export interface PaymentContext {
  /** Links for the transactions this payment applies to; a transaction without one is not the hub's and is skipped. */
  readonly links: readonly BooksDocumentLink[];
}
