import { describe, expect, it } from 'vitest';
import type { CommitmentChangeOrderApplied } from './change-order-applied.js';
import { commitment, commitmentEvent, JOB, line, m, MAPPING, PROJECT, procoreRef, WO_001_LINES } from '../change-orders/sample.fixtures.js';
import { ofType, sagaScenario } from '../shared/saga-scenario.js';
import type { CommitmentPoContext, CommitmentPoInput } from './commitment-po.inputs.js';
import { initialCommitmentPoState } from './commitment-po.state.js';
import { decideCommitmentPo } from './decide-commitment-po.js';
import { evolveCommitmentPo } from './evolve-commitment-po.js';
import { linkedTxnFor, purchaseOrderLinksOf } from './purchase-order-links.js';

const saga = sagaScenario({ initialState: initialCommitmentPoState, evolve: evolveCommitmentPo, decide: decideCommitmentPo });
const VENDOR = { value: '46', name: 'Northwind Sheet Metal LLC' };
const ctx: CommitmentPoContext = { mapping: MAPPING, vendorLink: null, jobLink: null };
const approved = commitmentEvent('CommitmentApproved.v1', 'c1', commitment('approved'));
const vendorResolved: CommitmentPoInput = { type: 'BooksVendorResolved.v1', data: { requestNo: 1, vendorId: '5521', vendorRef: VENDOR, created: false } };
const posted: CommitmentPoInput = {
  type: 'PurchaseOrderPosted.v1',
  data: { requestNo: 2, purchaseOrderId: '701', syncToken: '0', docNumber: 'WO-001', lineIds: ['23-31-00|S', '23-31-00|M', '23-33-00|S', '23-37-00|S'].map((lineKey, i) => ({ lineKey, lineId: String(i + 1) })) },
};
const coApplied = (version: string, lines = [line('l1', '23-31-00', 'S', '12500.00', 'Exhaust ductwork'), line('l2', '23-09-00', 'M', '800.00', 'Damper actuator')]): CommitmentChangeOrderApplied => ({
  type: 'CommitmentChangeOrderApplied.v1',
  data: { document: procoreRef('commitment_change_order', '91001'), version, projectId: PROJECT, commitmentId: '786001', number: 'CCO-001', title: 'Add exhaust ductwork', lines },
});
const steps = (...inputs: CommitmentPoInput[]) => inputs.map((i) => [i, ctx] as const);

