import { type Ledger, type LedgerLine, paymentApplicationLedger, requisitionLedger } from '../data/ledger.js';
import type { PaymentApplication, Requisition } from '../data/model.js';
import { formatCents as f, ratioPercent, sum } from '../data/money.js';
import type { ProcoreStore } from '../data/store.js';
import { costCodeRef, type Json, USD, wbsRef } from './refs.js';

const ZERO = '0.00';
const usDate = (iso: string): string => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
/** Billing periods are monthly in the sample; the id is derived so it is stable across restarts. */
const periodId = (start: string): number => Number(start.slice(0, 7).replace('-', ''));

/** The G702 summary with every amount as a decimal string (facts §5.9). */
const g702 = (ledger: Ledger, period: { start: string; end: string }, v11: boolean): Json => {
  const positives = ledger.changeOrdersCents > 0 ? ledger.changeOrdersCents : 0;
  const negatives = ledger.changeOrdersCents < 0 ? ledger.changeOrdersCents : 0;
  return {
    original_contract_sum: f(ledger.originalCents), net_change_by_change_orders: f(ledger.changeOrdersCents),
    contract_sum_to_date: f(ledger.contractToDateCents), total_completed_and_stored_to_date: f(ledger.completedCents),
    completed_work_retainage_percent: f(ledger.rate), completed_work_retainage_amount: f(ledger.retainageCents),
    stored_materials_retainage_percent: f(ledger.rate), stored_materials_retainage_amount: ZERO,
    total_retainage: f(ledger.retainageCents), total_earned_less_retainage: f(ledger.earnedLessRetainageCents),
    less_previous_certificates_for_payment: f(ledger.previousCertificatesCents), current_payment_due: f(ledger.currentDueCents),
    balance_to_finish_including_retainage: f(ledger.balanceCents), tax_applicable_to_this_payment: ZERO,
    positive_change_order_item_total: f(positives), negative_change_order_item_total: f(negatives),
    positive_new_change_order_item_total: ZERO, negative_new_change_order_item_total: ZERO,
    positive_previous_change_order_item_total: f(positives), negative_previous_change_order_item_total: f(negatives),
    formatted_period: `${usDate(period.start)} - ${usDate(period.end)}`,
    ...(v11 ? { new_materials: ZERO, new_materials_quantity: '0.0', stored_materials: ZERO, stored_materials_quantity: '0.0' } : {}),
  };
};

/** Amounts shared by the requisition and payment application continuation sheets. */
const g703Amounts = (row: LedgerLine, rate: number): Json => {
  const toDate = row.previousCents + row.thisCents;
  return {
    scheduled_value: f(row.scheduledCents), scheduled_quantity: '1.0', scheduled_unit_price: f(row.scheduledCents),
    work_completed_from_previous_application: f(row.previousCents), work_completed_from_previous_application_quantity: '0.0',
    work_completed_this_period: f(row.thisCents), work_completed_this_period_quantity: '0.0', materials_presently_stored: ZERO,
    total_completed_and_stored_to_date: f(toDate), total_completed_and_stored_to_date_percent: ratioPercent(toDate, row.scheduledCents),
    work_completed_retainage_from_previous_application: f(row.retainagePreviousCents),
    work_completed_retainage_retained_this_period: f(row.retainageThisCents),
    work_completed_retainage_percent_this_period: f(rate), work_completed_retainage_released_this_period: f(row.releasedThisCents),
    materials_stored_retainage_percent_this_period: f(rate), materials_stored_retainage_released_this_period: ZERO,
  };
};

const requisitionItem = (store: ProcoreStore, r: Requisition, row: LedgerLine, rate: number): Json => ({
  id: row.line.id, item_type: 'contract_item', line_item_id: row.sov.id, cost_code_id: store.wbs(row.sov.wbsCodeId)?.costCodeId ?? null,
  wbs_code: wbsRef(store, row.sov.wbsCodeId), description_of_work: row.sov.description, ...g703Amounts(row, rate),
  materials_stored_retainage_currently_retained: ZERO, materials_stored_retainage_retained_this_period: ZERO,
  subcontractor_claimed_amount: f(row.thisCents), comment: null,
  status: r.status === 'approved' || r.status === 'approved_as_noted' ? 'approved' : 'pending', position: row.sov.position,
  accounting_method: 'amount', materials_moved: ZERO, materials_retainage_retained_moved: ZERO,
});

/** The G703 contract items of a requisition (`GET /rest/v1.0/requisitions/{id}/contract_items`). */
export const requisitionItemsJson = (store: ProcoreStore, r: Requisition): Json[] => {
  const ledger = requisitionLedger(store, r);
  return ledger.lines.map((row) => requisitionItem(store, r, row, ledger.rate));
};

