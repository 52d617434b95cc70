import type { ChangeOrder, Commitment, ContractPayment, PrimeContract } from '../data/model.js';
import { type Cents, formatCents, ratioPercent, sum } from '../data/money.js';
import type { ProcoreStore } from '../data/store.js';
import { audit, contractLineJson, type Json, origin, projectRef, USD } from './refs.js';

const changeTotals = (store: ProcoreStore, kind: ChangeOrder['kind'], contractId: number) => {
  const orders = [...store.changeOrders.values()].filter((co) => co.kind === kind && co.contractId === contractId && co.deletedAt === null);
  const total = (status: string): Cents => sum(orders.filter((co) => co.status === status).flatMap((co) => co.lines).map((l) => l.amountCents));
  return { approved: total('approved'), pending: total('pending'), draft: total('draft') };
};

const paidOn = (store: ProcoreStore, contractId: number): Cents =>
  sum([...store.payments.values()].filter((p) => p.contractId === contractId && p.deletedAt === null).map((p) => p.amountCents));

const DATES = {
  contract_date: null, contract_start_date: null, contract_estimated_completion_date: null, actual_completion_date: null,
  execution_date: null, issued_on_date: null, letter_of_intent_date: null, signed_contract_received_date: null,
  returned_date: null, approval_letter_date: null,
} as const;

/** A work order or purchase order contract; `line_items` only on the detail endpoint. */
export const commitmentJson = (store: ProcoreStore, c: Commitment, detail: boolean): Json => {
  const grand = sum(c.lines.map((l) => l.amountCents));
  const changes = changeTotals(store, 'commitment', c.id);
  const revised = grand + changes.approved;
  const paid = paidOn(store, c.id);
  const billed = sum([...store.requisitions.values()].filter((r) => r.commitmentId === c.id && r.deletedAt === null)
    .flatMap((r) => r.items).map((i) => i.thisPeriodCents));
  const vendor = store.vendors.get(c.vendorId);
  const f = formatCents;
  return {
    id: c.id, number: c.number, title: c.title, status: c.status, executed: c.executed, private: false, description: null,
    accounting_method: 'amount', retainage_percent: f(c.retainageRate), grand_total: f(grand), revised_contract: f(revised),
    approved_change_orders: f(changes.approved), pending_change_orders: f(changes.pending), draft_change_orders_amount: f(changes.draft),
    pending_revised_contract: f(revised + changes.pending), total_payments: f(paid), percentage_paid: ratioPercent(paid, revised),
    remaining_balance_outstanding: f(revised - paid), total_requisitions_amount: f(billed), total_draw_requests_amount: '0.00',
    requisitions_are_enabled: true, type: c.kind,
    vendor: vendor ? { id: vendor.id, company: vendor.name, origin_id: vendor.originId, origin_data: vendor.originData } : null,
    project: projectRef(store), ...(detail ? { line_items: c.lines.map((l) => contractLineJson(store, l, { id: c.id, type: c.kind })) } : {}),
    change_order_packages: [], potential_change_orders: [], payments_issued: [], invoice_contacts: [], attachments: [],
    ...DATES, ...origin(c), currency_configuration: USD, ...audit(c),
  };
};

export const changeOrderJson = (store: ProcoreStore, co: ChangeOrder, detail: boolean): Json => ({
  id: co.id, number: co.number, title: co.title, description: null, status: co.status,
  type: co.kind === 'commitment' ? 'CommitmentChangeOrder' : 'PrimeChangeOrder', revision: co.revision,
  contract_id: co.contractId, batch_id: null, legacy_package_id: null, legacy_request_id: null, location_id: null,
  executed: co.status === 'approved', paid: false, private: false, field_change: false, signature_required: false,
  grand_total: formatCents(sum(co.lines.map((l) => l.amountCents))), schedule_impact_amount: null, reference: null,
  due_date: null, invoiced_date: null, ...(co.kind === 'prime' ? { paid_date: null } : {}),
  revised_substantial_completion_date: null, signed_change_order_received_date: null, reviewed_at: null, reviewed_by: null,
  designated_reviewer: null, received_from: null, created_by: { id: 1771001, name: 'Sandbox Admin' },
  change_order_change_reason: null, change_events: [], custom_fields: {}, currency_configuration: USD, attachments: [],
  origin_id: co.originId, origin_data: co.originData, origin_code: co.originCode, created_at: co.createdAt, updated_at: co.updatedAt,
  ...(detail ? { line_items: co.lines.map((l) => contractLineJson(store, l, { id: co.id, type: 'ChangeOrder' })) } : {}),
});

export const primeContractJson = (store: ProcoreStore, p: PrimeContract, detail: boolean): Json => {
  const total = sum(p.lines.map((l) => l.amountCents));
  const changes = changeTotals(store, 'prime', p.id);
  const revised = total + changes.approved;
  const paid = paidOn(store, p.id);
  const invoiced = sum([...store.paymentApplications.values()].filter((a) => a.primeContractId === p.id && a.deletedAt === null)
    .flatMap((a) => a.lines).map((l) => l.thisPeriodCents));
  const f = formatCents;
  return {
    id: p.id, number: p.number, title: p.title, status: p.status, executed: true, private: false, accounting_method: 'amount',
    retainage_percent: f(p.retainageRate), grand_total: f(total), line_items_total: f(total), line_items_extended_total: f(total),
    revised_contract_amount: f(revised), approved_change_orders: f(changes.approved), pending_change_orders_amount: f(changes.pending),
    draft_change_orders_amount: f(changes.draft), pending_revised_contract_amount: f(revised + changes.pending),
    owner_invoices_amount: f(invoiced), total_payments: f(paid), outstanding_balance: f(invoiced - paid),
    percentage_paid: ratioPercent(paid, revised), allow_payment_applications: true, allow_payments: true,
    display_work_retainage: true, display_materials_retainage: true, display_stored_materials: true, payment_terms: null,
    bill_to: null, ship_to: null, ship_via: null, contractor: { id: store.company.id, name: store.company.name },
    vendor: { id: null, name: p.ownerName }, architect: null, project: projectRef(store),
    ...(detail ? { line_items: p.lines.map((l) => contractLineJson(store, l, { id: p.id, type: 'PrimeContract' })) } : {}),
    payments_received: [], change_order_packages: [], potential_change_orders: [], ...DATES,
    origin_id: p.originId, origin_data: p.originData, currency_configuration: USD, created_at: p.createdAt, updated_at: p.updatedAt,
  };
};

export const paymentJson = (store: ProcoreStore, p: ContractPayment): Json => ({
  id: p.id, amount: formatCents(p.amountCents), check_number: p.checkNumber, contract_id: p.contractId, date: p.date,
  date_payment_settled: null, date_payment_initiated: null, draw_request_number: null, external_payment_id: null,
  invoice_number: p.invoiceNumber, notes: p.notes, payment_number: p.paymentNumber, project_id: store.project.id,
  requisition_id: p.requisitionId, status: null, ...origin(p), attachments: [], ...audit(p),
});
