import type { CommittedCost } from '../budget/committed-by-cost-code.js';
import type { PurchaseOrderLinks } from '../commitments/purchase-order-links.js';
import type { SubcontractorInvoiceEvent } from '../documents/document-events.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import type {
  Answer, BooksJobResolved, BooksVendorResolved, MappingChanged, MappingRemapApplied, PostingDeadLettered, PostingFailed,
} from '../posting/posting-outcomes.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { SyncRetryRequested } from '../posting/sync-facts.js';
import type { BooksMatchLookup } from './books-match.js';

// The shared posting inputs live in ../posting; re-exported for the saga's adapters.
export type { Answer, BooksJobResolved, BooksVendorResolved, CommittedCost, MappingChanged, MappingRemapApplied, PostingDeadLettered, PostingFailed };

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

/** The dispatcher's answers to this saga's writes; each echoes the `requestNo` it answers. */
export type BillPosted = Msg<'BillPosted.v1', Answer & { billId: string; syncToken: string; docNumber: string }>;
export type BillUpdated = Msg<'BillUpdated.v1', Answer & { billId: string; syncToken: string }>;
/** Also the answer when the bill was already gone (QBO 610): there is nothing left to delete. */
export type BillDeleted = Msg<'BillDeleted.v1', Answer & { billId: string }>;
export type VendorCreditPosted = Msg<'VendorCreditPosted.v1', Answer & { vendorCreditId: string; syncToken: string; docNumber: string }>;
export type VendorCreditUpdated = Msg<'VendorCreditUpdated.v1', Answer & { vendorCreditId: string; syncToken: string }>;
export type VendorCreditDeleted = Msg<'VendorCreditDeleted.v1', Answer & { vendorCreditId: string }>;

export type BooksOutcome =
  | BooksVendorResolved | BooksJobResolved | BillPosted | BillUpdated | BillDeleted
  | VendorCreditPosted | VendorCreditUpdated | VendorCreditDeleted;

export type InvoiceSyncInput =
  | SubcontractorInvoiceEvent | BooksOutcome | PostingFailed | PostingDeadLettered | MappingChanged | MappingRemapApplied | SyncRetryRequested;

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
  /** Buildertrend bills: the connection's mode and what the books hold under the bill's vendor and number; absent for other sources. */
  readonly booksMatch?: BooksMatchLookup;
}
