import type { BudgetLineEvent } from '../documents/document-events.js';
import type { DocumentRef } from '../documents/document-ref.js';
import { documentStream } from '../documents/document-ref.js';
import type { Cents } from '../shared/money.js';

type Msg<T extends string, D> = Readonly<{ type: T; data: Readonly<D> }>;

/** What happened to the document that caused an adjustment. */
export type CauseChange = 'pending' | 'approved' | 'revised' | 'voided';

/**
 * Why the budget moved: one version of one change order or commitment. A cause is applied
 * once per budget cell: the same cause seen again (a replay, a redelivery) changes nothing.
 */
export interface AdjustmentCause {
  readonly document: DocumentRef;
  /** The document version the adjustment brings the totals to. */
  readonly version: string;
  readonly change: CauseChange;
}

/** One budget cell: a project's cost code and cost type. */
export interface BudgetCell {
  readonly projectId: string;
  readonly costCode: string;
  readonly costType: string | null;
}

/** Committed cost moved: an approved commitment or commitment change order, by its difference. */
export type CommittedCostAdjusted = Msg<'CommittedCostAdjusted.v1', BudgetCell & { commitmentId: string; delta: Cents; cause: AdjustmentCause }>;
/** The revised budget moved: an approved prime contract change order, by its difference. */
export type BudgetRevised = Msg<'BudgetRevised.v1', BudgetCell & { delta: Cents; cause: AdjustmentCause }>;
/**
 * Pending changes moved: a change order drafted or pending approval ('budget': prime,
 * 'cost': commitment), and back to zero once it is approved, rejected or voided.
 */
export type PendingChangeAdjusted = Msg<'PendingChangeAdjusted.v1', BudgetCell & { side: 'budget' | 'cost'; delta: Cents; cause: AdjustmentCause }>;

/** The facts sagas record about the budget. */
export type BudgetFact = CommittedCostAdjusted | BudgetRevised | PendingChangeAdjusted;

/** What the budget model folds: the sagas' facts and Procore's budget lines (original budget only). */
export type BudgetInput = BudgetFact | BudgetLineEvent;

export const BUDGET_INPUT_TYPES: readonly BudgetInput['type'][] = ['CommittedCostAdjusted.v1', 'BudgetRevised.v1', 'PendingChangeAdjusted.v1', 'BudgetLineChanged.v1'];

export const causeKey = (cause: AdjustmentCause): string => `${documentStream(cause.document)}@${cause.version}`;

/** The identity of one adjustment: its kind, cause and cell. Applied at most once. */
export const adjustmentKey = (e: BudgetFact): string => {
  const side = e.type === 'PendingChangeAdjusted.v1' ? `:${e.data.side}` : '';
  return `${e.type}${side} ${causeKey(e.data.cause)} ${e.data.projectId}|${e.data.costCode}|${e.data.costType ?? ''}`;
};

const LIFECYCLE = /(Created|Submitted|Approved|Revised|Voided)\.v\d+$/;

/** The budget cause a document lifecycle event stands for: "CommitmentChangeOrderRevised.v1" -> 'revised'. */
export const causeChangeOf = (eventType: string): CauseChange => {
  const step = LIFECYCLE.exec(eventType)?.[1];
  if (step === 'Approved') return 'approved';
  if (step === 'Voided') return 'voided';
  return step === 'Revised' ? 'revised' : 'pending';
};
