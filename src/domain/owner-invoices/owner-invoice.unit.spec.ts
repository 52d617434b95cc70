import { describe, expect, it } from 'vitest';
import { BILLING, JOB, line, m, MAPPING, ownerInvoice, ownerInvoiceEvent, PROJECT } from '../change-orders/sample.fixtures.js';
import type { Cents } from '../shared/money.js';
import { ZERO } from '../shared/money.js';
import { ofType, sagaScenario } from '../shared/saga-scenario.js';
import { decideOwnerInvoice } from './decide-owner-invoice.js';
import { evolveOwnerInvoice } from './evolve-owner-invoice.js';
import type { OwnerInvoiceContext, OwnerInvoiceInput } from './owner-invoice.inputs.js';
import type { OwnerInvoiceOutput } from './owner-invoice.outputs.js';
import { initialOwnerInvoiceState } from './owner-invoice.state.js';
import { evolveRetainageHeld, initialRetainageHeldState, retainageHeldFor } from './retainage-held.js';

const saga = sagaScenario({ initialState: initialOwnerInvoiceState, evolve: evolveOwnerInvoice, decide: decideOwnerInvoice });
const ctx = (retainageHeld: Cents = ZERO): OwnerInvoiceContext => ({ mapping: MAPPING, jobLink: null, billing: BILLING, retainageHeld, changeOrdersToCarry: [] });

/** Payment application #1: 10% retainage withheld on each line. */
const pa1 = ownerInvoiceEvent('OwnerInvoiceApproved.v1', '3301', 'a1', ownerInvoice(1, 'approved', [
  line('g1', '23-31-00', 'S', '58000.00', 'Ductwork', '5800.00'), line('g2', '23-07-00', 'S', '19000.00', 'Insulation', '1900.00'),
]));
const pa2 = ownerInvoiceEvent('OwnerInvoiceApproved.v1', '3302', 'a1', ownerInvoice(2, 'approved', [
  line('g1', '23-31-00', 'S', '84000.00', 'Ductwork', '8400.00'), line('g2', '23-07-00', 'S', '21000.00', 'Insulation', '2100.00'),
]));
/** Payment application #3 bills no work and releases the retainage held. */
const pa3 = ownerInvoiceEvent('OwnerInvoiceApproved.v1', '3303', 'a1', ownerInvoice(3, 'approved', [line('g1', '23-31-00', 'S', '0.00', 'Ductwork')], '18200.00'));
const posted = (requestNo: number, invoiceId: string, docNumber: string): OwnerInvoiceInput => ({ type: 'InvoicePosted.v1', data: { requestNo, invoiceId, syncToken: '0', docNumber } });

const heldOf = (...streams: readonly (OwnerInvoiceInput | OwnerInvoiceOutput)[][]) =>
  retainageHeldFor(streams.flat().filter((e) => e.type === 'RetainageHeldChanged.v1').reduce((s, e) => evolveRetainageHeld(s, e), initialRetainageHeldState), PROJECT);

