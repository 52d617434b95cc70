import { postToLedger } from '../budget/cost-ledger.js';
import type { Ledger } from '../budget/cost-ledger.js';
import { assertNever } from '../shared/assert-never.js';
import type { Cents } from '../shared/money.js';
import type { Outbox } from '../shared/outbox.js';
import { answered, deadLettered, emptyOutbox, failed, isAnswer, parked, requestSent, resumed } from '../shared/outbox.js';
import type { ChangeOrderDocumentEvent } from './change-order.inputs.js';
import type { ChangeOrderEvent, ChangeOrderMemory, ChangeOrderState } from './change-order.state.js';
import { docOf, factKey, isKnownFact } from './change-order.state.js';

const absorb = (s: ChangeOrderState, e: ChangeOrderDocumentEvent): ChangeOrderState => {
  if (isKnownFact(s, e)) return s;
  if (s.status === 'Tracking') return { ...s, doc: docOf(e), seenFacts: [...s.seenFacts, factKey(e)] };
  const memory: ChangeOrderMemory = {
    doc: docOf(e), pending: {}, approved: {}, inForceVersion: null, purchaseOrderVersion: null,
    estimate: null, estimateSkippedVersion: null, seenFacts: [factKey(e)], outbox: emptyOutbox,
  };
  return { ...memory, status: 'Tracking' };
};

const edit = (s: ChangeOrderState, change: (m: ChangeOrderMemory) => Partial<ChangeOrderMemory>): ChangeOrderState =>
  s.status === 'Tracking' ? { ...s, ...change(s) } : s;

const withOutbox = (s: ChangeOrderState, change: (o: Outbox) => Outbox): ChangeOrderState => edit(s, (m) => ({ outbox: change(m.outbox) }));

const post = (ledger: Ledger, d: { readonly costCode: string; readonly costType: string | null; readonly delta: Cents }): Ledger =>
  postToLedger(ledger, { costCode: d.costCode, costType: d.costType, amount: d.delta });

/** Folds one event of the saga's stream, input or output; an input the decider ignored changes nothing. */
export const evolveChangeOrder = (s: ChangeOrderState, e: ChangeOrderEvent): ChangeOrderState => {
  switch (e.type) {
    case 'CommitmentChangeOrderCreated.v1': case 'CommitmentChangeOrderApproved.v1':
    case 'CommitmentChangeOrderRevised.v1': case 'CommitmentChangeOrderVoided.v1':
    case 'PrimeChangeOrderCreated.v1': case 'PrimeChangeOrderApproved.v1':
    case 'PrimeChangeOrderRevised.v1': case 'PrimeChangeOrderVoided.v1':
      return absorb(s, e);
    case 'PendingChangeAdjusted.v1': return edit(s, (m) => ({ pending: post(m.pending, e.data) }));
    case 'CommittedCostAdjusted.v1': case 'BudgetRevised.v1': return edit(s, (m) => ({ approved: post(m.approved, e.data) }));
    case 'CommitmentChangeOrderApplied.v1': case 'PrimeChangeOrderBillingChanged.v1': return edit(s, () => ({ inForceVersion: e.data.version }));
    case 'ChangeOrderPurchaseOrderSynced.v1': return edit(s, () => ({ purchaseOrderVersion: e.data.version }));
    case 'UpdateEstimateRequested.v1':
      return withOutbox(s, (o) => requestSent(o, { requestNo: e.data.requestNo, type: e.type, version: e.data.version, subject: 'estimate' }));
    case 'EstimateUpdated.v1':
      return edit(s, (m) => (isAnswer(m.outbox, e.data.requestNo)
        ? { estimate: { estimateId: e.data.estimateId, lineIds: e.data.lineIds, version: m.outbox.request.version }, outbox: answered(m.outbox, e.data.requestNo) }
        : {}));
    case 'EstimateUpdateSkipped.v1': return edit(s, () => ({ estimateSkippedVersion: e.data.version }));
    case 'PostingFailed.v1': return withOutbox(s, (o) => failed(o, e.data));
    case 'PostingDeadLettered.v1': return withOutbox(s, (o) => deadLettered(o, e.data.requestNo));
    case 'DocumentSyncParked.v1': return withOutbox(s, (o) => parked(o, { reasons: e.data.reasons, message: e.data.message }));
    case 'DocumentSyncResumed.v1': return withOutbox(s, resumed);
    case 'PurchaseOrderSynced.v1': case 'SyncRetryRequested.v1': case 'ChangeOrderEstimateSynced.v1': return s;
    default: return assertNever(e);
  }
};
