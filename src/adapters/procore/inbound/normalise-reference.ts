import type {
  BudgetLineSnapshot, CostCodeSnapshot, CostTypeSnapshot, ProjectSnapshot, TimecardSnapshot, VendorSnapshot,
} from '../../../domain/documents/snapshots.js';
import { addMoney } from '../../../domain/shared/money.js';
import { decimalText, idOf, isoTime, moneyOf, moneyOrZero, NormaliseError, obj, requireId, statusKey, text, type Json } from '../../pipeline/inbound/normalise/json-read.js';
import { versionOf, type Normalised } from './normalise-contracts.js';

const updatedAt = (raw: Json, observedAt: string): string => isoTime(raw.updated_at) ?? observedAt;

export const normaliseProject = (raw: Json, observedAt: string): Normalised<ProjectSnapshot> => ({
  version: versionOf(raw, observedAt),
  snapshot: { name: text(raw.name) ?? '', projectNumber: text(raw.project_number), active: raw.active !== false, updatedAt: updatedAt(raw, observedAt) },
});

export const normaliseVendor = (raw: Json, observedAt: string): Normalised<VendorSnapshot> => ({
  version: versionOf(raw, observedAt),
  snapshot: { name: text(raw.name) ?? '', active: raw.is_active !== false, updatedAt: updatedAt(raw, observedAt) },
});

export const normaliseCostCode = (raw: Json, observedAt: string): Normalised<CostCodeSnapshot> => {
  const fullCode = text(raw.full_code) ?? text(raw.code);
  if (!fullCode) throw new NormaliseError(`cost code ${text(raw.id) ?? '?'}`, 'full_code is missing');
  return { version: versionOf(raw, observedAt), snapshot: { fullCode, name: text(raw.name) ?? '', updatedAt: updatedAt(raw, observedAt) } };
};

/** Line item types carry no updated_at: the fetch time is the version, and only real changes are recorded. */
export const normaliseCostType = (raw: Json, observedAt: string): Normalised<CostTypeSnapshot> => {
  const code = text(raw.code);
  if (!code) throw new NormaliseError(`line item type ${text(raw.id) ?? '?'}`, 'code is missing');
  return {
    version: versionOf(raw, observedAt),
    snapshot: { code, name: text(raw.name) ?? '', baseType: text(raw.base_type), updatedAt: updatedAt(raw, observedAt) },
  };
};

/** v1.0 budget line: cost_code{} and line_item_type{} inline, money as JSON numbers. */
export const normaliseBudgetLine = (raw: Json, observedAt: string, projectId: string): Normalised<BudgetLineSnapshot> => {
  const what = `budget line item ${text(raw.id) ?? '?'}`;
  const costCode = text(obj(raw.cost_code)?.full_code);
  if (!costCode) throw new NormaliseError(what, 'cost_code.full_code is missing (read it from v1.0)');
  const original = moneyOf(what, raw.original_budget_amount, 'original_budget_amount');
  const approved = moneyOrZero(what, raw.approved_budget_changes, 'approved_budget_changes');
  return {
    version: versionOf(raw, observedAt),
    snapshot: {
      projectId, costCode, costType: text(obj(raw.line_item_type)?.code),
      originalBudget: original, approvedChanges: approved,
      revisedBudget: raw.revised_budget === undefined ? addMoney(original, approved) : moneyOf(what, raw.revised_budget, 'revised_budget'),
      updatedAt: updatedAt(raw, observedAt),
    },
  };
};

const APPROVAL: Readonly<Record<string, TimecardSnapshot['approvalStatus']>> = { approved: 'approved', rejected: 'rejected' };

/**
 * A timecard entry. It names its cost type only by `line_item_type_id`: `costTypeCode`
 * resolves that id (from the company's line item types).
 */
export const normaliseTimecard = (raw: Json, observedAt: string, projectId: string, costTypeCode: (id: string) => string | null): Normalised<TimecardSnapshot> => {
  const what = `timecard entry ${text(raw.id) ?? '?'}`;
  const party = obj(raw.party);
  const costCode = text(obj(raw.cost_code)?.full_code);
  if (!costCode) throw new NormaliseError(what, 'cost_code.full_code is missing');
  const typeId = idOf(raw.line_item_type_id) ?? idOf(obj(raw.line_item_type)?.id);
  return {
    version: versionOf(raw, observedAt),
    snapshot: {
      projectId,
      employeeId: requireId(what, party?.id ?? raw.party_id, 'party.id'),
      employeeName: text(party?.name) ?? '',
      date: text(raw.date) ?? '',
      hours: decimalText(raw.hours),
      costCode,
      costType: text(obj(raw.line_item_type)?.code) ?? (typeId ? costTypeCode(typeId) : null),
      description: text(raw.description) ?? '',
      approvalStatus: APPROVAL[statusKey(raw.approval_status)] ?? 'pending',
      billable: raw.billable === true,
      updatedAt: updatedAt(raw, observedAt),
    },
  };
};
