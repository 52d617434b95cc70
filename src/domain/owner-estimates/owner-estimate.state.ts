import type { DocumentRef } from '../documents/document-ref.js';
import type { BudgetLineSnapshot } from '../documents/snapshots.js';
import { assertNever } from '../shared/assert-never.js';
import { answered, deadLettered, emptyOutbox, failed, parked, requestSent, resumed, type Outbox } from '../shared/outbox.js';
import { ownerEstimateDocument, type OwnerEstimateInput, type OwnerEstimateOutput, type TakeoffLine } from './owner-estimate.messages.js';

/**
 * - Idle: no takeoff yet. Tracking: the latest takeoff revision, and the estimate the books
 *   hold (with the revision it carries), or none yet.
 */
export type OwnerEstimateState =
  | { readonly status: 'Idle' }
  | {
    readonly status: 'Tracking';
    readonly document: DocumentRef;
    readonly projectId: string;
    readonly revision: number;
    readonly receivedAt: string;
    readonly lines: readonly TakeoffLine[];
    readonly estimate: { readonly id: string; readonly syncToken: string; readonly docNumber: string; readonly revision: number } | null;
    /** The revision the request out writes. */
    readonly writing: number | null;
    readonly outbox: Outbox;
  };

export type Tracking = Extract<OwnerEstimateState, { status: 'Tracking' }>;

export const initialOwnerEstimateState: OwnerEstimateState = { status: 'Idle' };

const linesOf = (documents: ReadonlyArray<{ readonly type: string; readonly snapshot: unknown }>): TakeoffLine[] =>
  documents.filter((d) => d.type === 'budget_line').map((d) => {
    const s = d.snapshot as BudgetLineSnapshot;
    return { costCode: s.costCode, costType: s.costType, originalBudget: s.originalBudget };
  });

const edit = (s: OwnerEstimateState, change: (t: Tracking) => Partial<Tracking>): OwnerEstimateState =>
  s.status === 'Idle' ? s : { ...s, ...change(s) };

export const evolveOwnerEstimate = (s: OwnerEstimateState, e: OwnerEstimateInput | OwnerEstimateOutput): OwnerEstimateState => {
  switch (e.type) {
    case 'ImportRevisionRecorded.v1': {
      if (s.status === 'Tracking' && e.data.revision <= s.revision) return s;
      const base = s.status === 'Tracking' ? s : {
        status: 'Tracking' as const, document: ownerEstimateDocument(e.data.connection, e.data.projectId), projectId: e.data.projectId,
        estimate: null, writing: null, outbox: emptyOutbox,
      };
      return { ...base, revision: e.data.revision, receivedAt: e.data.receivedAt, lines: linesOf(e.data.documents) };
    }
    case 'PostOwnerEstimateRequested.v1': case 'UpdateOwnerEstimateRequested.v1':
      return edit(s, (t) => ({ writing: Number(e.data.version), outbox: requestSent(t.outbox, { requestNo: e.data.requestNo, type: e.type, version: e.data.version, subject: 'estimate' }) }));
    case 'OwnerEstimatePosted.v1':
      return edit(s, (t) => ({ estimate: { id: e.data.estimateId, syncToken: e.data.syncToken, docNumber: e.data.docNumber, revision: t.writing ?? t.revision }, outbox: answered(t.outbox, e.data.requestNo) }));
    case 'OwnerEstimateUpdated.v1':
      return edit(s, (t) => ({
        estimate: t.estimate && { ...t.estimate, syncToken: e.data.syncToken, revision: t.writing ?? t.revision }, outbox: answered(t.outbox, e.data.requestNo),
      }));
    case 'PostingFailed.v1': return edit(s, (t) => ({ outbox: failed(t.outbox, e.data) }));
    case 'PostingDeadLettered.v1': return edit(s, (t) => ({ outbox: deadLettered(t.outbox, e.data.requestNo) }));
    case 'DocumentSyncParked.v1': return edit(s, (t) => ({ outbox: parked(t.outbox, { reasons: e.data.reasons, message: e.data.message }) }));
    case 'DocumentSyncResumed.v1': return edit(s, (t) => ({ outbox: resumed(t.outbox) }));
    case 'OwnerEstimateSynced.v1': case 'MappingChanged.v1': case 'SyncRetryRequested.v1': return s;
    default: return assertNever(e);
  }
};
