import type { CommitmentChangeOrderApplied } from './change-order-applied.js';
import { causeChangeOf } from '../budget/budget.events.js';
import { EMPTY_LEDGER, ledgerDifferences, ledgerOf } from '../budget/cost-ledger.js';
import type { CommitmentEvent } from '../documents/document-events.js';
import { assertNever } from '../shared/assert-never.js';
import type { Failure } from '../shared/outbox.js';
import { isAnswer } from '../shared/outbox.js';
import type { ResumeCause } from '../posting/sync-facts.js';
import { parkedOnFailure, resumedAfterStall, resumesPark } from '../posting/sync-facts.js';
import type { MappingRemapApplied } from '../posting/posting-outcomes.js';
import type { CommitmentPoContext, CommitmentPoInput, PurchaseOrderOutcome } from './commitment-po.inputs.js';
import type { CommitmentPoOutput } from './commitment-po.outputs.js';
import type { CommitmentPoState, TrackingState } from './commitment-po.state.js';
import { isKnownFact } from './commitment-po.state.js';
import { evolveCommitmentPo } from './evolve-commitment-po.js';
import { commitmentLabel, nextPurchaseOrderStep } from './next-po-step.js';

/** Records `facts`, then asks for the next step from where they leave the saga. */
const proceed = (s: CommitmentPoState, facts: readonly CommitmentPoOutput[], ctx: CommitmentPoContext): CommitmentPoOutput[] => {
  const after = facts.reduce(evolveCommitmentPo, s);
  return [...facts, ...(after.status === 'Tracking' ? nextPurchaseOrderStep(after, ctx) : [])];
};

const resume = (s: TrackingState, cause: ResumeCause): CommitmentPoOutput[] =>
  s.outbox.status === 'parked' && s.doc !== null ? [{ type: 'DocumentSyncResumed.v1', data: { document: s.doc.ref, version: s.doc.version, cause } }] : [];

/** The commitment's own lines in committed cost: approved, by difference on revision, reversed on void. */
const committedCost = (s: TrackingState, e: CommitmentEvent): CommitmentPoOutput[] => {
  const doc = s.doc!;
  const target = doc.phase === 'approved' ? ledgerOf(doc.snapshot.lines) : EMPTY_LEDGER;
  const cause = { document: doc.ref, version: doc.version, change: causeChangeOf(e.type) };
  return ledgerDifferences(s.committed, target).map((d) => ({
    type: 'CommittedCostAdjusted.v1',
    data: { projectId: doc.snapshot.projectId, costCode: d.costCode, costType: d.costType, commitmentId: doc.ref.externalId, delta: d.amount, cause },
  }));
};

const onDocument = (input: CommitmentEvent | CommitmentChangeOrderApplied, s: CommitmentPoState, ctx: CommitmentPoContext): CommitmentPoOutput[] => {
  if (isKnownFact(s, input)) return [];
  const next = evolveCommitmentPo(s, input);
  if (next.status !== 'Tracking') return [];
  const adjustments = input.type === 'CommitmentChangeOrderApplied.v1' ? [] : committedCost(next, input);
  return proceed(next, [...adjustments, ...resume(next, 'revised')], ctx);
};

/** What the books now hold after a PO outcome (nothing to record after a vendor or job was resolved). */
const synced = (input: PurchaseOrderOutcome, s: TrackingState): CommitmentPoOutput[] => {
  const { doc, purchaseOrder: po } = s;
  if (doc === null || po === null) return [];
  switch (input.type) {
    case 'BooksVendorResolved.v1': case 'BooksJobResolved.v1': return [];
    case 'PurchaseOrderClosed.v1': return [{ type: 'PurchaseOrderVoidSynced.v1', data: { document: doc.ref, version: doc.version, purchaseOrderId: po.purchaseOrderId } }];
    case 'PurchaseOrderPosted.v1': case 'PurchaseOrderUpdated.v1':
      return [{ type: 'PurchaseOrderSynced.v1', data: {
        document: doc.ref, version: po.version, projectId: doc.snapshot.projectId, commitmentId: doc.ref.externalId, purchaseOrderId: po.purchaseOrderId,
        docNumber: po.docNumber, lines: po.lines, changeOrders: po.changeOrders,
      } }];
    default: return assertNever(input);
  }
};

const onOutcome = (input: PurchaseOrderOutcome, s: CommitmentPoState, ctx: CommitmentPoContext): CommitmentPoOutput[] => {
  if (s.status !== 'Tracking' || !isAnswer(s.outbox, input.data.requestNo)) return [];
  const next = evolveCommitmentPo(s, input);
  if (next.status !== 'Tracking' || s.doc === null) return [];
  return proceed(next, [...resumedAfterStall(s.outbox, s.doc.ref, s.doc.version), ...synced(input, next)], ctx);
};

const onFailure = (s: CommitmentPoState, failure: Failure): CommitmentPoOutput[] =>
  s.status === 'Tracking' && s.doc !== null ? parkedOnFailure(s.outbox, failure, s.doc, commitmentLabel(s.doc)) : [];

/**
 * A remap applied with "update posted" that lists this PO: it now reflects the new mapping
 * version, so the PO is rewritten (once any request out has landed).
 */
const onRemap = (input: MappingRemapApplied, s: CommitmentPoState, ctx: CommitmentPoContext): CommitmentPoOutput[] =>
  s.status === 'Tracking' && (s.remap ?? -1) < input.data.version ? proceed(evolveCommitmentPo(s, input), [], ctx) : [];

const onRetry = (s: CommitmentPoState, cause: ResumeCause, ctx: CommitmentPoContext): CommitmentPoOutput[] =>
  s.status === 'Tracking' && resumesPark(s.outbox, cause) ? proceed(s, resume(s, cause), ctx) : [];

/**
 * The commitment -> PurchaseOrder saga, one instance per commitment. It is the only writer
 * of the commitment's PO: change orders reach it as CommitmentChangeOrderApplied.v1 facts,
 * so two change orders approved together can't overwrite each other's lines.
 */
export const decideCommitmentPo = (input: CommitmentPoInput, s: CommitmentPoState, ctx: CommitmentPoContext): CommitmentPoOutput[] => {
  switch (input.type) {
    case 'CommitmentCreated.v1': case 'CommitmentApproved.v1': case 'CommitmentRevised.v1': case 'CommitmentVoided.v1':
    case 'CommitmentChangeOrderApplied.v1':
      return onDocument(input, s, ctx);
    case 'BooksVendorResolved.v1': case 'BooksJobResolved.v1':
    case 'PurchaseOrderPosted.v1': case 'PurchaseOrderUpdated.v1': case 'PurchaseOrderClosed.v1':
      return onOutcome(input, s, ctx);
    case 'PostingFailed.v1': return onFailure(s, { kind: 'refused', ...input.data });
    case 'PostingDeadLettered.v1': return onFailure(s, { kind: 'dead-lettered', ...input.data });
    case 'MappingChanged.v1': return onRetry(s, 'mapping-changed', ctx);
    case 'MappingRemapApplied.v1': return onRemap(input, s, ctx);
    case 'SyncRetryRequested.v1': return onRetry(s, 'retry-requested', ctx);
    default: return assertNever(input);
  }
};
