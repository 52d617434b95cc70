import { costCodeLabel } from '../mapping/cost-code.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import { itemLine, salesTargetFor, type SalesLine } from '../owner-invoices/sales-lines.js';
import type { MappingChanged, PostingDeadLettered, PostingFailed } from '../posting/posting-outcomes.js';
import { hubMarkerOf, type ResumeCause, type SyncRetryRequested } from '../posting/sync-facts.js';
import { assertNever } from '../shared/assert-never.js';
import { sumBy, type Cents } from '../shared/money.js';
import { isAnswer, nextRequestNo, parkForFailure } from '../shared/outbox.js';
import type { OwnerEstimateDraft, OwnerEstimateInput, OwnerEstimateOutput } from './owner-estimate.messages.js';
import { evolveOwnerEstimate, type OwnerEstimateState, type Tracking } from './owner-estimate.state.js';

/** What the runner looks up: the connection's mapping (the project's Customer:Job, the progress-billing item, the rules' items and classes). */
export interface OwnerEstimateContext {
  readonly mapping: CostCodeMapping | null;
}

/** The books' number of a project's takeoff estimate (QuickBooks DocNumber: at most 21 characters). */
export const estimateNumber = (projectId: string): string => `TO-${projectId}`.slice(0, 21);

const versionOf = (t: Tracking): string => String(t.revision);

/** One item line per cost code and type the takeoff costs, on the item its rule bills (else progress billing); a line at zero is left out. */
const linesOf = (t: Tracking, mapping: CostCodeMapping, progressItem: NonNullable<CostCodeMapping['settings']['ownerBilling']>['progressItemRef']): SalesLine[] =>
  t.lines.filter((l) => l.originalBudget > 0).map((l) => {
    const target = salesTargetFor(mapping, { projectId: t.projectId, costCode: l.costCode, costType: l.costType }, progressItem);
    return itemLine(`${costCodeLabel(l.costCode, l.costType)} per takeoff`, l.originalBudget, target, { costCode: l.costCode, costType: l.costType });
  });

/** The draft, or why it can't be written (said in a park). */
const draftOf = (t: Tracking, mapping: CostCodeMapping | null): OwnerEstimateDraft | string => {
  if (mapping === null) return `the connection has no mapping yet, so the takeoff estimate of project ${t.projectId} can't be written`;
  const job = mapping.jobs[t.projectId];
  const progressItem = mapping.settings.ownerBilling?.progressItemRef;
  const missing = [
    ...(job?.kind === 'customer' ? [] : [`a customer for project ${t.projectId} (jobs: { "${t.projectId}": { customer: ... } })`]),
    ...(progressItem ? [] : ['the owner-billing items (settings.ownerBilling: progressItem)']),
  ];
  if (missing.length > 0 || job?.kind !== 'customer' || !progressItem) return `The takeoff estimate of project ${t.projectId} needs ${missing.join(' and ')} in the mapping.`;
  const lines = linesOf(t, mapping, progressItem);
  const hubMarker = hubMarkerOf(t.document, versionOf(t));
  return {
    customerRef: job.customerRef, txnDate: t.receivedAt.slice(0, 10), docNumber: t.estimate?.docNumber ?? estimateNumber(t.projectId),
    customerMemo: `Estimate from the quantity takeoff (revision ${t.revision}).`, privateNote: `${hubMarker} PlanSwift takeoff of project ${t.projectId}, revision ${t.revision}.`,
    hubMarker, lines, total: sumBy(lines, (l) => (l.kind === 'item' ? l.amount : (0 as Cents))),
  };
};

const park = (t: Tracking, message: string, reason: 'mapping-missing' | 'books-rejected' | 'dead-lettered'): OwnerEstimateOutput[] =>
  t.outbox.status === 'parked' && t.outbox.park.message === message
    ? []
    : [{ type: 'DocumentSyncParked.v1', data: { document: t.document, version: versionOf(t), reasons: [reason], message } }];

