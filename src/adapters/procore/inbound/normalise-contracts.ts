import type { ChangeOrderSnapshot, CommitmentSnapshot, ContractStatus, CostLine } from '../../../domain/documents/snapshots.js';
import { cents, sumBy } from '../../../domain/shared/money.js';
import { idOf, isoTime, list, moneyOf, NormaliseError, obj, requireId, statusKey, text, type Json } from '../../pipeline/inbound/normalise/json-read.js';
import type { Normalised } from '../../pipeline/inbound/normalise/normalised.js';

export type { Normalised } from '../../pipeline/inbound/normalise/normalised.js';

export const versionOf = (raw: Json, observedAt: string): string => isoTime(raw.updated_at) ?? observedAt;

/** Cost code and cost type of a schedule-of-values line, as invoices look them up. */
export interface LineCoding {
  readonly costCode: string;
  readonly costType: string | null;
}

/** Line item id and budget (WBS) code id, both mapped to the line's coding. */
export interface ContractCoding {
  readonly byLineId: ReadonlyMap<string, LineCoding>;
  readonly byWbsId: ReadonlyMap<string, LineCoding>;
}

const codingOf = (what: string, line: Json): LineCoding => {
  const costCode = text(obj(line.cost_code)?.full_code) ?? text(obj(line.cost_code)?.code);
  if (!costCode) throw new NormaliseError(what, `line ${text(line.id) ?? '?'} has no cost_code.full_code`);
  return { costCode, costType: text(obj(line.line_item_type)?.code) };
};

/** Reads the coding of every line of a commitment or prime contract (detail view, with line_items). */
export const contractCoding = (what: string, contract: Json): ContractCoding => {
  const byLineId = new Map<string, LineCoding>();
  const byWbsId = new Map<string, LineCoding>();
  for (const line of list(contract.line_items)) {
    const coding = codingOf(what, line);
    const id = idOf(line.id);
    const wbs = idOf(obj(line.wbs_code)?.id);
    if (id) byLineId.set(id, coding);
    if (wbs) byWbsId.set(wbs, coding);
  }
  return { byLineId, byWbsId };
};

/** Schedule-of-values lines: the line amount; contracts withhold no retainage of their own. */
export const contractLines = (what: string, raw: Json): CostLine[] =>
  list(raw.line_items).map((line) => ({
    lineId: requireId(what, line.id, 'line_items[].id'),
    ...codingOf(what, line),
    description: text(line.description) ?? '',
    amount: moneyOf(what, line.extended_amount ?? line.amount, 'line_items[].amount'),
    retainage: cents(0),
  }));

const CONTRACT_STATUSES: readonly ContractStatus[] = ['draft', 'out_for_bid', 'out_for_signature', 'approved', 'complete', 'terminated', 'void'];

export const commitmentKindOf = (raw: Json, hint?: CommitmentSnapshot['kind']): CommitmentSnapshot['kind'] => {
  if (hint) return hint;
  return /purchase/i.test(text(raw.type) ?? text(raw.commitment_type) ?? '') ? 'purchase_order' : 'work_order';
};

export const normaliseCommitment = (raw: Json, observedAt: string, kind?: CommitmentSnapshot['kind']): Normalised<CommitmentSnapshot> => {
  const what = `commitment ${text(raw.id) ?? '?'}`;
  const status = statusKey(raw.status) as ContractStatus;
  if (!CONTRACT_STATUSES.includes(status)) throw new NormaliseError(what, `unknown status ${JSON.stringify(raw.status)}`);
  const vendor = obj(raw.vendor);
  const lines = contractLines(what, raw);
  return {
    version: versionOf(raw, observedAt),
    snapshot: {
      projectId: requireId(what, obj(raw.project)?.id ?? raw.project_id, 'project.id'),
      kind: commitmentKindOf(raw, kind),
      vendorId: requireId(what, vendor?.id ?? raw.vendor_id, 'vendor.id'),
      vendorName: text(vendor?.company) ?? text(vendor?.name) ?? '',
      number: text(raw.number) ?? '',
      title: text(raw.title) ?? '',
      status,
      retainagePercent: text(raw.retainage_percent),
      lines,
      total: sumBy(lines, (l) => l.amount),
      updatedAt: isoTime(raw.updated_at) ?? observedAt,
    },
  };
};

const CHANGE_ORDER_STATUSES = ['draft', 'pending', 'approved', 'rejected', 'void'] as const;

export const normaliseChangeOrder = (raw: Json, observedAt: string, kind: ChangeOrderSnapshot['kind'], projectId: string): Normalised<ChangeOrderSnapshot> => {
  const what = `${kind} change order ${text(raw.id) ?? '?'}`;
  const status = statusKey(raw.status);
  if (!(CHANGE_ORDER_STATUSES as readonly string[]).includes(status)) throw new NormaliseError(what, `unknown status ${JSON.stringify(raw.status)}`);
  const lines = contractLines(what, raw);
  return {
    version: versionOf(raw, observedAt),
    snapshot: {
      kind, projectId, contractId: requireId(what, raw.contract_id, 'contract_id'),
      number: text(raw.number) ?? '', title: text(raw.title) ?? '',
      status: status as ChangeOrderSnapshot['status'], lines, total: sumBy(lines, (l) => l.amount),
      updatedAt: isoTime(raw.updated_at) ?? observedAt,
    },
  };
};
