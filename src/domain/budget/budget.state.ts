import type { BudgetLineEvent } from '../documents/document-events.js';
import { assertNever } from '../shared/assert-never.js';
import type { Cents } from '../shared/money.js';
import { addMoney, ZERO } from '../shared/money.js';
import type { BudgetCell, BudgetFact, BudgetInput } from './budget.events.js';
import { adjustmentKey } from './budget.events.js';
import type { Ledger } from './cost-ledger.js';
import { costKey, postToLedger } from './cost-ledger.js';

/**
 * The hub's budget for one cell (project × cost code × cost type). Procore gives the
 * original budget; everything else is counted from the hub's own facts, each cause once,
 * so a change order edited three times counts once (Procore's desktop connector sums edits).
 */
export interface BudgetLine extends BudgetCell {
  readonly originalBudget: Cents;
  /** Approved prime contract change orders. */
  readonly approvedChanges: Cents;
  /** Original budget plus approved changes. */
  readonly revisedBudget: Cents;
  /** Approved commitments plus their approved change orders. */
  readonly committed: Cents;
  /** Prime contract change orders not yet approved. */
  readonly pendingBudgetChanges: Cents;
  /** Commitment change orders not yet approved. */
  readonly pendingCostChanges: Cents;
}

export interface BudgetState {
  /** Keyed by `cellKey`. */
  readonly lines: Readonly<Record<string, BudgetLine>>;
  /** Commitment id -> committed per cost code and type (its lines plus approved change orders). */
  readonly committedByCommitment: Readonly<Record<string, Ledger>>;
  /** `adjustmentKey` of every fact applied. */
  readonly applied: Readonly<Record<string, true>>;
}

export const initialBudgetState: BudgetState = { lines: {}, committedByCommitment: {}, applied: {} };

export const cellKey = (cell: BudgetCell): string => `${cell.projectId}|${costKey(cell.costCode, cell.costType)}`;

const emptyLine = (cell: BudgetCell): BudgetLine => ({
  projectId: cell.projectId, costCode: cell.costCode, costType: cell.costType,
  originalBudget: ZERO, approvedChanges: ZERO, revisedBudget: ZERO, committed: ZERO, pendingBudgetChanges: ZERO, pendingCostChanges: ZERO,
});

export const budgetLineOf = (s: BudgetState, cell: BudgetCell): BudgetLine => {
  const key = cellKey(cell);
  return (Object.hasOwn(s.lines, key) ? s.lines[key] : undefined) ?? emptyLine(cell);
};

const withLine = (s: BudgetState, cell: BudgetCell, edit: (l: BudgetLine) => BudgetLine): BudgetState => {
  const line = edit(budgetLineOf(s, cell));
  return { ...s, lines: { ...s.lines, [cellKey(cell)]: { ...line, revisedBudget: addMoney(line.originalBudget, line.approvedChanges) } } };
};

const commit = (s: BudgetState, commitmentId: string, cell: BudgetCell, delta: Cents): BudgetState => {
  const before = (Object.hasOwn(s.committedByCommitment, commitmentId) ? s.committedByCommitment[commitmentId] : undefined) ?? {};
  const after = postToLedger(before, { costCode: cell.costCode, costType: cell.costType, amount: delta });
  return { ...s, committedByCommitment: { ...s.committedByCommitment, [commitmentId]: after } };
};

const applyFact = (s: BudgetState, e: BudgetFact): BudgetState => {
  const d = e.data;
  switch (e.type) {
    case 'CommittedCostAdjusted.v1':
      return commit(withLine(s, d, (l) => ({ ...l, committed: addMoney(l.committed, d.delta) })), e.data.commitmentId, d, d.delta);
    case 'BudgetRevised.v1':
      return withLine(s, d, (l) => ({ ...l, approvedChanges: addMoney(l.approvedChanges, d.delta) }));
    case 'PendingChangeAdjusted.v1':
      return e.data.side === 'budget'
        ? withLine(s, d, (l) => ({ ...l, pendingBudgetChanges: addMoney(l.pendingBudgetChanges, d.delta) }))
        : withLine(s, d, (l) => ({ ...l, pendingCostChanges: addMoney(l.pendingCostChanges, d.delta) }));
    default:
      return assertNever(e);
  }
};

/** Procore's budget line sets the original budget; its own change columns are not trusted (see BudgetLine). */
const originalBudget = (s: BudgetState, e: BudgetLineEvent): BudgetState =>
  withLine(s, e.data.snapshot, (l) => ({ ...l, originalBudget: e.data.snapshot.originalBudget }));

/** Folds one fact; a fact whose cause was applied to its cell before changes nothing. */
export const evolveBudget = (s: BudgetState, e: BudgetInput): BudgetState => {
  if (e.type === 'BudgetLineChanged.v1') return originalBudget(s, e);
  const key = adjustmentKey(e);
  if (Object.hasOwn(s.applied, key)) return s;
  return { ...applyFact(s, e), applied: { ...s.applied, [key]: true } };
};

/** A project's budget lines in cost code order. */
export const projectBudget = (s: BudgetState, projectId: string): BudgetLine[] =>
  Object.keys(s.lines).sort().map((key) => s.lines[key]!).filter((l) => l.projectId === projectId);
