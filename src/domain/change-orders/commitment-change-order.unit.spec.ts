import { describe, expect, it } from 'vitest';
import type { BudgetInput } from '../budget/budget.events.js';
import { budgetLineOf, evolveBudget, initialBudgetState } from '../budget/budget.state.js';
import { committedByCostCode } from '../budget/committed-by-cost-code.js';
import { ofType, sagaScenario } from '../shared/saga-scenario.js';
import type { ChangeOrderContext, ChangeOrderInput } from './change-order.inputs.js';
import type { ChangeOrderOutput } from './change-order.outputs.js';
import { initialChangeOrderState } from './change-order.state.js';
import { decideChangeOrder } from './decide-change-order.js';
import { evolveChangeOrder } from './evolve-change-order.js';
import { changeOrder, commitment, commitmentChangeOrderEvent, commitmentEvent, line, m, PROJECT, procoreRef } from './sample.fixtures.js';
import { decideCommitmentPo } from '../commitments/decide-commitment-po.js';
import { evolveCommitmentPo } from '../commitments/evolve-commitment-po.js';
import { initialCommitmentPoState } from '../commitments/commitment-po.state.js';

const saga = sagaScenario({ initialState: initialChangeOrderState, evolve: evolveChangeOrder, decide: decideChangeOrder });
const commitmentSaga = sagaScenario({ initialState: initialCommitmentPoState, evolve: evolveCommitmentPo, decide: decideCommitmentPo });
const ctx: ChangeOrderContext = { mapping: null, billing: null, estimate: null };
const noLinks = { mapping: null, vendorLink: null, jobLink: null };

const created = commitmentChangeOrderEvent('CommitmentChangeOrderCreated.v1', 'v1', changeOrder('commitment', 'pending', [line('l1', '23-31-00', 'S', '12500.00', 'Exhaust ductwork, imaging suite')]));
const approved = commitmentChangeOrderEvent('CommitmentChangeOrderApproved.v1', 'v2', changeOrder('commitment', 'approved', [line('l1', '23-31-00', 'S', '12500.00', 'Exhaust ductwork, imaging suite')]));
/** Revised after approval: the duct line goes up by 2 500 and a damper line is added. */
const revised = commitmentChangeOrderEvent('CommitmentChangeOrderRevised.v1', 'v3', changeOrder('commitment', 'approved', [
  line('l1', '23-31-00', 'S', '15000.00', 'Exhaust ductwork, imaging suite'), line('l2', '23-33-00', 'S', '1000.00', 'Fire damper'),
]));
const voided = commitmentChangeOrderEvent('CommitmentChangeOrderVoided.v1', 'v4', changeOrder('commitment', 'void', revised.data.snapshot.lines));

/** The commitment's own committed cost, from its saga: WO-001 approved. */
const commitmentFacts = commitmentSaga.play([[commitmentEvent('CommitmentApproved.v1', 'c1', commitment('approved')), noLinks]]);

const budgetOf = (stream: readonly { type: string }[]) =>
  [...commitmentFacts, ...stream].filter((e): e is BudgetInput => ['CommittedCostAdjusted.v1', 'PendingChangeAdjusted.v1', 'BudgetRevised.v1'].includes(e.type)).reduce(evolveBudget, initialBudgetState);
const committed = (stream: readonly { type: string }[], costCode: string) => budgetLineOf(budgetOf(stream), { projectId: PROJECT, costCode, costType: 'S' });

const steps = (...inputs: ChangeOrderInput[]) => inputs.map((i) => [i, ctx] as const);

