import type { CommitmentChangeOrderApplied } from './change-order-applied.js';
import { postToLedger } from '../budget/cost-ledger.js';
import type { CommitmentEvent } from '../documents/document-events.js';
import { assertNever } from '../shared/assert-never.js';
import type { Outbox } from '../shared/outbox.js';
import { answered, deadLettered, emptyOutbox, failed, isAnswer, parked, requestSent, resumed } from '../shared/outbox.js';
import type { LineIds } from './commitment-po.inputs.js';
import type { PostPurchaseOrderRequested, UpdatePurchaseOrderRequested } from './commitment-po.outputs.js';
import type { CommitmentDoc, CommitmentPoEvent, CommitmentPoMemory, CommitmentPoState, PurchaseOrderInBooks, TrackingState } from './commitment-po.state.js';
import { basisOf, factKey, isKnownFact, phaseOf } from './commitment-po.state.js';

const fresh: CommitmentPoMemory = {
  doc: null, changeOrders: {}, committed: {}, vendorRef: null, jobRef: null, requested: null, purchaseOrder: null, seenFacts: [], outbox: emptyOutbox,
};

const tracking = (s: CommitmentPoState): TrackingState => (s.status === 'Tracking' ? s : { ...fresh, status: 'Tracking' });

const docOf = (e: CommitmentEvent, previous: CommitmentDoc | null): CommitmentDoc => {
  const phase = phaseOf(e);
  const approvedOn = previous?.approvedOn ?? (phase === 'approved' ? e.data.snapshot.updatedAt.slice(0, 10) : null);
  return { ref: e.data.ref, version: e.data.version, snapshot: e.data.snapshot, phase, approvedOn };
};

const absorb = (s: CommitmentPoState, e: CommitmentEvent | CommitmentChangeOrderApplied): CommitmentPoState => {
  if (isKnownFact(s, e)) return s;
  const t = tracking(s);
  const seenFacts = [...t.seenFacts, factKey(e)];
  if (e.type !== 'CommitmentChangeOrderApplied.v1') return { ...t, doc: docOf(e, t.doc), seenFacts };
  const { document: ref, number, version, lines } = e.data;
  return { ...t, changeOrders: { ...t.changeOrders, [ref.externalId]: { ref, number, version, lines } }, seenFacts };
};

const withOutbox = (s: CommitmentPoState, edit: (o: Outbox) => Outbox): CommitmentPoState =>
  s.status === 'Tracking' ? { ...s, outbox: edit(s.outbox) } : s;

/** The request in flight got its answer: back to ready with what it taught. */
const complete = (s: CommitmentPoState, requestNo: number, learn: (t: TrackingState) => Partial<CommitmentPoMemory>): CommitmentPoState =>
  s.status === 'Tracking' && isAnswer(s.outbox, requestNo) ? { ...s, ...learn(s), outbox: answered(s.outbox, requestNo) } : s;

const requested = (s: CommitmentPoState, e: PostPurchaseOrderRequested | UpdatePurchaseOrderRequested): CommitmentPoState => {
  if (s.status !== 'Tracking') return s;
  const basis = basisOf(e.data.version, e.data.changeOrders, e.data.remap);
  const cells = e.data.lines.map((l) => ({ lineKey: l.lineKey, costCode: l.source?.costCode ?? '', costType: l.source?.costType ?? null }));
  const outbox = requestSent(s.outbox, { requestNo: e.data.requestNo, type: e.type, version: basis, subject: 'purchase-order' });
  return { ...s, requested: { version: e.data.version, basis, changeOrders: e.data.changeOrders, cells }, outbox };
};

/** The PO as the books now hold it, after a post or update answered with its line Ids. */
const written = (t: TrackingState, d: LineIds & { purchaseOrderId: string; syncToken: string; docNumber?: string }): Partial<CommitmentPoMemory> => {
  if (t.requested === null) return {};
  const ids = new Map(d.lineIds.map((l) => [l.lineKey, l.lineId]));
  const lines = t.requested.cells.flatMap((c) => { const lineId = ids.get(c.lineKey); return lineId === undefined ? [] : [{ ...c, lineId }]; });
  const purchaseOrder: PurchaseOrderInBooks = {
    purchaseOrderId: d.purchaseOrderId, syncToken: d.syncToken, docNumber: d.docNumber ?? t.purchaseOrder?.docNumber ?? '',
    lines, version: t.requested.version, basis: t.requested.basis, changeOrders: t.requested.changeOrders, closed: false,
  };
  return { purchaseOrder, requested: null };
};

/** Folds one event of the saga's stream, input or output; an input the decider ignored changes nothing. */
export const evolveCommitmentPo = (s: CommitmentPoState, e: CommitmentPoEvent): CommitmentPoState => {
  switch (e.type) {
    case 'CommitmentCreated.v1': case 'CommitmentApproved.v1': case 'CommitmentRevised.v1': case 'CommitmentVoided.v1':
    case 'CommitmentChangeOrderApplied.v1':
      return absorb(s, e);
    case 'BooksVendorResolved.v1': return complete(s, e.data.requestNo, () => ({ vendorRef: e.data.vendorRef }));
    case 'BooksJobResolved.v1': return complete(s, e.data.requestNo, () => ({ jobRef: e.data.customerRef }));
    case 'PurchaseOrderPosted.v1': case 'PurchaseOrderUpdated.v1': return complete(s, e.data.requestNo, (t) => written(t, e.data));
    case 'PurchaseOrderClosed.v1':
      return complete(s, e.data.requestNo, (t) => ({ purchaseOrder: t.purchaseOrder && { ...t.purchaseOrder, syncToken: e.data.syncToken, closed: true } }));
    case 'PostingFailed.v1': return withOutbox(s, (o) => failed(o, e.data));
    case 'PostingDeadLettered.v1': return withOutbox(s, (o) => deadLettered(o, e.data.requestNo));
    case 'MappingRemapApplied.v1': return s.status === 'Tracking' ? { ...s, remap: e.data.version } : s;
    case 'MappingChanged.v1': case 'SyncRetryRequested.v1': case 'DocumentMappingMissing.v1':
    case 'PurchaseOrderSynced.v1': case 'PurchaseOrderVoidSynced.v1':
      return s;
    case 'BooksVendorResolutionRequested.v1': case 'BooksJobResolutionRequested.v1': case 'ClosePurchaseOrderRequested.v1':
      return withOutbox(s, (o) => requestSent(o, { requestNo: e.data.requestNo, type: e.type, version: e.data.version, subject: 'purchase-order' }));
    case 'PostPurchaseOrderRequested.v1': case 'UpdatePurchaseOrderRequested.v1': return requested(s, e);
    case 'CommittedCostAdjusted.v1':
      return s.status === 'Tracking' ? { ...s, committed: postToLedger(s.committed, { costCode: e.data.costCode, costType: e.data.costType, amount: e.data.delta }) } : s;
    case 'DocumentSyncParked.v1': return withOutbox(s, (o) => parked(o, { reasons: e.data.reasons, message: e.data.message }));
    case 'DocumentSyncResumed.v1': return withOutbox(s, resumed);
    default: return assertNever(e);
  }
};
