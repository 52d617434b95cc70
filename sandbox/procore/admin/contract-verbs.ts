import {
  CHANGE_ORDER_STATUSES, COMMITMENT_STATUSES, TIMECARD_APPROVAL_STATUSES,
  type BudgetLine, type ChangeOrder, type ChangeOrderStatus, type Commitment, type CommitmentStatus, type ContractLine,
  type Id, type TimecardApprovalStatus, type TimecardEntry,
} from '../data/model.js';
import type { ProcoreStore } from '../data/store.js';
import { badRequest, notFound, unprocessable } from '../http/errors.js';
import { RESOURCE } from '../webhooks/resources.js';
import { centsOrThrow } from './invoice-verbs.js';

/** A new amount (and optionally wording) for one schedule-of-values line. */
export interface SovChange { readonly id: Id; readonly amount?: string; readonly description?: string }
export interface Revision { readonly title?: string; readonly lines?: readonly SovChange[] }

const applySov = (lines: ContractLine[], changes: readonly SovChange[]): void => {
  const resolved = changes.map((change) => {
    const line = lines.find((l) => l.id === change.id);
    if (!line) throw unprocessable(`No line item ${change.id} on this contract`);
    return { line, change, cents: change.amount === undefined ? line.amountCents : centsOrThrow(change.amount, 'amount') };
  });
  for (const { line, change, cents } of resolved) {
    line.amountCents = cents;
    if (change.description !== undefined) line.description = change.description;
  }
};

const commitmentResource = (c: Commitment) =>
  c.kind === 'WorkOrderContract' ? RESOURCE.workOrderContracts : RESOURCE.purchaseOrderContracts;

const liveCommitment = (store: ProcoreStore, id: Id): Commitment => {
  const commitment = store.live(store.commitments, id);
  if (!commitment) throw notFound('Commitment');
  return commitment;
};

export const setCommitmentStatus = (store: ProcoreStore, id: Id, status: string): Commitment => {
  if (!(COMMITMENT_STATUSES as readonly string[]).includes(status)) throw badRequest(`status must be one of ${COMMITMENT_STATUSES.join(', ')}`);
  const commitment = liveCommitment(store, id);
  commitment.status = status as CommitmentStatus;
  commitment.executed = status === 'Approved' || status === 'Complete';
  store.changed(commitment, commitmentResource(commitment), 'update', store.project.id);
  return commitment;
};

/**
 * Approved SOVs are frozen (facts §4), so a revision first puts the commitment back to
 * Draft: the hub then sees an approved commitment become unapproved with new amounts.
 */
export const reviseCommitment = (store: ProcoreStore, id: Id, revision: Revision): Commitment => {
  const commitment = liveCommitment(store, id);
  applySov(commitment.lines, revision.lines ?? []);
  if (revision.title !== undefined) commitment.title = revision.title;
  return setCommitmentStatus(store, id, 'Draft');
};

const coResource = (co: ChangeOrder) => co.kind === 'commitment' ? RESOURCE.commitmentChangeOrders : RESOURCE.primeChangeOrders;

const liveChangeOrder = (store: ProcoreStore, id: Id): ChangeOrder => {
  const changeOrder = store.live(store.changeOrders, id);
  if (!changeOrder) throw notFound('Change Order');
  return changeOrder;
};

export const setChangeOrderStatus = (store: ProcoreStore, id: Id, status: string): ChangeOrder => {
  if (!(CHANGE_ORDER_STATUSES as readonly string[]).includes(status)) throw badRequest(`status must be one of ${CHANGE_ORDER_STATUSES.join(', ')}`);
  const changeOrder = liveChangeOrder(store, id);
  changeOrder.status = status as ChangeOrderStatus;
  store.changed(changeOrder, coResource(changeOrder), 'update', store.project.id);
  return changeOrder;
};

/** A revised change order is a new revision, pending approval again. */
export const reviseChangeOrder = (store: ProcoreStore, id: Id, revision: Revision): ChangeOrder => {
  const changeOrder = liveChangeOrder(store, id);
  applySov(changeOrder.lines, revision.lines ?? []);
  if (revision.title !== undefined) changeOrder.title = revision.title;
  changeOrder.revision++;
  return setChangeOrderStatus(store, id, 'pending');
};

/** A budget modification: original amount and/or approved budget changes (both decimal strings). */
export const changeBudgetLine = (store: ProcoreStore, id: Id, change: { originalBudgetAmount?: string; approvedBudgetChanges?: string }): BudgetLine => {
  const line = store.live(store.budgetLines, id);
  if (!line) throw notFound('Budget Line Item');
  const original = change.originalBudgetAmount === undefined ? line.originalCents : centsOrThrow(change.originalBudgetAmount, 'original_budget_amount');
  const approved = change.approvedBudgetChanges === undefined ? line.approvedChangesCents : centsOrThrow(change.approvedBudgetChanges, 'approved_budget_changes');
  line.originalCents = original;
  line.approvedChangesCents = approved;
  store.changed(line, RESOURCE.budgetLineItems, 'update', store.project.id);
  return line;
};

export const setTimecardStatus = (store: ProcoreStore, id: Id, status: string): TimecardEntry => {
  if (!(TIMECARD_APPROVAL_STATUSES as readonly string[]).includes(status)) {
    throw badRequest(`approval_status must be one of ${TIMECARD_APPROVAL_STATUSES.join(', ')}`);
  }
  const entry = store.live(store.timecards, id);
  if (!entry) throw notFound('Timecard Entry');
  entry.approvalStatus = status as TimecardApprovalStatus;
  store.changed(entry, RESOURCE.timecardEntries, 'update', store.project.id);
  return entry;
};

/** Approves the listed entries, or every pending one. */
export const approveTimecards = (store: ProcoreStore, ids?: readonly Id[]): TimecardEntry[] => {
  const targets = ids ?? [...store.timecards.values()].filter((t) => t.deletedAt === null && t.approvalStatus !== 'approved').map((t) => t.id);
  targets.forEach((id) => { if (!store.live(store.timecards, id)) throw notFound('Timecard Entry'); });
  return targets.map((id) => setTimecardStatus(store, id, 'approved'));
};
