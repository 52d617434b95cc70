import type { BudgetFact, CauseChange } from '../budget/budget.events.js';
import type { CostCodeAmount } from '../budget/cost-ledger.js';
import type { DocumentRef } from '../documents/document-ref.js';
import type { CostLine } from '../documents/snapshots.js';
import type { SalesLine } from '../owner-invoices/sales-lines.js';
import type { Cents } from '../shared/money.js';
import type { DocumentSyncParked, DocumentSyncResumed, RequestBase } from '../shared/sync-facts.js';

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

/**
 * A commitment change order's lines now in force (none once voided or no longer approved).
 * The commitment's saga, the only writer of its PurchaseOrder, folds them into the PO's lines
 * and answers with `PurchaseOrderSynced.v1` naming the change order versions it holds.
 */
export type CommitmentChangeOrderApplied = Msg<'CommitmentChangeOrderApplied.v1', FactBase & {
  projectId: string; commitmentId: string; number: string; title: string; lines: readonly CostLine[];
}>;
/** The commitment's PurchaseOrder holds this version of the change order. */
export type ChangeOrderPurchaseOrderSynced = Msg<'ChangeOrderPurchaseOrderSynced.v1', FactBase & { commitmentId: string; purchaseOrderId: string }>;

/**
 * An approved prime change order moved the contract by `delta` (per cost code in `deltas`):
 * the next owner invoice of the prime contract carries it (the runner passes the ones not yet
 * carried in `OwnerInvoiceContext.changeOrdersToCarry`).
 */
export type PrimeChangeOrderBillingChanged = Msg<'PrimeChangeOrderBillingChanged.v1', FactBase & {
  projectId: string; primeContractId: string; number: string; title: string; change: CauseChange;
  deltas: readonly CostCodeAmount[]; delta: Cents; amountInForce: Cents;
}>;
/** The Estimate holds this version's lines. */
export type ChangeOrderEstimateSynced = Msg<'ChangeOrderEstimateSynced.v1', FactBase & { estimateId: string }>;
/** The Estimate step was not taken for this version, and why (no Estimate linked to the prime contract, no billing items). */
export type EstimateUpdateSkipped = Msg<'EstimateUpdateSkipped.v1', FactBase & { reason: string }>;

export type ChangeOrderFact =
  | BudgetFact | CommitmentChangeOrderApplied | ChangeOrderPurchaseOrderSynced | PrimeChangeOrderBillingChanged
  | ChangeOrderEstimateSynced | EstimateUpdateSkipped | DocumentSyncParked | DocumentSyncResumed;

export type ChangeOrderOutput = UpdateEstimateRequested | ChangeOrderFact;
