import type { CommittedCostAdjusted } from '../budget/budget.events.js';
import type { BooksLine } from '../posting/books-line.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';
import type {
  BooksJobResolutionRequested, BooksVendorResolutionRequested, DocumentMappingMissing, DocumentSyncParked, DocumentSyncResumed, RequestBase,
} from '../posting/sync-facts.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

/** A change order a PurchaseOrder's lines reflect, at that version (a voided one, by leaving its lines out). */
export interface ChangeOrderVersion {
  readonly changeOrderId: string;
  readonly number: string;
  readonly version: string;
}

/**
 * One PurchaseOrder line per cost code and type: the commitment's lines on it plus its
 * approved change orders' (a change order adds a line or adjusts one), mapped like a bill's.
 */
export type PurchaseOrderLine = BooksLine & {
  /** `costKey` of the cost code and type: the line's identity across updates. */
  readonly lineKey: string;
  /** The line's Id in the books, sent on update so bills linked to it stay linked; null for a new line. */
  readonly lineId: string | null;
};

/** Everything the dispatcher needs to write the PurchaseOrder; no lookups left. */
export interface PurchaseOrderDraft {
  readonly vendorRef: BooksRef;
  readonly txnDate: string;
  /** The commitment number (QBO DocNumber, at most 21 characters). */
  readonly docNumber: string;
  /** Vendor-visible: the commitment's title. */
  readonly memo: string;
  /** Starts with `hubMarker`. */
  readonly privateNote: string;
  readonly hubMarker: string;
  readonly lines: readonly PurchaseOrderLine[];
  readonly total: Cents;
  readonly changeOrders: readonly ChangeOrderVersion[];
  /** The mapping version of the remap ("update posted") these lines reflect; absent before any. */
  readonly remap?: number;
}

interface Existing {
  readonly purchaseOrderId: string;
  /** The dispatcher re-reads the current SyncToken on 5010 and retries; this one saves a read. */
  readonly lastKnownSyncToken: string;
}

export type PostPurchaseOrderRequested = Msg<'PostPurchaseOrderRequested.v1', RequestBase & PurchaseOrderDraft>;
/** A full update: `lines` is the whole new line set (lines left out are removed); it also reopens a PO closed when the commitment was voided. */
export type UpdatePurchaseOrderRequested = Msg<'UpdatePurchaseOrderRequested.v1', RequestBase & PurchaseOrderDraft & Existing>;
/** Sets POStatus Closed: a voided commitment's PO stays in the books (bills may link to it) but takes no more bills. */
export type ClosePurchaseOrderRequested = Msg<'ClosePurchaseOrderRequested.v1', RequestBase & Existing & { docNumber: string; hubMarker: string }>;

export type CommitmentPoRequest =
  | BooksVendorResolutionRequested | BooksJobResolutionRequested
  | PostPurchaseOrderRequested | UpdatePurchaseOrderRequested | ClosePurchaseOrderRequested;

/** Where a cost code's line is on the PO: what a bill line on that code links to (LinkedTxn). */
export interface PurchaseOrderLineLink {
  readonly lineKey: string;
  readonly lineId: string;
  readonly costCode: string;
  readonly costType: string | null;
}

interface FactBase {
  /** The commitment. */
  readonly document: RequestBase['document'];
  readonly version: string;
}

/**
 * The books' PurchaseOrder holds this commitment version and these change order versions.
 * Routed to each change order's saga too (it records its PO step done), and the runner's link
 * table for bills' LinkedTxn reads it.
 */
export type PurchaseOrderSynced = Msg<'PurchaseOrderSynced.v1', FactBase & {
  projectId: string; commitmentId: string; purchaseOrderId: string; docNumber: string;
  lines: readonly PurchaseOrderLineLink[]; changeOrders: readonly ChangeOrderVersion[];
}>;
/** The commitment was voided and its PO is closed. */
export type PurchaseOrderVoidSynced = Msg<'PurchaseOrderVoidSynced.v1', FactBase & { purchaseOrderId: string }>;

export type CommitmentPoFact =
  | CommittedCostAdjusted | PurchaseOrderSynced | PurchaseOrderVoidSynced
  | DocumentMappingMissing | DocumentSyncParked | DocumentSyncResumed;

export type CommitmentPoOutput = CommitmentPoRequest | CommitmentPoFact;