/**
 * A subcontractor invoice. The plain show carries the header and the G702 `summary` only;
 * `items` (G703) come only with `view=extended` (facts §5.9, "Reading a requisition's lines").
 */
export const requisitionJson = (store: ProcoreStore, r: Requisition, opts: { items: boolean; v11: boolean }): Json => {
  const ledger = requisitionLedger(store, r);
  const commitment = store.commitments.get(r.commitmentId);
  const vendor = commitment ? store.vendors.get(commitment.vendorId) : undefined;
  const previous = [...store.requisitions.values()].filter((x) => x.commitmentId === r.commitmentId && x.number < r.number && x.deletedAt === null)
    .sort((a, b) => b.number - a.number)[0];
  return {
    id: r.id, number: r.number, invoice_number: r.invoiceNumber, invoice_type: 'progress', status: r.status, erp_status: null,
    commitment_id: r.commitmentId, commitment_type: commitment?.kind ?? null, contract_name: commitment?.title ?? null,
    vendor_id: vendor?.id ?? null, vendor_name: vendor?.name ?? null, project_id: store.project.id, period_id: periodId(r.periodStart),
    billing_date: r.billingDate, requisition_start: r.periodStart, requisition_end: r.periodEnd, submitted_at: r.submittedAt,
    payment_date: null, percent_complete: `${ratioPercent(ledger.completedCents, ledger.contractToDateCents)}%`,
    total_claimed_amount: f(sum(r.items.map((i) => i.thisPeriodCents))), final: false,
    deletable: r.status === 'draft' || r.status === 'revise_and_resubmit', previous_requisition_id: previous?.id ?? null,
    move_materials_to_previous_work_completed: false, origin_id: r.originId, origin_data: r.originData,
    created_by: { id: 1771001, name: 'Sandbox Admin' }, custom_fields: {}, currency_configuration: USD, attachments: [],
    summary: g702(ledger, { start: r.periodStart, end: r.periodEnd }, opts.v11),
    ...(opts.items ? { items: ledger.lines.map((row) => requisitionItem(store, r, row, ledger.rate)) } : {}),
    item_packages: [], created_at: r.createdAt, updated_at: r.updatedAt,
  };
};

const applicationLine = (store: ProcoreStore, row: LedgerLine, rate: number, index: number): Json => {
  const retained = row.retainagePreviousCents + row.retainageThisCents;
  return {
    id: row.line.id, item_number: String(index + 1), description_of_work: row.sov.description, description_override: null,
    cost_code: costCodeRef(store, store.wbs(row.sov.wbsCodeId)?.costCodeId), wbs_code: wbsRef(store, row.sov.wbsCodeId),
    ...g703Amounts(row, rate), total_completed_and_stored_to_date_quantity: '0.0',
    balance_to_finish: f(row.scheduledCents - row.previousCents - row.thisCents),
    work_completed_retainage_currently_retained: f(retained), materials_stored_retainage_currently_retained: ZERO,
    materials_stored_retainage_from_previous_application: ZERO, materials_stored_retainage_retained_this_period: ZERO,
    total_retainage_currently_retained: f(retained), total_retainage_from_previous_application: f(row.retainagePreviousCents),
    type: 'line_item', origin_id: null, origin_type: null, added_from_source: null, added_from_source_id: null,
  };
};

/** An owner invoice on the prime contract, with its G702 (`g702`) and G703 (`g703`). */
export const paymentApplicationJson = (store: ProcoreStore, a: PaymentApplication): Json => {
  const ledger = paymentApplicationLedger(store, a);
  const prime = store.primeContracts.get(a.primeContractId);
  return {
    id: a.id, number: a.number, invoice_number: a.invoiceNumber, status: a.status, billing_date: a.billingDate,
    period_id: periodId(a.periodStart), period_start: a.periodStart, period_end: a.periodEnd,
    billing_period: { id: periodId(a.periodStart), start_date: a.periodStart, end_date: a.periodEnd, due_date: null },
    percent_complete: `${ratioPercent(ledger.completedCents, ledger.contractToDateCents)}%`,
    total_amount_accrued_this_period: f(sum(a.lines.map((l) => l.thisPeriodCents))), total_amount_paid: ZERO,
    formatted_contract_company: prime?.ownerName ?? null,
    contract: prime ? { id: prime.id, number: prime.number, title: prime.title } : null, description_type: 'automatic',
    g702: g702(ledger, { start: a.periodStart, end: a.periodEnd }, false),
    g703: ledger.lines.map((row, i) => applicationLine(store, row, ledger.rate, i)),
    origin_id: a.originId, origin_data: a.originData, currency_configuration: USD, attachments: [],
    created_at: a.createdAt, updated_at: a.updatedAt,
  };
};
