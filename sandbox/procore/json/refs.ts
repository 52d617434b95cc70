import type { ContractLine, Id } from '../data/model.js';
import { formatCents } from '../data/money.js';
import type { ProcoreStore } from '../data/store.js';

/** Nested references (`cost_code{}`, `line_item_type{}`, `wbs_code{}`) as list responses embed them. */
export type Json = Record<string, unknown>;

export const USD = { currency_iso_code: 'USD' } as const;

export const costCodeRef = (store: ProcoreStore, id: Id | undefined): Json | null => {
  const code = id === undefined ? undefined : store.costCodes.get(id);
  return code ? { id: code.id, code: code.code, full_code: code.fullCode, name: code.name } : null;
};

export const lineItemTypeRef = (store: ProcoreStore, id: Id | undefined): Json | null => {
  const type = id === undefined ? undefined : store.lineItemTypes.get(id);
  return type ? { id: type.id, name: type.name, code: type.code, base_type: type.baseType, origin_id: type.originId } : null;
};

export const wbsRef = (store: ProcoreStore, id: Id): Json | null => {
  const wbs = store.wbs(id);
  return wbs ? { id: wbs.id, flat_code: wbs.flatCode, description: wbs.flatName } : null;
};

export const projectRef = (store: ProcoreStore): Json => ({ id: store.project.id, name: store.project.name });

export const audit = (row: { createdAt: string; updatedAt: string; deletedAt: string | null }): Json =>
  ({ created_at: row.createdAt, updated_at: row.updatedAt, deleted_at: row.deletedAt });

export const origin = (row: { originId: string | null; originData: string | null; originCode: string | null }): Json =>
  ({ origin_id: row.originId, origin_data: row.originData, origin_code: row.originCode });

/** A schedule-of-values line as contract, change order and prime contract line item endpoints show it. */
export const contractLineJson = (store: ProcoreStore, line: ContractLine, holder: Json): Json => {
  const wbs = store.wbs(line.wbsCodeId);
  const amount = formatCents(line.amountCents);
  return {
    id: line.id, amount, description: line.description, quantity: '1.0', unit_cost: amount, uom: 'LS',
    extended_amount: amount, total_amount: amount, extended_type: 'calculated', position: line.position, tax_code_id: null,
    cost_code: costCodeRef(store, wbs?.costCodeId), line_item_type: lineItemTypeRef(store, wbs?.lineItemTypeId),
    wbs_code: wbsRef(store, line.wbsCodeId), holder, company: { id: store.company.id, name: store.company.name },
    project: projectRef(store), change_event_line_item: null, origin_id: null, origin_data: null,
  };
};
