import type { DocumentRef } from './document-ref.js';
import type {
  BooksObjectSnapshot, BooksPaymentSnapshot, BudgetLineSnapshot, ChangeOrderSnapshot, CommitmentSnapshot, CostCodeSnapshot,
  CostTypeSnapshot, OwnerInvoiceSnapshot, ProjectSnapshot, SubcontractorInvoiceSnapshot, TimecardSnapshot, VendorSnapshot,
} from './snapshots.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

/** Every document event carries the document, the version seen, the snapshot and the raw payload. */
export interface DocumentEventData<S> {
  readonly ref: DocumentRef;
  /** The source's version of the document (e.g. updated_at, SyncToken); one event per version. */
  readonly version: string;
  /** When the hub fetched it (from the command, not a clock in the domain). */
  readonly observedAt: string;
  readonly snapshot: S;
  /** The source payload as fetched, kept for audit. */
  readonly raw: unknown;
}

type Lifecycle<Name extends string, S, Changes extends string> = {
  [C in Changes]: Msg<`${Name}${C}.v1`, DocumentEventData<S>>;
}[Changes];

export type SubcontractorInvoiceEvent = Lifecycle<'SubcontractorInvoice', SubcontractorInvoiceSnapshot, 'Submitted' | 'Approved' | 'Revised' | 'Voided'>;
export type OwnerInvoiceEvent = Lifecycle<'OwnerInvoice', OwnerInvoiceSnapshot, 'Submitted' | 'Approved' | 'Revised' | 'Voided'>;
export type CommitmentEvent = Lifecycle<'Commitment', CommitmentSnapshot, 'Created' | 'Approved' | 'Revised' | 'Voided'>;
export type CommitmentChangeOrderEvent = Lifecycle<'CommitmentChangeOrder', ChangeOrderSnapshot, 'Created' | 'Approved' | 'Revised' | 'Voided'>;
export type PrimeChangeOrderEvent = Lifecycle<'PrimeChangeOrder', ChangeOrderSnapshot, 'Created' | 'Approved' | 'Revised' | 'Voided'>;
export type BudgetLineEvent = Msg<'BudgetLineChanged.v1', DocumentEventData<BudgetLineSnapshot>>;
export type TimecardEvent = Lifecycle<'Timecard', TimecardSnapshot, 'Approved' | 'Revised' | 'Voided'>;
export type ReferenceDataEvent =
  | Msg<'ProjectObserved.v1', DocumentEventData<ProjectSnapshot>>
  | Msg<'VendorObserved.v1', DocumentEventData<VendorSnapshot>>
  | Msg<'CostCodeObserved.v1', DocumentEventData<CostCodeSnapshot>>
  | Msg<'CostTypeObserved.v1', DocumentEventData<CostTypeSnapshot>>;

/** From the books: payments, and hand edits or deletions of objects the hub created. */
export type BooksEvent =
  | Msg<'BillPaymentRecorded.v1', DocumentEventData<BooksPaymentSnapshot>>
  | Msg<'BillPaymentChanged.v1', DocumentEventData<BooksPaymentSnapshot>>
  | Msg<'PaymentReceived.v1', DocumentEventData<BooksPaymentSnapshot>>
  | Msg<'PaymentChanged.v1', DocumentEventData<BooksPaymentSnapshot>>
  | Msg<'BooksObjectEditedByHand.v1', DocumentEventData<BooksObjectSnapshot>>
  | Msg<'BooksObjectDeletedByHand.v1', DocumentEventData<BooksObjectSnapshot>>;

export type DocumentEvent =
  | SubcontractorInvoiceEvent | OwnerInvoiceEvent | CommitmentEvent | CommitmentChangeOrderEvent | PrimeChangeOrderEvent
  | BudgetLineEvent | TimecardEvent | ReferenceDataEvent | BooksEvent;

export type DocumentEventType = DocumentEvent['type'];