describe('commitment -> PurchaseOrder saga', () => {
  it('given an approved commitment, then its committed cost is recorded and the vendor is resolved first', () => {
    const outputs = saga.given([]).when(approved, ctx);
    expect(ofType(outputs, 'CommittedCostAdjusted.v1').map((o) => [o.data.costCode, o.data.costType, o.data.delta])).toEqual([
      ['23-31-00', 'M', m('12000.00')], ['23-31-00', 'S', m('150000.00')], ['23-33-00', 'S', m('21000.00')], ['23-37-00', 'S', m('17500.00')],
    ]);
    expect(outputs.at(-1)).toMatchObject({ type: 'BooksVendorResolutionRequested.v1', data: { requestNo: 1, vendorId: '5521', displayName: 'Northwind Sheet Metal LLC', match: 'lookup-or-create' } });
  });

  it('when the vendor is known, then the PO is posted with one line per cost code, mapped like a bill', () => {
    const [post] = saga.given(saga.play(steps(approved))).when(vendorResolved, ctx);
    expect(post?.type).toBe('PostPurchaseOrderRequested.v1');
    if (post?.type !== 'PostPurchaseOrderRequested.v1') return;
    expect(post.data).toMatchObject({ requestNo: 2, vendorRef: VENDOR, docNumber: 'WO-001', txnDate: '2026-03-02', total: m('200500.00'), hubMarker: 'trestle:keystone:commitment-786001:c1' });
    expect(post.data.privateNote.startsWith(post.data.hubMarker)).toBe(true);
    expect(post.data.lines[0]).toEqual({
      kind: 'account', accountRef: { value: '61', name: 'Subcontractors' }, classRef: { value: '200000000000000123', name: '23 HVAC' }, customerRef: JOB,
      description: 'Supply and return ductwork', amount: m('150000.00'), billable: false, role: 'cost', source: { lineId: 'c1', costCode: '23-31-00', costType: 'S' },
      lineKey: '23-31-00|S', lineId: null,
    });
    expect(post.data.lines[1]).toMatchObject({ accountRef: { value: '62' }, lineKey: '23-31-00|M' });
  });

  it('when posted, then the PO and its lines are recorded, and bills on the commitment can link to them', () => {
    const history = saga.play(steps(approved, vendorResolved));
    const outputs = saga.given(history).when(posted, ctx);
    expect(outputs).toMatchObject([{ type: 'PurchaseOrderSynced.v1', data: { purchaseOrderId: '701', commitmentId: '786001', changeOrders: [] } }]);
    const links = purchaseOrderLinksOf(saga.given([...history, posted, ...outputs]).state());
    expect(linkedTxnFor(links, '23-33-00', 'S')).toEqual({ txnId: '701', txnType: 'PurchaseOrder', txnLineId: '3' });
    expect(linkedTxnFor(links, '22-11-00', 'L')).toBeNull();
  });

  it('when a change order is applied, then the PO is updated with the full line set, existing lines keeping their Ids', () => {
    const history = saga.play(steps(approved, vendorResolved, posted));
    const [update] = saga.given(history).when(coApplied('v2'), ctx);
    if (update?.type !== 'UpdatePurchaseOrderRequested.v1') throw new Error(`expected an update, got ${update?.type}`);
    expect(update.data).toMatchObject({ purchaseOrderId: '701', lastKnownSyncToken: '0', total: m('213800.00'), changeOrders: [{ changeOrderId: '91001', version: 'v2' }] });
    expect(update.data.lines.map((l) => [l.lineKey, l.lineId, l.amount])).toEqual([
      ['23-31-00|S', '1', m('162500.00')], ['23-31-00|M', '2', m('12000.00')], ['23-33-00|S', '3', m('21000.00')], ['23-37-00|S', '4', m('17500.00')], ['23-09-00|M', null, m('800.00')],
    ]);
    expect(update.data.lines[0]?.description).toBe('Supply and return ductwork (incl. CCO-001)');
  });

  it('when the change order is voided, then its lines leave the PO', () => {
    const history = saga.play(steps(approved, vendorResolved, posted, coApplied('v2')));
    const updated: CommitmentPoInput = { type: 'PurchaseOrderUpdated.v1', data: { requestNo: 3, purchaseOrderId: '701', syncToken: '1', lineIds: [...posted.data.lineIds, { lineKey: '23-09-00|M', lineId: '5' }] } };
    const [update] = saga.given(saga.play(steps(updated), history)).when(coApplied('v3', []), ctx);
    expect(update).toMatchObject({ type: 'UpdatePurchaseOrderRequested.v1', data: { total: m('200500.00'), lastKnownSyncToken: '1', changeOrders: [{ changeOrderId: '91001', version: 'v3' }] } });
  });

  it('when the commitment is voided, then its committed cost is reversed and the PO closed', () => {
    const history = saga.play(steps(approved, vendorResolved, posted));
    const outputs = saga.given(history).when(commitmentEvent('CommitmentVoided.v1', 'c2', commitment('void')), ctx);
    expect(ofType(outputs, 'CommittedCostAdjusted.v1').map((o) => o.data.delta)).toEqual([m('-12000.00'), m('-150000.00'), m('-21000.00'), m('-17500.00')]);
    expect(outputs.at(-1)).toMatchObject({ type: 'ClosePurchaseOrderRequested.v1', data: { purchaseOrderId: '701', lastKnownSyncToken: '0' } });
  });

  it('given a cost code without a rule, then it parks naming the code, and resumes when the mapping changes', () => {
    const unmapped = commitmentEvent('CommitmentApproved.v1', 'c1', commitment('approved', [...WO_001_LINES, line('c5', '26-05-00', 'S', '900.00')]));
    const outputs = saga.given([]).when(unmapped, { ...ctx, vendorLink: VENDOR });
    expect(ofType(outputs, 'DocumentMappingMissing.v1')[0]?.data).toMatchObject({ costCodes: [{ costCode: '26-05-00', costType: 'S', lineIds: ['c5'] }], jobMissingFor: null });
    expect(ofType(outputs, 'DocumentSyncParked.v1')[0]?.data.message).toBe('Commitment WO-001 (Northwind Sheet Metal LLC) can\'t become a PurchaseOrder: no mapping rule for cost code 26-05-00/S in project 2468013.');
    const fixed = { ...MAPPING, rules: [...MAPPING.rules, { ...MAPPING.rules[0]!, costCode: '26' }] };
    const resumed = saga.given([unmapped, ...outputs]).when({ type: 'MappingChanged.v1', data: { version: 2, changedAt: '2026-03-03T08:00:00Z' } }, { ...ctx, mapping: fixed, vendorLink: VENDOR });
    expect(resumed.map((o) => o.type)).toEqual(['DocumentSyncResumed.v1', 'PostPurchaseOrderRequested.v1']);
  });

  it('given a request refused by the books, then it parks; a retry sends it again', () => {
    const history = saga.play(steps(approved, vendorResolved));
    const refused: CommitmentPoInput = { type: 'PostingFailed.v1', data: { requestNo: 2, retryable: false, reason: 'Invalid Reference Id', code: '2500', attempt: 1 } };
    const parked = saga.given(history).when(refused, ctx);
    expect(parked).toMatchObject([{ type: 'DocumentSyncParked.v1', data: { reasons: ['books-rejected'] } }]);
    const retry = saga.given([...history, refused, ...parked]).when({ type: 'SyncRetryRequested.v1', data: { requestedBy: 'ops', requestedAt: '2026-03-03T09:00:00Z' } }, ctx);
    expect(retry.map((o) => o.type)).toEqual(['DocumentSyncResumed.v1', 'PostPurchaseOrderRequested.v1']);
    expect(retry[1]).toMatchObject({ data: { requestNo: 3 } });
  });

  it('given an input already handled (a replay after a crash), then nothing new is decided', () => {
    const history = saga.play(steps(approved, vendorResolved, posted, coApplied('v2')));
    for (const input of [approved, vendorResolved, posted, coApplied('v2')]) expect(saga.given(history).when(input, ctx)).toEqual([]);
  });
});