describe('commitment change order saga: approve, revise, void', () => {
  it('given a pending change order, when it is approved, then committed cost moves by its lines and the pending change is taken back', () => {
    const history = saga.play(steps(created));
    expect(committed(history, '23-31-00')).toMatchObject({ committed: m('150000.00'), pendingCostChanges: m('12500.00') });

    const outputs = saga.given(history).when(approved, ctx);
    expect(outputs.map((o) => o.type)).toEqual(['PendingChangeAdjusted.v1', 'CommittedCostAdjusted.v1', 'CommitmentChangeOrderApplied.v1']);
    expect(ofType(outputs, 'CommittedCostAdjusted.v1')[0]?.data).toEqual({
      projectId: PROJECT, costCode: '23-31-00', costType: 'S', commitmentId: '786001', delta: m('12500.00'),
      cause: { document: procoreRef('commitment_change_order', '91001'), version: 'v2', change: 'approved' },
    });
    expect(committed([...history, approved, ...outputs], '23-31-00')).toMatchObject({ committed: m('162500.00'), pendingCostChanges: m('0') });
  });

  it('when revised after approval, then each cost code moves by the difference only, never the sum', () => {
    const history = saga.play(steps(created, approved));
    const outputs = saga.given(history).when(revised, ctx);
    expect(ofType(outputs, 'CommittedCostAdjusted.v1').map((o) => [o.data.costCode, o.data.delta])).toEqual([['23-31-00', m('2500.00')], ['23-33-00', m('1000.00')]]);
    const stream = [...history, revised, ...outputs];
    expect(committed(stream, '23-31-00').committed).toBe(m('165000.00'));
    expect(committed(stream, '23-33-00').committed).toBe(m('22000.00'));
    expect(ofType(outputs, 'CommitmentChangeOrderApplied.v1')[0]?.data.lines).toEqual(revised.data.snapshot.lines);
  });

  it('when voided, then exactly what was applied is reversed', () => {
    const history = saga.play(steps(created, approved, revised));
    const outputs = saga.given(history).when(voided, ctx);
    expect(ofType(outputs, 'CommittedCostAdjusted.v1').map((o) => [o.data.costCode, o.data.delta])).toEqual([['23-31-00', m('-15000.00')], ['23-33-00', m('-1000.00')]]);
    expect(ofType(outputs, 'CommitmentChangeOrderApplied.v1')[0]?.data.lines).toEqual([]);
    const stream = [...history, voided, ...outputs];
    expect(committed(stream, '23-31-00')).toMatchObject({ committed: m('150000.00'), pendingCostChanges: m('0') });
    expect(committed(stream, '23-33-00').committed).toBe(m('21000.00'));
  });

  it('given an input already handled (a replay after a crash), then nothing new is decided', () => {
    const history = saga.play(steps(created, approved, revised));
    expect(saga.given(history).when(revised, ctx)).toEqual([]);
    expect(saga.given(history).when(approved, ctx)).toEqual([]);
  });

  it('the budget model counts a re-applied cause once', () => {
    const stream = saga.play(steps(created, approved, revised));
    expect(committed([...stream, ...stream], '23-31-00').committed).toBe(m('165000.00'));
  });

  it('later invoices validate against the revised commitment', () => {
    const budget = budgetOf(saga.play(steps(created, approved, revised)));
    const allowed = committedByCostCode(budget, '786001', { '23-31-00|S': { costCode: '23-31-00', costType: 'S', amount: m('45000.00') } });
    expect(allowed).toContainEqual({ costCode: '23-31-00', costType: 'S', committed: m('165000.00'), billedBefore: m('45000.00') });
    expect(allowed).toContainEqual({ costCode: '23-33-00', costType: 'S', committed: m('22000.00'), billedBefore: m('0') });
    expect(committedByCostCode(budget, '999999')).toBeNull();
  });

  it('when the commitment PO holds the approved version, then the PO step is recorded once', () => {
    const history = saga.play(steps(created, approved));
    const synced: ChangeOrderInput = {
      type: 'PurchaseOrderSynced.v1',
      data: {
        document: procoreRef('commitment', '786001'), version: 'c1', projectId: PROJECT, commitmentId: '786001', purchaseOrderId: '701', docNumber: 'WO-001',
        lines: [], changeOrders: [{ changeOrderId: '91001', number: 'CCO-001', version: 'v2' }],
      },
    };
    const outputs = saga.given(history).when(synced, ctx);
    expect(outputs).toEqual<ChangeOrderOutput[]>([{ type: 'ChangeOrderPurchaseOrderSynced.v1', data: { document: approved.data.ref, version: 'v2', commitmentId: '786001', purchaseOrderId: '701' } }]);
    expect(saga.given([...history, synced, ...outputs]).when(synced, ctx)).toEqual([]);
  });
});