/**
 * The next step from the state after the input: write the latest takeoff when the books'
 * estimate is older (post it the first time, update it after), say it is synced when it is not.
 */
const plan = (t: Tracking, ctx: OwnerEstimateContext, cause: ResumeCause): OwnerEstimateOutput[] => {
  if (t.outbox.status !== 'ready' && t.outbox.status !== 'parked') return [];
  const resume: OwnerEstimateOutput[] = t.outbox.status === 'parked' ? [{ type: 'DocumentSyncResumed.v1', data: { document: t.document, version: versionOf(t), cause } }] : [];
  if (t.estimate?.revision === t.revision) return [];
  const draft = draftOf(t, ctx.mapping);
  if (typeof draft === 'string') return park(t, draft, 'mapping-missing');
  const base = { requestNo: nextRequestNo(t.outbox), document: t.document, version: versionOf(t), ...draft };
  return [...resume, t.estimate === null
    ? { type: 'PostOwnerEstimateRequested.v1', data: base }
    : { type: 'UpdateOwnerEstimateRequested.v1', data: { ...base, estimateId: t.estimate.id, lastKnownSyncToken: t.estimate.syncToken } }];
};

const synced = (t: Tracking): OwnerEstimateOutput[] => (t.estimate && t.estimate.revision === t.revision
  ? [{ type: 'OwnerEstimateSynced.v1', data: { document: t.document, version: versionOf(t), estimateId: t.estimate.id, total: sumBy(t.lines, (l) => (l.originalBudget > 0 ? l.originalBudget : 0 as Cents)) } }]
  : []);

const onOutcome = (input: OwnerEstimateInput & { data: { requestNo: number } }, s: OwnerEstimateState, ctx: OwnerEstimateContext): OwnerEstimateOutput[] => {
  if (s.status === 'Idle' || !isAnswer(s.outbox, input.data.requestNo)) return [];
  const after = evolveOwnerEstimate(s, input) as Tracking;
  return [...synced(after), ...plan(after, ctx, 'request-completed')];
};

const onFailure = (input: PostingFailed | PostingDeadLettered, s: OwnerEstimateState): OwnerEstimateOutput[] => {
  if (s.status === 'Idle') return [];
  const failure = input.type === 'PostingFailed.v1'
    ? { kind: 'refused' as const, requestNo: input.data.requestNo, retryable: input.data.retryable, reason: input.data.reason }
    : { kind: 'dead-lettered' as const, requestNo: input.data.requestNo, reason: input.data.reason };
  const found = parkForFailure(s.outbox, failure, `the takeoff estimate of project ${s.projectId}`);
  return found ? park(s, found.message, input.type === 'PostingFailed.v1' ? 'books-rejected' : 'dead-lettered') : [];
};

const onResume = (_input: MappingChanged | SyncRetryRequested, s: OwnerEstimateState, ctx: OwnerEstimateContext, cause: ResumeCause): OwnerEstimateOutput[] =>
  s.status === 'Tracking' && s.outbox.status === 'parked' ? plan(s, ctx, cause) : [];

/** The owner-estimate saga: one instance per connection and project, its own stream; the books' estimate is written once per takeoff revision. */
export const decideOwnerEstimate = (input: OwnerEstimateInput, s: OwnerEstimateState, ctx: OwnerEstimateContext): OwnerEstimateOutput[] => {
  switch (input.type) {
    case 'ImportRevisionRecorded.v1': {
      if (s.status === 'Tracking' && input.data.revision <= s.revision) return [];
      return plan(evolveOwnerEstimate(s, input) as Tracking, ctx, 'revised');
    }
    case 'OwnerEstimatePosted.v1': case 'OwnerEstimateUpdated.v1': return onOutcome(input, s, ctx);
    case 'PostingFailed.v1': case 'PostingDeadLettered.v1': return onFailure(input, s);
    case 'MappingChanged.v1': return onResume(input, s, ctx, 'mapping-changed');
    case 'SyncRetryRequested.v1': return onResume(input, s, ctx, 'retry-requested');
    default: return assertNever(input);
  }
};
