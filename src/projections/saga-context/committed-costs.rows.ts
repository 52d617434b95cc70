import { committedByCostCode, evolveBudget, initialBudgetState, type BudgetState, type CommittedCostAdjusted } from '../../domain/budget/index.js';
import type { Ledger } from '../../domain/budget/cost-ledger.js';
import type { CommittedCost } from '../../domain/invoice-sync/invoice-sync.inputs.js';
import { select, type Sql } from '../engine/projection.js';
import type { KeyedFold } from './keyed-rows.js';

/** One commitment's share of the budget model: what it commits per cost code, and the adjustments applied. */
type CommitmentBudget = Pick<BudgetState, 'committedByCommitment' | 'applied'>;

/**
 * What each commitment allows per cost code (`commitment|{commitmentId}`): the budget model's
 * fold of CommittedCostAdjusted.v1, the only fact that moves it, each adjustment applied once.
 * Budget lines are the reconciliation projection's business and are not kept here.
 */
export const committedCostsFold: KeyedFold<CommitmentBudget> = {
  base: 'saga_committed_costs',
  eventTypes: ['CommittedCostAdjusted.v1'],
  readsCurrent: true,
  keysOf: (event) => {
    const commitmentId = (event.data as { commitmentId?: unknown } | null)?.commitmentId;
    const connection = event.metadata.connection;
    return connection && typeof commitmentId === 'string' ? [{ connection, key: `commitment|${commitmentId}` }] : [];
  },
  evolve: (current, event) => {
    const next = evolveBudget({ ...initialBudgetState, ...current }, event as unknown as CommittedCostAdjusted);
    return { grp: null, value: { committedByCommitment: next.committedByCommitment, applied: next.applied } };
  },
};

/** The commitment's committed cost per cost code with `billedBefore` beside it; null when the hub never saw it approved. */
export const readCommitted = async (db: Sql, connection: string, commitmentId: string, billedBefore: Ledger): Promise<readonly CommittedCost[] | null> => {
  const [row] = await select<{ value: CommitmentBudget }>(db, 'SELECT value FROM projections.saga_committed_costs WHERE connection = $1 AND key = $2',
    [connection, `commitment|${commitmentId}`]);
  return committedByCostCode({ ...initialBudgetState, ...row?.value }, commitmentId, billedBefore);
};
