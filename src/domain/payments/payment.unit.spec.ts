import { describe, expect, it } from 'vitest';
import type { DocumentRef } from '../documents/document-ref.js';
import type { BooksPaymentSnapshot } from '../documents/snapshots.js';
import { m, PROJECT, procoreRef } from '../change-orders/sample.fixtures.js';
import { addMoney } from '../shared/money.js';
import { ofType, sagaScenario } from '../shared/saga-scenario.js';
import { decidePayment } from './decide-payment.js';
import { evolvePayment } from './evolve-payment.js';
import type { BooksPaymentEvent, PaymentContext, PaymentInput } from './payment.inputs.js';
import { initialPaymentState } from './payment.state.js';

const saga = sagaScenario({ initialState: initialPaymentState, evolve: evolvePayment, decide: decidePayment });
const booksRef = (type: 'bill_payment' | 'payment', id: string): DocumentRef => ({ connection: 'keystone', source: 'quickbooks', type, externalId: id });

/** Bill 145 is the hub's bill for requisition 1280641 (NSM-1041, net 40 500.00); bill 999 was keyed by hand. */
const ctx: PaymentContext = {
  links: [
    { txnId: '145', txnType: 'Bill', document: procoreRef('subcontractor_invoice', '1280641'), projectId: PROJECT, contractId: '786001', invoiceNumber: 'NSM-1041' },
    { txnId: '1041', txnType: 'Invoice', document: procoreRef('owner_invoice', '3301'), projectId: PROJECT, contractId: '640001', invoiceNumber: 'KM-PA-01' },
  ],
};

const payment = (kind: 'bill_payment' | 'payment', txnDate: string, applied: [string, string, string][], deleted = false): BooksPaymentSnapshot => ({
  kind, counterpartyId: kind === 'bill_payment' ? '46' : '59', txnDate, totalAmount: addMoney(...applied.map(([, , a]) => m(a))),
  appliedTo: applied.map(([txnType, txnId, amount]) => ({ txnType, txnId, amount: m(amount) })), deleted, updatedAt: `${txnDate}T10:00:00Z`,
});
const billPayment = (type: 'BillPaymentRecorded.v1' | 'BillPaymentChanged.v1', id: string, version: string, snapshot: BooksPaymentSnapshot): BooksPaymentEvent =>
  ({ type, data: { ref: booksRef('bill_payment', id), version, observedAt: version, snapshot, raw: null } });
const recorded = (requestNo: number, contractPaymentId: string): PaymentInput => ({ type: 'ProcorePaymentRecorded.v1', data: { requestNo, contractPaymentId } });

const first = billPayment('BillPaymentRecorded.v1', '501', '0', payment('bill_payment', '2026-04-15', [['Bill', '145', '20000.00']]));
const second = billPayment('BillPaymentRecorded.v1', '502', '0', payment('bill_payment', '2026-05-01', [['Bill', '145', '20500.00']]));