describe('owner invoice saga: retainage withheld, then released', () => {
  it('given an approved payment application with 10% retainage, then retainage held grows and the invoice bills the net, with no negative line', () => {
    const outputs = saga.given([]).when(pa1, ctx());
    expect(outputs.map((o) => o.type)).toEqual(['RetainageHeldChanged.v1', 'OwnerInvoiceChangeOrdersCarried.v1', 'PostInvoiceRequested.v1']);
    expect(ofType(outputs, 'RetainageHeldChanged.v1')[0]?.data).toMatchObject({ projectId: PROJECT, delta: m('7700.00'), heldAfter: m('7700.00') });
    const post = ofType(outputs, 'PostInvoiceRequested.v1')[0]!.data;
    expect(post).toMatchObject({ purpose: 'progress', customerRef: JOB, docNumber: 'KM-PA-01', txnDate: '2026-03-28', total: m('69300.00') });
    expect(post.lines).toEqual([
      { kind: 'item', description: '23-31-00/S Ductwork: work completed 58000.00 less retainage 5800.00', amount: m('52200.00'), itemRef: BILLING.progressItemRef, qty: 1, unitPrice: m('52200.00'), classRef: { value: '200000000000000123', name: '23 HVAC' }, source: { costCode: '23-31-00', costType: 'S' } },
      expect.objectContaining({ kind: 'item', amount: m('17100.00') }),
      { kind: 'description', description: 'Retainage withheld this period: 7700.00. Retainage held to date on the project: 7700.00.' },
    ]);
    expect(post.lines.every((l) => l.kind === 'description' || l.amount >= 0)).toBe(true);
  });

  it('when posted, then the owner invoice is synced', () => {
    const history = saga.play([[pa1, ctx()]]);
    expect(saga.given(history).when(posted(1, '1041', 'KM-PA-01'), ctx())).toMatchObject([
      { type: 'OwnerInvoiceSynced.v1', data: { progressInvoiceId: '1041', releaseInvoiceId: null, total: m('69300.00') } },
    ]);
  });

  it('then a later release posts a separate invoice on the Retainage item, and retainage held per project comes back to zero', () => {
    const first = saga.play([[pa1, ctx()], [posted(1, '1041', 'KM-PA-01'), ctx()]]);
    const second = saga.play([[pa2, ctx(heldOf(first))], [posted(1, '1042', 'KM-PA-02'), ctx()]]);
    expect(heldOf(first, second)).toBe(m('18200.00'));
    const third = saga.play([[pa3, ctx(heldOf(first, second))]]);
    expect(ofType(third, 'RetainageHeldChanged.v1')[0]?.data).toMatchObject({ delta: m('-18200.00'), heldAfter: m('0.00') });
    const release = ofType(third, 'PostInvoiceRequested.v1');
    expect(release).toHaveLength(1);
    expect(release[0]?.data).toMatchObject({ purpose: 'retainage-release', docNumber: 'KM-PA-03-R', total: m('18200.00') });
    expect(release[0]?.data.lines[0]).toMatchObject({ kind: 'item', itemRef: BILLING.retainageItemRef, amount: m('18200.00') });
    expect(heldOf(first, second, third)).toBe(m('0'));
    const done = saga.given(third).when(posted(1, '1043', 'KM-PA-03-R'), ctx());
    expect(done).toMatchObject([{ type: 'OwnerInvoiceSynced.v1', data: { progressInvoiceId: null, releaseInvoiceId: '1043', total: m('18200.00') } }]);
  });

  it('when revised, then retainage held moves by the difference and the books invoice is updated', () => {
    const history = saga.play([[pa1, ctx()], [posted(1, '1041', 'KM-PA-01'), ctx()]]);
    const revised = ownerInvoiceEvent('OwnerInvoiceRevised.v1', '3301', 'a2', ownerInvoice(1, 'approved', [
      line('g1', '23-31-00', 'S', '60000.00', 'Ductwork', '6000.00'), line('g2', '23-07-00', 'S', '19000.00', 'Insulation', '1900.00'),
    ]));
    const outputs = saga.given(history).when(revised, ctx(m('7700.00')));
    expect(ofType(outputs, 'RetainageHeldChanged.v1')[0]?.data).toMatchObject({ delta: m('200.00'), heldAfter: m('7900.00') });
    expect(outputs.at(-1)).toMatchObject({ type: 'UpdateInvoiceRequested.v1', data: { invoiceId: '1041', lastKnownSyncToken: '0', total: m('71100.00') } });
  });

  it('when voided, then its retainage is reversed and the books invoice voided', () => {
    const history = saga.play([[pa1, ctx()], [posted(1, '1041', 'KM-PA-01'), ctx()]]);
    const voided = ownerInvoiceEvent('OwnerInvoiceVoided.v1', '3301', 'a3', ownerInvoice(1, 'deleted', pa1.data.snapshot.lines));
    const outputs = saga.given(history).when(voided, ctx(m('7700.00')));
    expect(ofType(outputs, 'RetainageHeldChanged.v1')[0]?.data).toMatchObject({ delta: m('-7700.00'), heldAfter: m('0') });
    expect(outputs.at(-1)).toMatchObject({ type: 'VoidInvoiceRequested.v1', data: { invoiceId: '1041', purpose: 'progress' } });
    const done = saga.given([...history, voided, ...outputs]).when({ type: 'InvoiceVoided.v1', data: { requestNo: 2, invoiceId: '1041', syncToken: '1' } }, ctx());
    expect(done).toEqual([{ type: 'OwnerInvoiceVoidSynced.v1', data: { document: voided.data.ref, version: 'a3', voidedInvoiceIds: ['1041'] } }]);
  });

  it('given a line that nets below zero, then it parks instead of sending a negative line', () => {
    const credit = ownerInvoiceEvent('OwnerInvoiceApproved.v1', '3304', 'a1', ownerInvoice(4, 'approved', [line('g1', '23-31-00', 'S', '-1000.00', 'Credit')]));
    const outputs = saga.given([]).when(credit, ctx());
    expect(outputs.at(-1)).toMatchObject({ type: 'DocumentSyncParked.v1', data: { reasons: ['validation-failed'] } });
    expect(ofType(outputs, 'DocumentSyncParked.v1')[0]?.data.message).toContain('23-31-00/S nets to -1000.00 after retainage');
  });

  it('given an input already handled (a replay after a crash), then nothing new is decided', () => {
    const history = saga.play([[pa1, ctx()], [posted(1, '1041', 'KM-PA-01'), ctx()]]);
    expect(saga.given(history).when(pa1, ctx(m('7700.00')))).toEqual([]);
    expect(saga.given(history).when(posted(1, '1041', 'KM-PA-01'), ctx())).toEqual([]);
  });
});

