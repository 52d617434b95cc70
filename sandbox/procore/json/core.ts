import type { BudgetLine, CostCode, LineItemType, TimecardEntry, Vendor, WbsCode } from '../data/model.js';
import { centsToNumber, type Cents, sum } from '../data/money.js';
import type { ProcoreStore } from '../data/store.js';
import { audit, costCodeRef, type Json, lineItemTypeRef, origin, USD, wbsRef } from './refs.js';

export const projectJson = (store: ProcoreStore): Json => {
  const p = store.project;
  return {
    id: p.id, name: p.name, display_name: `${p.projectNumber} - ${p.name}`, project_number: p.projectNumber, code: null,
    address: p.address, city: p.city, state_code: p.stateCode, country_code: 'US', zip: p.zip, county: null,
    time_zone: 'US/Central', tz_name: 'America/Chicago', latitude: null, longitude: null, description: null, active: true,
    start_date: null, completion_date: null, total_value: null, accounting_project_number: null, store_number: null,
    ...origin(p), standard_cost_code_list_id: null, is_erp_integrated: false,
    company: { id: store.company.id, name: store.company.name }, custom_fields: {}, ...audit(p),
  };
};

export const vendorJson = (store: ProcoreStore, v: Vendor): Json => ({
  id: v.id, name: v.name, legal_name: v.name, trade_name: null, abbreviated_name: null, company: v.name,
  address: null, city: null, state_code: null, zip: null, country_code: 'US', business_phone: null,
  email_address: v.emailAddress, website: null, license_number: null, business_id: null, is_active: v.isActive,
  authorized_bidder: false, prequalified: false, union_member: false, notes: null, primary_contact: null,
  trades: [{ name: v.trade }], project_ids: [store.project.id], company_vendor: true, synced_to_erp: false,
  ...origin(v), origin_custom_fields: null, erp_custom_fields: null, ...audit(v),
});

export const costCodeJson = (store: ProcoreStore, c: CostCode): Json => {
  const wbs = [...store.wbsCodes.values()].filter((w) => w.costCodeId === c.id);
  return {
    id: c.id, code: c.code, full_code: c.fullCode, name: c.name, parent: null, position: null, sortable_code: c.fullCode,
    standard_cost_code_id: null, standard_cost_code_list_id: null, biller: store.project.name, biller_id: store.project.id,
    biller_type: 'Project', budgeted: [...store.budgetLines.values()].some((b) => wbs.some((w) => w.id === b.wbsCodeId)),
    origin_id: c.originId, origin_data: c.originData, line_item_types: wbs.map((w) => lineItemTypeRef(store, w.lineItemTypeId)),
    ...audit(c),
  };
};

export const lineItemTypeJson = (t: LineItemType): Json =>
  ({ id: t.id, name: t.name, code: t.code, base_type: t.baseType, origin_id: t.originId, origin_data: t.originData });

/** Segment ids of the company's default WBS pattern (cost_code then line_item_type). */
const SEGMENT = { costCode: 447331, lineItemType: 447332 } as const;

export const wbsCodeJson = (w: WbsCode): Json => ({
  id: w.id, flat_code: w.flatCode, flat_name: w.flatName, description: w.flatName,
  segment_items: [
    { segment_id: SEGMENT.costCode, segment_item_id: w.costCodeId },
    { segment_id: SEGMENT.lineItemType, segment_item_id: w.lineItemTypeId },
  ],
  created_at: w.createdAt, updated_at: w.updatedAt,
});

/** Committed and pending costs on one budget code, from commitments and their change orders. */
const costsOn = (store: ProcoreStore, wbsCodeId: number): { committed: Cents; pending: Cents } => {
  const approved = [...store.commitments.values()].filter((c) => c.deletedAt === null && (c.status === 'Approved' || c.status === 'Complete'));
  const committed = approved.flatMap((c) => c.lines).filter((l) => l.wbsCodeId === wbsCodeId);
  const changes = [...store.changeOrders.values()].filter((co) => co.kind === 'commitment' && co.deletedAt === null
    && approved.some((c) => c.id === co.contractId));
  const lines = (status: string) => changes.filter((co) => co.status === status).flatMap((co) => co.lines).filter((l) => l.wbsCodeId === wbsCodeId);
  return {
    committed: sum([...committed, ...lines('approved')].map((l) => l.amountCents)),
    pending: sum(lines('pending').map((l) => l.amountCents)),
  };
};

/** Budget money fields are JSON numbers in Procore (facts §5.4, §7.5), unlike invoice money. */
export const budgetLineJsonV10 = (store: ProcoreStore, b: BudgetLine): Json => {
  const wbs = store.wbs(b.wbsCodeId);
  const revised = b.originalCents + b.approvedChangesCents;
  const { committed, pending } = costsOn(store, b.wbsCodeId);
  const projectedCosts = committed + pending;
  const forecast = Math.max(0, revised - projectedCosts);
  const n = centsToNumber;
  return {
    ...budgetLineJsonV11(store, b), approved_budget_changes: n(b.approvedChangesCents), revised_budget: n(revised),
    pending_budget_changes: 0, projected_budget: n(revised), committed_costs: n(committed), direct_costs: 0,
    pending_cost_changes: n(pending), projected_costs: n(projectedCosts), budget_forecast: n(forecast),
    estimated_cost_at_completion: n(projectedCosts + forecast), projected_over_under: n(revised - projectedCosts - forecast),
    cost_code: costCodeRef(store, wbs?.costCodeId), division: null, line_item_type: lineItemTypeRef(store, wbs?.lineItemTypeId),
  };
};

export const budgetLineJsonV11 = (store: ProcoreStore, b: BudgetLine): Json => ({
  id: b.id, original_budget_amount: centsToNumber(b.originalCents), uom: b.uom, quantity: 1,
  unit_cost: centsToNumber(b.originalCents), calculation_strategy: 'automatic', wbs_code: wbsRef(store, b.wbsCodeId),
  currency_configuration: USD, origin_id: b.originId, origin_data: b.originData, created_at: b.createdAt, updated_at: b.updatedAt,
});

export const timecardJson = (store: ProcoreStore, t: TimecardEntry): Json => {
  const wbs = store.wbs(t.wbsCodeId);
  return {
    id: t.id, date: t.date, datetime: `${t.date}T00:00:00Z`, hours: t.hours, time_in: null, time_out: null, lunch_time: null,
    billable: t.billable, description: t.description, approval_status: t.approvalStatus, timecard_type: 'hourly',
    timecard_time_type: { id: 1, name: 'Regular Time', abbreviated_name: 'RT' }, party: { id: t.partyId, name: t.partyName },
    crew: null, cost_code: costCodeRef(store, wbs?.costCodeId), sub_job: null, location: null, timesheet: null,
    line_item_type_id: wbs?.lineItemTypeId ?? null, signed: false, injured: false, procore_signature: null,
    origin_id: t.originId, origin_data: t.originData, created_by: { id: 1771001, name: 'Sandbox Admin' },
    login_information: null, custom_fields: {}, automatically_split_timecard_entries: [], ...audit(t),
  };
};
