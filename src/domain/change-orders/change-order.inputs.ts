import type { PurchaseOrderSynced } from '../commitments/commitment-po.outputs.js';
import type { CommitmentChangeOrderEvent, PrimeChangeOrderEvent } from '../documents/document-events.js';
import type { PostingDeadLettered, PostingFailed } from '../posting/posting-outcomes.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import type { OwnerBillingSettings } from '../owner-invoices/sales-lines.js';
import type { SyncRetryRequested } from '../posting/sync-facts.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

export type ChangeOrderDocumentEvent = CommitmentChangeOrderEvent | PrimeChangeOrderEvent;

/** The answer to UpdateEstimateRequested.v1: the Ids of the request's `lines`, in order. */
export type EstimateUpdated = Msg<'EstimateUpdated.v1', { requestNo: number; estimateId: string; syncToken: string; lineIds: readonly string[] }>;

/**
 * PurchaseOrderSynced.v1 comes from the commitment's saga (routed to every change order it
 * names): the PO step of a commitment change order is done when it names this version.
 */
export type ChangeOrderInput =
  | ChangeOrderDocumentEvent | PurchaseOrderSynced | EstimateUpdated | PostingFailed | PostingDeadLettered | SyncRetryRequested;

/** What the runner looks up and passes in; a commitment change order needs none of it. */
export interface ChangeOrderContext {
  /** Prime: the sales item and class per cost code (see salesTargetFor); null bills all on the progress item. */
  readonly mapping: CostCodeMapping | null;
  /** Prime: the connection's owner-billing items; null skips the Estimate step. */
  readonly billing: OwnerBillingSettings | null;
  /** Prime: the Estimate in the books for the change order's prime contract (the runner's link table); null skips the step. */
  readonly estimate: { readonly estimateId: string } | null;
}
