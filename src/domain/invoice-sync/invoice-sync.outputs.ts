import type { DocumentRef } from '../documents/document-ref.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';
import type { RetainageMode, VendorMatchMode } from '../mapping/mapping.types.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

export type BooksEntity = 'Bill' | 'VendorCredit';

interface LineBase {
  readonly description: string;
  /** Positive on a bill's cost lines; a vendor credit's lines are positive too (the credit is the entity). */
  readonly amount: Cents;
  readonly classRef: BooksRef | null;
  /** The Customer:Job the cost belongs to. */
  readonly customerRef: BooksRef | null;
  readonly billable: boolean;
  /** 'retainage': the negative-line treatment's line to the retainage-payable account. */
  readonly role: 'cost' | 'retainage';
  /** The invoice line it comes from; null for the retainage line. */
  readonly source: { readonly lineId: string; readonly costCode: string; readonly costType: string | null } | null;
  /**
   * The commitment's PurchaseOrder line this cost is billed against (QBO Line.LinkedTxn). Set
   * only on a new bill's lines: QuickBooks links a line to a PO only when the line is created,
   * so updates and vendor credits never carry it. Absent in events recorded before it existed.
   */
  readonly linkedTxn?: { readonly txnId: string; readonly txnType: 'PurchaseOrder'; readonly txnLineId: string } | null;
}

/** One line of the books document: account-based, or item-based with quantity 1 at `amount`. */
export type BooksLine =
  | (LineBase & { readonly kind: 'account'; readonly accountRef: BooksRef })
  | (LineBase & { readonly kind: 'item'; readonly itemRef: BooksRef; readonly qty: 1; readonly unitPrice: Cents });

/** Everything the dispatcher needs to write the bill or vendor credit; no lookups left. */
export interface BooksDraft {
  readonly vendorRef: BooksRef;
  readonly txnDate: string;
  /** null: the books apply the vendor's terms. */
  readonly dueDate: string | null;
  /** The vendor's invoice number, at most 21 characters (QBO DocNumber). */
  readonly docNumber: string;
  /** Starts with `hubMarker`, then says where the document came from. */
  readonly privateNote: string;
  /** `trestle:{connection}:{invoiceId}:{version}`: finds what an ambiguous failure may have written. */
  readonly hubMarker: string;
  readonly lines: readonly BooksLine[];
  /** Sum of the lines. */
  readonly total: Cents;
  readonly retainage: { readonly mode: RetainageMode; readonly held: Cents };
}

/** Requests are numbered per saga; the dispatcher echoes `requestNo` in every outcome. */
interface RequestBase {
  readonly requestNo: number;
  readonly invoice: DocumentRef;
  /** The invoice version the request reflects. */
  readonly version: string;
}
/** The dispatcher re-reads the current SyncToken on 5010 and retries; this one saves a read. */
interface Existing { readonly lastKnownSyncToken: string }

export type ResolveVendorRequested = Msg<'ResolveVendorRequested.v1', RequestBase & { vendorId: string; displayName: string; match: VendorMatchMode }>;
export type ResolveJobRequested = Msg<'ResolveJobRequested.v1', RequestBase & { projectId: string; parentCustomerRef: BooksRef; jobName: string }>;
export type PostBillRequested = Msg<'PostBillRequested.v1', RequestBase & BooksDraft>;
export type UpdateBillRequested = Msg<'UpdateBillRequested.v1', RequestBase & BooksDraft & Existing & { billId: string }>;
export type DeleteBillRequested = Msg<'DeleteBillRequested.v1', RequestBase & Existing & { billId: string; docNumber: string }>;
export type PostVendorCreditRequested = Msg<'PostVendorCreditRequested.v1', RequestBase & BooksDraft>;
export type UpdateVendorCreditRequested = Msg<'UpdateVendorCreditRequested.v1', RequestBase & BooksDraft & Existing & { vendorCreditId: string }>;
export type DeleteVendorCreditRequested = Msg<'DeleteVendorCreditRequested.v1', RequestBase & Existing & { vendorCreditId: string; docNumber: string }>;

export type InvoiceSyncRequest =
  | ResolveVendorRequested | ResolveJobRequested
  | PostBillRequested | UpdateBillRequested | DeleteBillRequested
  | PostVendorCreditRequested | UpdateVendorCreditRequested | DeleteVendorCreditRequested;

interface FactBase {
  readonly invoice: DocumentRef;
  readonly version: string;
}

export interface UnmappedCostCode {
  readonly costCode: string;
  readonly costType: string | null;
  readonly lineIds: readonly string[];
}

export type ParkReason = 'mapping-missing' | 'validation-failed' | 'books-rejected' | 'dead-lettered';
export type ResumeCause = 'revised' | 'mapping-changed' | 'retry-requested' | 'request-completed';

export type InvoiceValidated = Msg<'InvoiceValidated.v1', FactBase & { grossAmount: Cents; retainageAmount: Cents; netAmount: Cents }>;
/** `jobMissingFor`: the project id when the mapping has no Customer:Job for it. */
export type MappingMissing = Msg<'MappingMissing.v1', FactBase & { costCodes: readonly UnmappedCostCode[]; jobMissingFor: string | null; message: string }>;
/** `field` is a path into the invoice snapshot, e.g. "retainageAmount" or "lines[2].retainage". */
export type ValidationFailed = Msg<'ValidationFailed.v1', FactBase & { field: string; message: string }>;
/** This invoice waits (other invoices keep flowing); the message says what to fix. */
export type InvoiceSyncParked = Msg<'InvoiceSyncParked.v1', FactBase & { reasons: readonly ParkReason[]; message: string }>;
export type InvoiceSyncResumed = Msg<'InvoiceSyncResumed.v1', FactBase & { cause: ResumeCause }>;
/** The books hold this version of the invoice. */
export type InvoiceSynced = Msg<'InvoiceSynced.v1', FactBase & { entity: BooksEntity; booksId: string; docNumber: string; syncToken: string }>;
/** The invoice was voided and nothing of it is left in the books (`removed`: what was deleted, if anything). */
export type InvoiceVoidSynced = Msg<'InvoiceVoidSynced.v1', FactBase & { removed: { readonly entity: BooksEntity; readonly booksId: string } | null }>;

export type InvoiceSyncFact =
  | InvoiceValidated | MappingMissing | ValidationFailed | InvoiceSyncParked | InvoiceSyncResumed | InvoiceSynced | InvoiceVoidSynced;

export type InvoiceSyncOutput = InvoiceSyncRequest | InvoiceSyncFact;
