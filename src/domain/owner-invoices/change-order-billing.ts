import type { CauseChange } from '../budget/budget.events.js';
import type { CostCodeAmount } from '../budget/cost-ledger.js';
import type { DocumentRef } from '../documents/document-ref.js';
import type { Cents } from '../shared/money.js';

/**
 * An approved prime change order moved the contract by `delta` (per cost code in `deltas`):
 * the next owner invoice of the prime contract carries it (the runner passes the ones not yet
 * carried in `OwnerInvoiceContext.changeOrdersToCarry`). Written by the change-order saga;
 * defined here, with its reader, so the change orders depend on the owner invoices and not
 * both ways. `document` is the change order.
 */
export type PrimeChangeOrderBillingChanged = Readonly<{
  type: 'PrimeChangeOrderBillingChanged.v1';
  data: Readonly<{
    document: DocumentRef; version: string; projectId: string; primeContractId: string; number: string; title: string; change: CauseChange;
    deltas: readonly CostCodeAmount[]; delta: Cents; amountInForce: Cents;
  }>;
}>;
