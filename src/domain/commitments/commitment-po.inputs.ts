import type { CommitmentChangeOrderApplied } from './change-order-applied.js';
import type { CommitmentEvent } from '../documents/document-events.js';
import type {
  BooksJobResolved, BooksVendorResolved, MappingChanged, MappingRemapApplied, PostingDeadLettered, PostingFailed,
} from '../posting/posting-outcomes.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { SyncRetryRequested } from '../posting/sync-facts.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

interface Answer {
  readonly requestNo: number;
}

/** Each PO line's Id in the books, by `lineKey`. */
export interface LineIds {
  readonly lineIds: readonly { readonly lineKey: string; readonly lineId: string }[];
}

export type PurchaseOrderPosted = Msg<'PurchaseOrderPosted.v1', Answer & LineIds & { purchaseOrderId: string; syncToken: string; docNumber: string }>;
export type PurchaseOrderUpdated = Msg<'PurchaseOrderUpdated.v1', Answer & LineIds & { purchaseOrderId: string; syncToken: string }>;
/** Also the answer when the PO was already closed or gone. */
export type PurchaseOrderClosed = Msg<'PurchaseOrderClosed.v1', Answer & { purchaseOrderId: string; syncToken: string }>;

export type PurchaseOrderOutcome = BooksVendorResolved | BooksJobResolved | PurchaseOrderPosted | PurchaseOrderUpdated | PurchaseOrderClosed;

export type CommitmentPoInput =
  | CommitmentEvent | CommitmentChangeOrderApplied | PurchaseOrderOutcome
  | PostingFailed | PostingDeadLettered | MappingChanged | MappingRemapApplied | SyncRetryRequested;

/** What the runner looks up and passes in with every input. */
export interface CommitmentPoContext {
  /** The connection's mapping in force; null before the first import. */
  readonly mapping: CostCodeMapping | null;
  /** The books vendor already linked to the commitment's Procore vendor, if any. */
  readonly vendorLink: BooksRef | null;
  /** The Customer:Job already found or created for the project, if any. */
  readonly jobLink: BooksRef | null;
}
