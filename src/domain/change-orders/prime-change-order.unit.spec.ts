import { describe, expect, it } from 'vitest';
import type { BudgetInput } from '../budget/budget.events.js';
import { budgetLineOf, evolveBudget, initialBudgetState } from '../budget/budget.state.js';
import type { BudgetLineEvent } from '../documents/document-events.js';
import { changeOrdersToCarry } from '../owner-invoices/change-orders-to-carry.js';
import { decideOwnerInvoice } from '../owner-invoices/decide-owner-invoice.js';
import type { OwnerInvoiceContext } from '../owner-invoices/owner-invoice.inputs.js';
import { ZERO } from '../shared/money.js';
import { ofType, sagaScenario } from '../shared/saga-scenario.js';
import type { ChangeOrderContext, ChangeOrderInput } from './change-order.inputs.js';
import { initialChangeOrderState } from './change-order.state.js';
import { decideChangeOrder } from './decide-change-order.js';
import { evolveChangeOrder } from './evolve-change-order.js';
import { BILLING, changeOrder, line, m, MAPPING, ownerInvoice, ownerInvoiceEvent, PROJECT, primeChangeOrderEvent, procoreRef } from './sample.fixtures.js';
import { initialOwnerInvoiceState } from '../owner-invoices/owner-invoice.state.js';
import { evolveOwnerInvoice } from '../owner-invoices/evolve-owner-invoice.js';

const saga = sagaScenario({ initialState: initialChangeOrderState, evolve: evolveChangeOrder, decide: decideChangeOrder });
const ctx: ChangeOrderContext = { mapping: MAPPING, billing: BILLING, estimate: { estimateId: '301' } };
const PCO_LINES = [line('p1', '23-31-00', 'S', '16800.00', 'Imaging suite exhaust ductwork'), line('p2', '23-07-00', 'S', '5600.00', 'Imaging suite exhaust insulation')];
const approved = primeChangeOrderEvent('PrimeChangeOrderApproved.v1', 'v1', changeOrder('prime', 'approved', PCO_LINES));
const revised = primeChangeOrderEvent('PrimeChangeOrderRevised.v1', 'v2', changeOrder('prime', 'approved', [line('p1', '23-31-00', 'S', '18000.00', 'Imaging suite exhaust ductwork'), PCO_LINES[1]!]));
const estimateUpdated = (requestNo: number, lineIds: string[]): ChangeOrderInput => ({ type: 'EstimateUpdated.v1', data: { requestNo, estimateId: '301', syncToken: String(requestNo), lineIds } });

const originalBudget = (costCode: string, amount: string): BudgetLineEvent => ({
  type: 'BudgetLineChanged.v1',
  data: { ref: procoreRef('budget_line', costCode), version: 'b1', observedAt: 'b1', raw: null,
    snapshot: { projectId: PROJECT, costCode, costType: 'S', originalBudget: m(amount), approvedChanges: ZERO, revisedBudget: m(amount), updatedAt: 'b1' } },
});
const budgetOf = (stream: readonly { type: string }[]) =>
  [originalBudget('23-31-00', '150000.00'), originalBudget('23-07-00', '66000.00'), ...stream.filter((e): e is BudgetInput => e.type === 'BudgetRevised.v1')]
    .reduce(evolveBudget, initialBudgetState);

