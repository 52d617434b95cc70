import type { CostCodeAmount } from '../../domain/budget/cost-ledger.js';
import type { BudgetLineSnapshot } from '../../domain/documents/snapshots.js';
import { ZERO } from '../../domain/shared/money.js';
import type { ImportedDocument, ReadContext } from './import-kind.js';

/** A project's original budget on one cost code and type, as a budget line document keyed by the cell. */
export const budgetLineDocument = (ctx: ReadContext, line: CostCodeAmount): ImportedDocument => {
  const snapshot: BudgetLineSnapshot = {
    projectId: ctx.projectId, costCode: line.costCode, costType: line.costType,
    originalBudget: line.amount, approvedChanges: ZERO, revisedBudget: line.amount, updatedAt: ctx.at,
  };
  return { type: 'budget_line', externalId: `${ctx.projectId}:${line.costCode}:${line.costType ?? ''}`, snapshot };
};

/** A budget line a revised file no longer has: zero, not gone (the cell stays in the budget's history). */
export const removedBudgetLine = (document: ImportedDocument, at: string): BudgetLineSnapshot =>
  ({ ...(document.snapshot as BudgetLineSnapshot), originalBudget: ZERO, revisedBudget: ZERO, updatedAt: at });
