import type { AdjustmentCause } from '../budget/budget.events.js';
import type { DocumentRef } from '../documents/document-ref.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';
import type {
  BooksJobResolutionRequested, DocumentMappingMissing, DocumentSyncParked, DocumentSyncResumed, RequestBase,
} from '../posting/sync-facts.js';
import type { SalesLine } from './sales-lines.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

/**
 * What one owner invoice writes to the books. QuickBooks refuses negative invoice lines
 * (2290), so retainage is never a negative line:
 * - progress: the work billed this period, each line net of the retainage withheld on it,
 *   with text lines saying what was withheld (the retainage receivable the hub keeps).
 * - retainage-release: a separate invoice for the retainage released this period, on the
 *   connection's Retainage item.
 */
export type InvoicePurpose = 'progress' | 'retainage-release';

/** Everything the dispatcher needs to write a QuickBooks Invoice; no lookups left. */
export interface InvoiceDraft {
  /** The owner's Job: the project's Customer:Job. */
  readonly customerRef: BooksRef;
  readonly txnDate: string;
  /** At most 21 characters; the release invoice adds "-R". */
  readonly docNumber: string;
  /** Owner-visible (CustomerMemo). */
  readonly customerMemo: string;
  /** Starts with `hubMarker`. */
  readonly privateNote: string;
  readonly hubMarker: string;
  readonly lines: readonly SalesLine[];
  /** Sum of the item lines; never below zero. */
  readonly total: Cents;
}

interface Existing {
  readonly invoiceId: string;
  readonly lastKnownSyncToken: string;
}

export type PostInvoiceRequested = Msg<'PostInvoiceRequested.v1', RequestBase & InvoiceDraft & { purpose: InvoicePurpose }>;
/** A full update: `lines` is the whole new line set. */
export type UpdateInvoiceRequested = Msg<'UpdateInvoiceRequested.v1', RequestBase & InvoiceDraft & Existing & { purpose: InvoicePurpose }>;
/** QBO void (`operation=void`): the invoice stays, at zero, for the audit trail. */
export type VoidInvoiceRequested = Msg<'VoidInvoiceRequested.v1', RequestBase & Existing & { purpose: InvoicePurpose; docNumber: string }>;

export type OwnerInvoiceRequest = BooksJobResolutionRequested | PostInvoiceRequested | UpdateInvoiceRequested | VoidInvoiceRequested;

/** An approved prime change order an owner invoice carries (see PrimeChangeOrderBillingChanged.v1). */
export interface ChangeOrderToCarry {
  readonly document: DocumentRef;
  readonly version: string;
  readonly primeContractId: string;
  readonly number: string;
  readonly title: string;
  /** What the change order moved the contract by at that version (negative for a deductive change). */
  readonly delta: Cents;
}

interface FactBase {
  /** The owner invoice (Procore payment application). */
  readonly document: DocumentRef;
  readonly version: string;
}

/**
 * Retainage receivable held on a project moved: withheld by an approved owner invoice,
 * released by a later one, by difference on revision, reversed on void. `heldAfter` is the
 * project's total after it (from the runner's RetainageHeld projection plus `delta`).
 */
export type RetainageHeldChanged = Msg<'RetainageHeldChanged.v1', {
  projectId: string; primeContractId: string; delta: Cents; heldAfter: Cents; cause: AdjustmentCause;
}>;
/** The change orders this owner invoice carries, fixed when first approved; none once it is voided (the next one carries them). */
export type OwnerInvoiceChangeOrdersCarried = Msg<'OwnerInvoiceChangeOrdersCarried.v1', FactBase & { primeContractId: string; changeOrders: readonly ChangeOrderToCarry[] }>;
/** The books hold this version: its progress invoice and, when retainage was released, the release invoice. */
export type OwnerInvoiceSynced = Msg<'OwnerInvoiceSynced.v1', FactBase & { progressInvoiceId: string | null; releaseInvoiceId: string | null; total: Cents }>;
/** The owner invoice was voided and so is everything it wrote to the books. */
export type OwnerInvoiceVoidSynced = Msg<'OwnerInvoiceVoidSynced.v1', FactBase & { voidedInvoiceIds: readonly string[] }>;

export type OwnerInvoiceFact =
  | RetainageHeldChanged | OwnerInvoiceChangeOrdersCarried | OwnerInvoiceSynced | OwnerInvoiceVoidSynced
  | DocumentMappingMissing | DocumentSyncParked | DocumentSyncResumed;

export type OwnerInvoiceOutput = OwnerInvoiceRequest | OwnerInvoiceFact;