describe('prime change order saga', () => {
  it('given an approved prime change order, then the revised budget moves per cost code and the billing change is recorded', () => {
    const outputs = saga.given([]).when(approved, ctx);
    expect(outputs.map((o) => o.type)).toEqual(['BudgetRevised.v1', 'BudgetRevised.v1', 'PrimeChangeOrderBillingChanged.v1', 'UpdateEstimateRequested.v1']);
    const budget = budgetOf(outputs);
    expect(budgetLineOf(budget, { projectId: PROJECT, costCode: '23-31-00', costType: 'S' })).toMatchObject({ originalBudget: m('150000.00'), approvedChanges: m('16800.00'), revisedBudget: m('166800.00') });
    expect(budgetLineOf(budget, { projectId: PROJECT, costCode: '23-07-00', costType: 'S' }).revisedBudget).toBe(m('71600.00'));
    expect(ofType(outputs, 'PrimeChangeOrderBillingChanged.v1')[0]?.data).toMatchObject({ primeContractId: '640001', number: 'PCO-001', change: 'approved', delta: m('22400.00'), amountInForce: m('22400.00') });
  });

  it('then the Estimate gets its lines, on the mapped sales item or Progress Billing', () => {
    const request = ofType(saga.given([]).when(approved, ctx), 'UpdateEstimateRequested.v1')[0]?.data;
    expect(request).toMatchObject({ requestNo: 1, estimateId: '301', replaceLineIds: [], total: m('22400.00'), hubMarker: 'trestle:keystone:prime_change_order-92001:v1' });
    expect(request?.lines[0]).toEqual({
      kind: 'item', description: 'PCO-001 Owner-requested imaging suite exhaust: Imaging suite exhaust ductwork', amount: m('16800.00'),
      itemRef: BILLING.progressItemRef, qty: 1, unitPrice: m('16800.00'), classRef: { value: '200000000000000123', name: '23 HVAC' }, source: { costCode: '23-31-00', costType: 'S' },
    });
  });

  it('when revised, then only the difference moves the budget and the Estimate lines are replaced', () => {
    const history = saga.play([[approved, ctx], [estimateUpdated(1, ['7', '8']), ctx]]);
    expect(history.at(-1)).toMatchObject({ type: 'ChangeOrderEstimateSynced.v1', data: { version: 'v1', estimateId: '301' } });
    const outputs = saga.given(history).when(revised, ctx);
    expect(ofType(outputs, 'BudgetRevised.v1').map((o) => [o.data.costCode, o.data.delta])).toEqual([['23-31-00', m('1200.00')]]);
    expect(budgetLineOf(budgetOf([...history, ...outputs]), { projectId: PROJECT, costCode: '23-31-00', costType: 'S' }).revisedBudget).toBe(m('168000.00'));
    expect(ofType(outputs, 'UpdateEstimateRequested.v1')[0]?.data).toMatchObject({ requestNo: 2, replaceLineIds: ['7', '8'], total: m('23600.00') });
  });

  it('given no Estimate linked to the prime contract, then the step is recorded as skipped', () => {
    const outputs = saga.given([]).when(approved, { ...ctx, estimate: null });
    expect(outputs.at(-1)).toEqual({ type: 'EstimateUpdateSkipped.v1', data: { document: approved.data.ref, version: 'v1', reason: 'no Estimate in the books is linked to prime contract 640001' } });
  });

  it('the next owner invoice carries the approved change, and the one after does not', () => {
    const billing = ofType(saga.given([]).when(approved, ctx), 'PrimeChangeOrderBillingChanged.v1');
    const toCarry = changeOrdersToCarry(billing, []);
    const invoiceCtx: OwnerInvoiceContext = { mapping: MAPPING, jobLink: null, billing: BILLING, retainageHeld: ZERO, changeOrdersToCarry: toCarry };
    const pa2 = ownerInvoiceEvent('OwnerInvoiceApproved.v1', '3302', 'a1', ownerInvoice(2, 'approved', [line('g1', '23-31-00', 'S', '84000.00', 'Ductwork incl. PCO-001', '8400.00')]));
    const outputs = decideOwnerInvoice(pa2, initialOwnerInvoiceState, invoiceCtx);
    const carried = ofType(outputs, 'OwnerInvoiceChangeOrdersCarried.v1');
    expect(carried[0]?.data.changeOrders).toMatchObject([{ number: 'PCO-001', delta: m('22400.00'), version: 'v1' }]);
    const post = ofType(outputs, 'PostInvoiceRequested.v1')[0];
    expect(post?.data.lines).toContainEqual({ kind: 'description', description: 'Includes approved change order PCO-001 Owner-requested imaging suite exhaust: +22400.00 to the contract sum.' });
    expect(changeOrdersToCarry(billing, carried)).toEqual([]);
    const state = [pa2, ...outputs].reduce(evolveOwnerInvoice, initialOwnerInvoiceState);
    expect(state.status === 'Tracking' && state.carried?.length).toBe(1);
  });

  it('given an input already handled (a replay after a crash), then nothing new is decided', () => {
    const history = saga.play([[approved, ctx], [estimateUpdated(1, ['7', '8']), ctx]]);
    expect(saga.given(history).when(approved, ctx)).toEqual([]);
    expect(saga.given(history).when(estimateUpdated(1, ['7', '8']), ctx)).toEqual([]);
  });
});
