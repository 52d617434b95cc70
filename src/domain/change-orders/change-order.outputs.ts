import type { BudgetFact } from '../budget/budget.events.js';
import type { CommitmentChangeOrderApplied } from '../commitments/change-order-applied.js';
import type { DocumentRef } from '../documents/document-ref.js';
import type { PrimeChangeOrderBillingChanged } from '../owner-invoices/change-order-billing.js';
import type { SalesLine } from '../owner-invoices/sales-lines.js';
import type { Cents } from '../shared/money.js';
import type { DocumentSyncParked, DocumentSyncResumed, RequestBase } from '../posting/sync-facts.js';

export type { CommitmentChangeOrderApplied } from '../commitments/change-order-applied.js';
export type { PrimeChangeOrderBillingChanged } from '../owner-invoices/change-order-billing.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

/** `document` is the change order, as in every message of this saga. */
interface FactBase {
  readonly document: DocumentRef;
  readonly version: string;
}

/**
 * Puts this change order's lines on the prime contract's Estimate, replacing the lines it put
 * there before. The dispatcher reads the Estimate, drops the lines whose Id is in
 * `replaceLineIds`, appends `lines` (no Id) after the others and writes it with the SyncToken
 * it read; on a stale SyncToken (5010) it starts again from the read, so two change orders
 * updating one Estimate never lose each other's lines. `lines` is empty once the change order
 * is voided. The answer is `EstimateUpdated.v1` with the new lines' Ids in order.
 */
export type UpdateEstimateRequested = Msg<'UpdateEstimateRequested.v1', RequestBase & {
  estimateId: string; replaceLineIds: readonly string[]; lines: readonly SalesLine[]; total: Cents; hubMarker: string;
}>;

/** The commitment's PurchaseOrder holds this version of the change order. */
export type ChangeOrderPurchaseOrderSynced = Msg<'ChangeOrderPurchaseOrderSynced.v1', FactBase & { commitmentId: string; purchaseOrderId: string }>;

/** The Estimate holds this version's lines. */
export type ChangeOrderEstimateSynced = Msg<'ChangeOrderEstimateSynced.v1', FactBase & { estimateId: string }>;
/** The Estimate step was not taken for this version, and why (no Estimate linked to the prime contract, no billing items). */
export type EstimateUpdateSkipped = Msg<'EstimateUpdateSkipped.v1', FactBase & { reason: string }>;

export type ChangeOrderFact =
  | BudgetFact | CommitmentChangeOrderApplied | ChangeOrderPurchaseOrderSynced | PrimeChangeOrderBillingChanged
  | ChangeOrderEstimateSynced | EstimateUpdateSkipped | DocumentSyncParked | DocumentSyncResumed;

export type ChangeOrderOutput = UpdateEstimateRequested | ChangeOrderFact;
