import type { AdjustmentCause } from '../budget/budget.events.js';
import type { CostCodeAmount, Ledger } from '../budget/cost-ledger.js';
import { EMPTY_LEDGER, ledgerDifferences, ledgerOf, ledgerTotal } from '../budget/cost-ledger.js';
import { sumBy } from '../shared/money.js';
import type { ChangeOrderOutput } from './change-order.outputs.js';
import type { ChangeOrderDoc, TrackingState } from './change-order.state.js';

/**
 * A change order's effect on the budget is brought to what its current version says, by
 * difference: the pending ledger holds its lines while drafted or pending, the approved one
 * while approved (committed cost for a commitment change order, revised budget for a prime
 * one). A revision moves each cost code by new − previously applied, never by the sum; a void
 * takes both back to zero. The saga's own facts say what was applied, so nothing counts twice.
 */
const targets = (doc: ChangeOrderDoc): { pending: Ledger; approved: Ledger } => {
  const lines = ledgerOf(doc.snapshot.lines);
  return { pending: doc.phase === 'open' ? lines : EMPTY_LEDGER, approved: doc.phase === 'approved' ? lines : EMPTY_LEDGER };
};

const budgetFacts = (s: TrackingState, pending: readonly CostCodeAmount[], approved: readonly CostCodeAmount[]): ChangeOrderOutput[] => {
  const { doc } = s;
  const cause: AdjustmentCause = { document: doc.ref, version: doc.version, change: doc.change };
  const cell = (d: CostCodeAmount) => ({ projectId: doc.snapshot.projectId, costCode: d.costCode, costType: d.costType, delta: d.amount, cause });
  const side = doc.snapshot.kind === 'prime' ? 'budget' : 'cost';
  return [
    ...pending.map((d): ChangeOrderOutput => ({ type: 'PendingChangeAdjusted.v1', data: { ...cell(d), side } })),
    ...approved.map((d): ChangeOrderOutput => (doc.snapshot.kind === 'prime'
      ? { type: 'BudgetRevised.v1', data: cell(d) }
      : { type: 'CommittedCostAdjusted.v1', data: { ...cell(d), commitmentId: doc.snapshot.contractId } })),
  ];
};

/** The lines now in force, handed to the commitment's PO saga or to owner billing; only when they moved. */
const handOver = (s: TrackingState, approved: readonly CostCodeAmount[], inForce: Ledger): ChangeOrderOutput[] => {
  if (approved.length === 0) return [];
  const { doc } = s;
  const { kind, projectId, contractId, number, title } = doc.snapshot;
  const base = { document: doc.ref, version: doc.version, projectId, number, title };
  if (kind === 'commitment') {
    const lines = doc.phase === 'approved' ? doc.snapshot.lines : [];
    return [{ type: 'CommitmentChangeOrderApplied.v1', data: { ...base, commitmentId: contractId, lines } }];
  }
  const data = { ...base, primeContractId: contractId, change: doc.change, deltas: approved, delta: sumBy(approved, (d) => d.amount), amountInForce: ledgerTotal(inForce) };
  return [{ type: 'PrimeChangeOrderBillingChanged.v1', data }];
};

/** Everything a new version of the change order changes in the hub, before any call to the books. */
export const changeOrderEffects = (s: TrackingState): ChangeOrderOutput[] => {
  const target = targets(s.doc);
  const pending = ledgerDifferences(s.pending, target.pending);
  const approved = ledgerDifferences(s.approved, target.approved);
  return [...budgetFacts(s, pending, approved), ...handOver(s, approved, target.approved)];
};