describe('owner invoice saga: a remap applied with "update posted"', () => {
  const DUCTS = { value: '200000000000000130', name: '23-31 Ductwork' };
  const remappedCtx = (): OwnerInvoiceContext => ({
    ...ctx(), mapping: { ...MAPPING, rules: MAPPING.rules.map((r) => (r.costCode === '23-31-00' && r.costType === 'S' ? { ...r, classRef: DUCTS } : r)) },
  });
  const remap = (version: number): OwnerInvoiceInput => ({
    type: 'MappingRemapApplied.v1',
    data: { version, posted: 'update', changedBy: 'bookkeeper', changedAt: '2026-04-02T09:00:00Z', documents: [{ document: pa1.data.ref, version: 'a1', sagaStream: 'keystone.saga.owner_invoice-3301' }] },
  });
  const updated = (requestNo: number): OwnerInvoiceInput => ({ type: 'InvoiceUpdated.v1', data: { requestNo, invoiceId: '1041', syncToken: String(requestNo) } });

  it('rewrites the progress invoice once with the new class, the amounts and version unchanged, and says nothing new once it lands', () => {
    const synced = saga.play([[pa1, ctx()], [posted(1, '1041', 'KM-PA-01'), ctx()]]);
    const outputs = saga.given(synced).when(remap(4), remappedCtx());
    expect(outputs).toMatchObject([{
      type: 'UpdateInvoiceRequested.v1',
      data: { requestNo: 2, purpose: 'progress', invoiceId: '1041', lastKnownSyncToken: '0', version: 'a1', total: m('69300.00'), hubMarker: 'trestle:keystone:owner_invoice-3301:a1+remap4' },
    }]);
    const update = ofType(outputs, 'UpdateInvoiceRequested.v1')[0]!.data;
    expect(update.lines.flatMap((l) => (l.kind === 'item' ? [[l.source?.costCode, l.classRef?.value]] : []))).toEqual([['23-31-00', DUCTS.value], ['23-07-00', '200000000000000123']]);
    const after = saga.play([[remap(4), remappedCtx()], [updated(2), remappedCtx()]], synced);
    expect(after.slice(synced.length + 3)).toEqual([]);
    expect(saga.given(after).when(remap(4), remappedCtx())).toEqual([]);
  });

  it('with a request out, rewrites once that request lands', () => {
    const requested = saga.play([[pa1, ctx()]]);
    expect(saga.given(requested).when(remap(4), remappedCtx())).toEqual([]);
    const outputs = saga.given(saga.play([[remap(4), remappedCtx()]], requested)).when(posted(1, '1041', 'KM-PA-01'), remappedCtx());
    expect(outputs.map((o) => o.type)).toEqual(['UpdateInvoiceRequested.v1']);
  });
});
