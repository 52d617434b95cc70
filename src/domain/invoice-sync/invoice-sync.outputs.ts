import type { DocumentRef } from '../documents/document-ref.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';
import type { RetainageMode, VendorMatchMode } from '../mapping/mapping.types.js';
import type { BooksLine } from '../posting/books-line.js';
import type { DocumentSyncParked, DocumentSyncResumed, UnmappedCostCode } from '../posting/sync-facts.js';

/** Parks and resumes are the shared DocumentSyncParked / DocumentSyncResumed of every document-to-books saga. */
export type { BooksLine, DocumentSyncParked, DocumentSyncResumed };

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

export type BooksEntity = 'Bill' | 'VendorCredit';

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

export type InvoiceValidated = Msg<'InvoiceValidated.v1', FactBase & { grossAmount: Cents; retainageAmount: Cents; netAmount: Cents }>;
/** `jobMissingFor`: the project id when the mapping has no Customer:Job for it. */
export type MappingMissing = Msg<'MappingMissing.v1', FactBase & { costCodes: readonly UnmappedCostCode[]; jobMissingFor: string | null; message: string }>;
/** `field` is a path into the invoice snapshot, e.g. "retainageAmount" or "lines[2].retainage". */
export type ValidationFailed = Msg<'ValidationFailed.v1', FactBase & { field: string; message: string }>;
/** The books hold this version of the invoice. */
export type InvoiceSynced = Msg<'InvoiceSynced.v1', FactBase & { entity: BooksEntity; booksId: string; docNumber: string; syncToken: string }>;
/** The invoice was voided and nothing of it is left in the books (`removed`: what was deleted, if anything). */
export type InvoiceVoidSynced = Msg<'InvoiceVoidSynced.v1', FactBase & { removed: { readonly entity: BooksEntity; readonly booksId: string } | null }>;

/**
 * A Buildertrend bill the books already held (same vendor, number and amount): linked to it,
 * never written by the hub. InvoiceSynced follows.
 */
export type InvoiceMatchedInBooks = Msg<'InvoiceMatchedInBooks.v1', FactBase & {
  entity: BooksEntity; booksId: string; docNumber: string; syncToken: string; mode: 'hub-posts' | 'books-synced-natively';
  /** The bill's total (positive) and its cost lines, as the reconciliation counts what the books hold for it. */
  total: Cents; lines: ReadonlyArray<{ readonly costCode: string; readonly costType: string | null; readonly amount: Cents }>;
}>;

export type InvoiceSyncFact =
  | InvoiceMatchedInBooks | InvoiceValidated | MappingMissing | ValidationFailed | DocumentSyncParked | DocumentSyncResumed | InvoiceSynced | InvoiceVoidSynced;

export type InvoiceSyncOutput = InvoiceSyncRequest | InvoiceSyncFact;