describe('payments back to Procore', () => {
  it('given two partial BillPayments on one hub bill, then each becomes its own Procore payment on the requisition', () => {
    const a = ofType(saga.given([]).when(first, ctx), 'RecordProcorePaymentRequested.v1')[0]?.data;
    const b = ofType(saga.given([]).when(second, ctx), 'RecordProcorePaymentRequested.v1')[0]?.data;
    expect(a).toMatchObject({ requisitionId: '1280641', contractId: '786001', projectId: PROJECT, amount: m('20000.00'), date: '2026-04-15', invoiceNumber: 'NSM-1041' });
    expect(b).toMatchObject({ requisitionId: '1280641', amount: m('20500.00'), date: '2026-05-01' });
    expect(a?.originId).toBe('trestle:keystone:bill_payment-501:Bill-145');
    expect(b?.originId).toBe('trestle:keystone:bill_payment-502:Bill-145');
  });

  it('then the payment applied to the subcontractor invoice is recorded, and once written back, so is that', () => {
    const outputs = saga.given([]).when(first, ctx);
    expect(ofType(outputs, 'BooksPaymentApplied.v1')[0]?.data).toMatchObject({ target: procoreRef('subcontractor_invoice', '1280641'), amount: m('20000.00'), previousAmount: m('0') });
    const done = saga.given([first, ...outputs]).when(recorded(1, '7001'), ctx);
    expect(done).toEqual([{ type: 'PaymentWrittenBack.v1', data: { document: first.data.ref, version: '0', payments: [{ entryKey: 'Bill-145', contractPaymentId: '7001', amount: m('20000.00') }] } }]);
  });

  it('when a BillPayment changes, then its Procore payment is changed in place; when deleted, removed', () => {
    const history = saga.play([[first, ctx], [recorded(1, '7001'), ctx]]);
    const changed = billPayment('BillPaymentChanged.v1', '501', '1', payment('bill_payment', '2026-04-15', [['Bill', '145', '15000.00']]));
    const outputs = saga.given(history).when(changed, ctx);
    expect(ofType(outputs, 'BooksPaymentApplied.v1')[0]?.data).toMatchObject({ amount: m('15000.00'), previousAmount: m('20000.00') });
    expect(outputs.at(-1)).toMatchObject({ type: 'UpdateProcorePaymentRequested.v1', data: { contractPaymentId: '7001', amount: m('15000.00'), originId: 'trestle:keystone:bill_payment-501:Bill-145' } });
    const later = saga.play([[changed, ctx], [{ type: 'ProcorePaymentUpdated.v1', data: { requestNo: 2, contractPaymentId: '7001' } }, ctx]], history);
    const deleted = billPayment('BillPaymentChanged.v1', '501', '2', payment('bill_payment', '2026-04-15', [['Bill', '145', '15000.00']], true));
    expect(saga.given(later).when(deleted, ctx).at(-1)).toMatchObject({ type: 'DeleteProcorePaymentRequested.v1', data: { contractPaymentId: '7001' } });
  });

  it('given a BillPayment also paying a bill the hub did not create, then that part is skipped and said so', () => {
    const mixed = billPayment('BillPaymentRecorded.v1', '503', '0', payment('bill_payment', '2026-05-02', [['Bill', '145', '500.00'], ['Bill', '999', '120.00']]));
    const outputs = saga.given([]).when(mixed, ctx);
    expect(ofType(outputs, 'PaymentApplicationsSkipped.v1')[0]?.data.skipped).toEqual([{ txnId: '999', txnType: 'Bill', amount: m('120.00') }]);
    expect(ofType(outputs, 'RecordProcorePaymentRequested.v1')).toHaveLength(1);
  });

  it('given an owner Payment on a hub invoice, then it is recorded against the owner invoice and on the prime contract', () => {
    const received: BooksPaymentEvent = { type: 'PaymentReceived.v1', data: { ref: booksRef('payment', '801'), version: '0', observedAt: '0', raw: null, snapshot: payment('payment', '2026-04-30', [['Invoice', '1041', '69300.00']]) } };
    const outputs = saga.given([]).when(received, ctx);
    expect(ofType(outputs, 'BooksPaymentApplied.v1')[0]?.data).toMatchObject({ target: procoreRef('owner_invoice', '3301'), txnType: 'Invoice', amount: m('69300.00') });
    expect(outputs.at(-1)).toMatchObject({ type: 'RecordProcorePaymentRequested.v1', data: { requisitionId: null, contractId: '640001', invoiceNumber: 'KM-PA-01', amount: m('69300.00') } });
  });

  it('given an input already handled (a replay after a crash), then nothing new is decided', () => {
    const history = saga.play([[first, ctx], [recorded(1, '7001'), ctx]]);
    expect(saga.given(history).when(first, ctx)).toEqual([]);
    expect(saga.given(history).when(recorded(1, '7001'), ctx)).toEqual([]);
  });
});