describe('commitment -> PurchaseOrder saga: a remap applied with "update posted"', () => {
  const OTHER = { value: '64', name: 'Ductwork Subcontract' };
  const toOther = MAPPING.rules.map((r) => (r.costCode === '23-31-00' && r.costType === 'S' ? { ...r, target: { kind: 'account' as const, accountRef: OTHER } } : r));
  const remapped = { ...ctx, mapping: { ...MAPPING, rules: toOther } };
  const remap = (version: number): CommitmentPoInput => ({
    type: 'MappingRemapApplied.v1',
    data: { version, posted: 'update', changedBy: 'bookkeeper', changedAt: '2026-03-10T09:00:00Z', documents: [{ document: approved.data.ref, version: 'c1', sagaStream: 'keystone.saga.commitment_po-786001' }] },
  });
  const updated = (requestNo: number): CommitmentPoInput => ({ type: 'PurchaseOrderUpdated.v1', data: { requestNo, purchaseOrderId: '701', syncToken: String(requestNo), lineIds: posted.data.lineIds } });

  it('rewrites the posted PO once with the new account, its lines keeping their Ids, and then rests', () => {
    const history = saga.play(steps(approved, vendorResolved, posted));
    const [update, ...rest] = saga.given(history).when(remap(5), remapped);
    expect(rest).toEqual([]);
    if (update?.type !== 'UpdatePurchaseOrderRequested.v1') throw new Error(`expected an update, got ${update?.type}`);
    expect(update.data).toMatchObject({ purchaseOrderId: '701', lastKnownSyncToken: '0', total: m('200500.00'), remap: 5, hubMarker: 'trestle:keystone:commitment-786001:c1+remap@5' });
    expect(update.data.lines.map((l) => [l.lineKey, l.lineId, l.kind === 'account' ? l.accountRef.value : null])).toEqual([
      ['23-31-00|S', '1', '64'], ['23-31-00|M', '2', '62'], ['23-33-00|S', '3', '61'], ['23-37-00|S', '4', '61'],
    ]);
    const after = saga.play([[remap(5), remapped], [updated(3), remapped]], history);
    expect(ofType(after.slice(history.length + 3), 'UpdatePurchaseOrderRequested.v1')).toEqual([]);
    expect(saga.given(after).when(remap(5), remapped)).toEqual([]);
  });

  it('with a request out, rewrites once that request lands', () => {
    const history = saga.play(steps(approved, vendorResolved));
    expect(saga.given(history).when(remap(5), remapped)).toEqual([]);
    const outputs = saga.given(saga.play([[remap(5), remapped]], history)).when(posted, remapped);
    expect(outputs.map((o) => o.type)).toEqual(['PurchaseOrderSynced.v1', 'UpdatePurchaseOrderRequested.v1']);
  });
});
