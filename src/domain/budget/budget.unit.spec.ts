import { describe, expect, it } from 'vitest';
import { procoreRef } from '../change-orders/sample.fixtures.js';
import type { BudgetLineEvent } from '../documents/document-events.js';
import { parseMoney as m, ZERO } from '../shared/money.js';
import type { BudgetFact, BudgetInput } from './budget.events.js';
import { causeChangeOf } from './budget.events.js';
import { budgetLineOf, evolveBudget, initialBudgetState, projectBudget } from './budget.state.js';
import { ledgerDifferences, ledgerOf } from './cost-ledger.js';

const cell = { projectId: '2468013', costCode: '23-31-00', costType: 'S' } as const;
const cause = (version: string) => ({ document: procoreRef('prime_change_order', '92001'), version, change: 'approved' as const });
const original: BudgetLineEvent = {
  type: 'BudgetLineChanged.v1',
  data: { ref: procoreRef('budget_line', 'b1'), version: 'b1', observedAt: 'b1', raw: null, snapshot: { ...cell, originalBudget: m('150000.00'), approvedChanges: m('99999.00'), revisedBudget: m('249999.00'), updatedAt: 'b1' } },
};
const fold = (events: readonly BudgetInput[]) => events.reduce(evolveBudget, initialBudgetState);

describe('budget model', () => {
  it('takes the original budget from Procore and counts approved changes from the hub\'s own facts only', () => {
    const revised: BudgetFact = { type: 'BudgetRevised.v1', data: { ...cell, delta: m('16800.00'), cause: cause('v1') } };
    expect(budgetLineOf(fold([original, revised]), cell)).toEqual({
      ...cell, originalBudget: m('150000.00'), approvedChanges: m('16800.00'), revisedBudget: m('166800.00'),
      committed: ZERO, pendingBudgetChanges: ZERO, pendingCostChanges: ZERO,
    });
  });

  it('applies each cause once per cell and kind, whatever the order or the number of deliveries', () => {
    const pending: BudgetFact = { type: 'PendingChangeAdjusted.v1', data: { ...cell, side: 'budget', delta: m('500.00'), cause: cause('v1') } };
    const revised: BudgetFact = { type: 'BudgetRevised.v1', data: { ...cell, delta: m('500.00'), cause: cause('v1') } };
    const state = fold([revised, pending, revised, pending, original]);
    expect(budgetLineOf(state, cell)).toMatchObject({ approvedChanges: m('500.00'), pendingBudgetChanges: m('500.00'), revisedBudget: m('150500.00') });
    expect(projectBudget(state, cell.projectId)).toHaveLength(1);
    expect(projectBudget(state, 'another')).toEqual([]);
  });

  it('diffs ledgers per cost code: a revision moves by new − applied, a void by −applied', () => {
    const applied = ledgerOf([{ costCode: '23-31-00', costType: 'S', amount: m('12500.00') }]);
    const next = ledgerOf([{ costCode: '23-31-00', costType: 'S', amount: m('10000.00') }, { costCode: '23-31-00', costType: 'S', amount: m('5000.00') }]);
    expect(ledgerDifferences(applied, next)).toEqual([{ costCode: '23-31-00', costType: 'S', amount: m('2500.00') }]);
    expect(ledgerDifferences(next, {})).toEqual([{ costCode: '23-31-00', costType: 'S', amount: m('-15000.00') }]);
    expect(ledgerDifferences(next, next)).toEqual([]);
  });

  it('names the cause of a lifecycle event', () => {
    expect(['PrimeChangeOrderCreated.v1', 'PrimeChangeOrderApproved.v1', 'CommitmentRevised.v1', 'OwnerInvoiceVoided.v1'].map(causeChangeOf))
      .toEqual(['pending', 'approved', 'revised', 'voided']);
  });
});
