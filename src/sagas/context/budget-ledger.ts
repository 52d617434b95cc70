import type { Ledger } from '../../domain/budget/cost-ledger.js';
import type { CommittedCost } from '../../domain/invoice-sync/invoice-sync.inputs.js';

/**
 * The hub's budget model (src/domain/budget) as far as the sagas read it: what each commitment
 * allows per cost code, from the commitment and change-order sagas' CommittedCostAdjusted.v1.
 * A durable read model, implemented in src/projections.
 */
export interface BudgetLedger {
  /**
   * What the commitment allows per cost code now (its lines and approved change orders), for
   * the invoice saga's over-billing check; null when the hub never saw it approved (check skipped).
   * `billedBefore`: gross billed on the commitment's other invoices (ProjectSyncContext.commitmentFor).
   */
  committed(connection: string, commitmentId: string, billedBefore: Ledger): Promise<readonly CommittedCost[] | null>;
}
