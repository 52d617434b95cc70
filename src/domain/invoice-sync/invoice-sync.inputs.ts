import type { SubcontractorInvoiceEvent } from '../documents/document-events.js';
import type { DocumentRef } from '../documents/document-ref.js';
import type { Cents } from '../shared/money.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import type { PurchaseOrderLinks } from '../commitments/purchase-order-links.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

/**
 * Outcomes come from the outbound dispatcher. Each answers one request of this saga and
 * echoes its `requestNo`; an answer to any other request (a redelivery, a stale retry) is ignored.
 */
interface Answer {
  readonly requestNo: number;
}

export type BooksVendorResolved = Msg<'BooksVendorResolved.v1', Answer & { vendorId: string; vendorRef: BooksRef; created: boolean }>;
export type BooksJobResolved = Msg<'BooksJobResolved.v1', Answer & { projectId: string; customerRef: BooksRef; created: boolean }>;
export type BillPosted = Msg<'BillPosted.v1', Answer & { billId: string; syncToken: string; docNumber: string }>;
export type BillUpdated = Msg<'BillUpdated.v1', Answer & { billId: string; syncToken: string }>;
/** Also the answer when the bill was already gone (QBO 610): there is nothing left to delete. */
export type BillDeleted = Msg<'BillDeleted.v1', Answer & { billId: string }>;
export type VendorCreditPosted = Msg<'VendorCreditPosted.v1', Answer & { vendorCreditId: string; syncToken: string; docNumber: string }>;
export type VendorCreditUpdated = Msg<'VendorCreditUpdated.v1', Answer & { vendorCreditId: string; syncToken: string }>;
export type VendorCreditDeleted = Msg<'VendorCreditDeleted.v1', Answer & { vendorCreditId: string }>;

/**
 * One failed attempt. Retrying is the dispatcher's job (backoff, Retry-After, a stale
 * SyncToken 5010 re-read, a 6240 name collision resolved by lookup): `retryable: true` is
 * recorded for the audit only. `retryable: false` (e.g. 2500 invalid reference, 6140
 * duplicate doc number, 6210 closed period) is final and parks the invoice.
 */
export type PostingFailed = Msg<'PostingFailed.v1', Answer & { retryable: boolean; reason: string; code: string | null; attempt: number }>;
/** The dispatcher spent its retry budget; an operator may retry the same request from the dead letters. */
export type PostingDeadLettered = Msg<'PostingDeadLettered.v1', Answer & { reason: string; code: string | null; attempts: number }>;

/** The connection's mapping changed; the runner sends it to parked invoices so they resume. */
export type MappingChanged = Msg<'MappingChanged.v1', { version: number; changedAt: string }>;
/**
 * A remap was applied as a new mapping version with "update posted": the runner sends it to
 * the invoices it lists, whose bills are then rewritten with the new mapping. A remap applied
 * with "leave" lists what it left and reaches no saga, so nothing reposts them.
 */
export type MappingRemapApplied = Msg<'MappingRemapApplied.v1', {
  version: number; posted: 'update' | 'leave'; changedBy: string; changedAt: string;
  documents: ReadonlyArray<{ readonly document: DocumentRef; readonly version: string; readonly sagaStream: string }>;
}>;
/** Someone asked to try a parked invoice again (e.g. after adding budget to the commitment). */
export type InvoiceSyncRetryRequested = Msg<'InvoiceSyncRetryRequested.v1', { requestedBy: string; requestedAt: string }>;

export type BooksOutcome =
  | BooksVendorResolved | BooksJobResolved | BillPosted | BillUpdated | BillDeleted
  | VendorCreditPosted | VendorCreditUpdated | VendorCreditDeleted;

export type InvoiceSyncInput =
  | SubcontractorInvoiceEvent | BooksOutcome | PostingFailed | PostingDeadLettered | MappingChanged | MappingRemapApplied | InvoiceSyncRetryRequested;

/** What the commitment allows on one cost code and type, for the over-billing check. */
export interface CommittedCost {
  readonly costCode: string;
  readonly costType: string | null;
  /** Approved commitment amount, change orders included. */
  readonly committed: Cents;
  /** Gross billed on the commitment's other invoices (not this one). */
  readonly billedBefore: Cents;
}

/** What the runner looks up and passes in with every input; the decider never fetches. */
export interface InvoiceSyncContext {
  /** The connection's mapping in force; null before the first import. */
  readonly mapping: CostCodeMapping | null;
  /** The books vendor already linked to the invoice's Procore vendor, if any. */
  readonly vendorLink: BooksRef | null;
  /** The Customer:Job already found or created for the invoice's project, if any. */
  readonly jobLink: BooksRef | null;
  /** The commitment's amounts per cost code; null skips the over-billing check. */
  readonly commitment: readonly CommittedCost[] | null;
  /** The commitment's open PurchaseOrder and its line per cost code, for a new bill's line links; absent or null: no links. */
  readonly purchaseOrder?: PurchaseOrderLinks | null;
}
