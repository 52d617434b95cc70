import type { PurchaseOrderSynced } from '../commitments/commitment-po.outputs.js';
import { assertNever } from '../shared/assert-never.js';
import type { Failure } from '../shared/outbox.js';
import { isAnswer } from '../shared/outbox.js';
import { parkedOnFailure, resumedAfterStall } from '../posting/sync-facts.js';
import type { ChangeOrderContext, ChangeOrderDocumentEvent, ChangeOrderInput, EstimateUpdated } from './change-order.inputs.js';
import type { ChangeOrderOutput } from './change-order.outputs.js';
import type { ChangeOrderState, TrackingState } from './change-order.state.js';
import { changeOrderLabel, isKnownFact } from './change-order.state.js';
import { changeOrderEffects } from './change-order-effects.js';
import { nextEstimateStep } from './estimate-step.js';
import { evolveChangeOrder } from './evolve-change-order.js';

/** Records `facts`, then asks for the next step from where they leave the saga. */
const proceed = (s: ChangeOrderState, facts: readonly ChangeOrderOutput[], ctx: ChangeOrderContext): ChangeOrderOutput[] => {
  const after = facts.reduce(evolveChangeOrder, s);
  return [...facts, ...(after.status === 'Tracking' ? nextEstimateStep(after, ctx) : [])];
};

const resumed = (s: TrackingState, cause: 'revised' | 'retry-requested'): ChangeOrderOutput[] =>
  s.outbox.status === 'parked' ? [{ type: 'DocumentSyncResumed.v1', data: { document: s.doc.ref, version: s.doc.version, cause } }] : [];

/** A new version: budget adjustments and the hand-over first (they need no books), then the Estimate. */
const onDocument = (input: ChangeOrderDocumentEvent, s: ChangeOrderState, ctx: ChangeOrderContext): ChangeOrderOutput[] => {
  if (isKnownFact(s, input)) return [];
  const next = evolveChangeOrder(s, input);
  return next.status === 'Tracking' ? proceed(next, [...changeOrderEffects(next), ...resumed(next, 'revised')], ctx) : [];
};

/** The commitment's PO now holds the version this saga handed over: its PO step is done. */
const onPurchaseOrderSynced = (input: PurchaseOrderSynced, s: ChangeOrderState): ChangeOrderOutput[] => {
  if (s.status !== 'Tracking' || s.inForceVersion === null || s.purchaseOrderVersion === s.inForceVersion) return [];
  const held = input.data.changeOrders.some((c) => c.changeOrderId === s.doc.ref.externalId && c.version === s.inForceVersion);
  if (!held) return [];
  const data = { document: s.doc.ref, version: s.inForceVersion, commitmentId: input.data.commitmentId, purchaseOrderId: input.data.purchaseOrderId };
  return [{ type: 'ChangeOrderPurchaseOrderSynced.v1', data }];
};

const onEstimateUpdated = (input: EstimateUpdated, s: ChangeOrderState, ctx: ChangeOrderContext): ChangeOrderOutput[] => {
  if (s.status !== 'Tracking' || !isAnswer(s.outbox, input.data.requestNo)) return [];
  const version = s.outbox.request.version;
  const next = evolveChangeOrder(s, input);
  const synced: ChangeOrderOutput = { type: 'ChangeOrderEstimateSynced.v1', data: { document: s.doc.ref, version, estimateId: input.data.estimateId } };
  return proceed(next, [...resumedAfterStall(s.outbox, s.doc.ref, s.doc.version), synced], ctx);
};

const onFailure = (s: ChangeOrderState, failure: Failure): ChangeOrderOutput[] =>
  s.status === 'Tracking' ? parkedOnFailure(s.outbox, failure, s.doc, `${changeOrderLabel(s.doc)}: the Estimate update`) : [];

const onRetry = (s: ChangeOrderState, ctx: ChangeOrderContext): ChangeOrderOutput[] =>
  s.status === 'Tracking' && s.outbox.status === 'parked' ? proceed(s, resumed(s, 'retry-requested'), ctx) : [];

/**
 * The change-order saga, one instance per change order (commitment or prime). Every step is
 * a fact in its stream: budget adjustments, the hand-over of its lines, the books' answers.
 */
export const decideChangeOrder = (input: ChangeOrderInput, s: ChangeOrderState, ctx: ChangeOrderContext): ChangeOrderOutput[] => {
  switch (input.type) {
    case 'CommitmentChangeOrderCreated.v1': case 'CommitmentChangeOrderApproved.v1':
    case 'CommitmentChangeOrderRevised.v1': case 'CommitmentChangeOrderVoided.v1':
    case 'PrimeChangeOrderCreated.v1': case 'PrimeChangeOrderApproved.v1':
    case 'PrimeChangeOrderRevised.v1': case 'PrimeChangeOrderVoided.v1':
      return onDocument(input, s, ctx);
    case 'PurchaseOrderSynced.v1': return onPurchaseOrderSynced(input, s);
    case 'EstimateUpdated.v1': return onEstimateUpdated(input, s, ctx);
    case 'PostingFailed.v1': return onFailure(s, { kind: 'refused', ...input.data });
    case 'PostingDeadLettered.v1': return onFailure(s, { kind: 'dead-lettered', ...input.data });
    case 'SyncRetryRequested.v1': return onRetry(s, ctx);
    default: return assertNever(input);
  }
};
