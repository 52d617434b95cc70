import type { BudgetState } from './budget.state.js';
import type { Ledger } from './cost-ledger.js';
import { amountIn, ledgerEntries } from './cost-ledger.js';
import type { Cents } from '../shared/money.js';

/** What the commitment allows on one cost code and type, for the over-billing check. */
export interface CommittedCost {
  readonly costCode: string;
  readonly costType: string | null;
  /** Approved commitment amount, change orders included. */
  readonly committed: Cents;
  /** Gross billed on the commitment's other invoices (not this one). */
  readonly billedBefore: Cents;
}

/**
 * What a commitment allows per cost code and type now: its approved lines plus its approved
 * change orders, revisions counted by their difference and voids reversed. This is the
 * invoice saga's `InvoiceSyncContext.commitment`: the runner passes `billedBefore` (gross
 * billed on the commitment's other invoices, per cost code and type) from its invoice ledger.
 * Null when the hub has never seen the commitment approved, which skips the over-billing
 * check rather than refusing every invoice.
 */
export const committedByCostCode = (budget: BudgetState, commitmentId: string, billedBefore: Ledger = {}): readonly CommittedCost[] | null => {
  const committed = Object.hasOwn(budget.committedByCommitment, commitmentId) ? budget.committedByCommitment[commitmentId] : undefined;
  if (committed === undefined) return null;
  return ledgerEntries(committed).map((c) => ({
    costCode: c.costCode,
    costType: c.costType,
    committed: c.amount,
    billedBefore: amountIn(billedBefore, c.costCode, c.costType),
  }));
};
