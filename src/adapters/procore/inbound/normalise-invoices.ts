import type { CostLine, OwnerInvoiceSnapshot, RequisitionStatus, SubcontractorInvoiceSnapshot } from '../../../domain/documents/snapshots.js';
import { addMoney, cents, subtractMoney, sumBy, type Cents } from '../../../domain/shared/money.js';
import { idOf, isoTime, list, moneyOf, moneyOrZero, NormaliseError, obj, requireId, statusKey, text, type Json } from '../../pipeline/inbound/normalise/json-read.js';
import { versionOf, type ContractCoding, type LineCoding, type Normalised } from './normalise-contracts.js';

const REQUISITION_STATUSES: readonly RequisitionStatus[] = ['draft', 'under_review', 'revise_and_resubmit', 'approved', 'approved_as_noted', 'pending_owner_approval'];

/** A G703 line's cost code and type: by the SOV line it bills, else by its budget code. */
const codingFor = (what: string, item: Json, coding: ContractCoding): LineCoding => {
  const byLine = coding.byLineId.get(idOf(item.line_item_id) ?? '');
  const byWbs = coding.byWbsId.get(idOf(obj(item.wbs_code)?.id) ?? '');
  const inline = text(obj(item.cost_code)?.full_code);
  const found = byLine ?? byWbs ?? (inline ? { costCode: inline, costType: null } : undefined);
  if (!found) throw new NormaliseError(what, `item ${text(item.id) ?? '?'} bills no line of the contract`);
  return found;
};

/** Retainage withheld on a line this period, net of releases (facts §5.9 accounting hint). */
const lineRetainage = (what: string, item: Json): { retained: Cents; released: Cents } => {
  const m = (field: string) => moneyOrZero(what, item[field], field);
  return {
    retained: addMoney(m('work_completed_retainage_retained_this_period'), m('materials_stored_retainage_retained_this_period')),
    released: addMoney(m('work_completed_retainage_released_this_period'), m('materials_stored_retainage_released_this_period')),
  };
};

/** One billed line: work completed this period (gross) and the retainage withheld on it. */
const billedLine = (what: string, item: Json, coding: ContractCoding): CostLine & { released: Cents } => {
  const { retained, released } = lineRetainage(what, item);
  return {
    lineId: requireId(what, item.id, 'items[].id'),
    ...codingFor(what, item, coding),
    description: text(item.description_of_work) ?? text(item.description) ?? '',
    amount: moneyOf(what, item.work_completed_this_period, 'work_completed_this_period'),
    retainage: subtractMoney(retained, released),
    released,
  };
};

const plainLine = ({ released: _released, ...line }: CostLine & { released: Cents }): CostLine => line;

/** A requisition line keeps what it released (the reconciliation reconciles releases per cost code). */
const requisitionLine = ({ released, ...line }: CostLine & { released: Cents }): CostLine => (released === 0 ? line : { ...line, released });

/**
 * A subcontractor invoice: the v1.1 header and G702 `summary`, and its G703 rows read from
 * the item endpoints (`items`; the plain read carries none, so `raw.items` is never used).
 * `coding` comes from its commitment: G703 items name the SOV line they bill but not its cost type.
 */
export const normaliseRequisition = (raw: Json, items: readonly Json[], observedAt: string, coding: ContractCoding): Normalised<SubcontractorInvoiceSnapshot> => {
  const what = `requisition ${text(raw.id) ?? '?'}`;
  const status = statusKey(raw.status) as RequisitionStatus;
  if (!REQUISITION_STATUSES.includes(status)) throw new NormaliseError(what, `unknown status ${JSON.stringify(raw.status)}`);
  const summary = obj(raw.summary) ?? obj(raw.g702) ?? {};
  const billed = items.map((item) => billedLine(what, item, coding));
  const lines = billed.map(requisitionLine);
  const grossAmount = sumBy(lines, (l) => l.amount);
  const retainageAmount = sumBy(lines, (l) => l.retainage);
  const retainageReleased = sumBy(billed, (l) => l.released);
  return {
    version: versionOf(raw, observedAt),
    snapshot: {
      projectId: requireId(what, raw.project_id, 'project_id'),
      commitmentId: requireId(what, raw.commitment_id, 'commitment_id'),
      vendorId: requireId(what, raw.vendor_id, 'vendor_id'),
      vendorName: text(raw.vendor_name) ?? '',
      number: text(raw.number) ?? '',
      invoiceNumber: text(raw.invoice_number),
      status,
      billingDate: text(raw.billing_date) ?? text(raw.requisition_end) ?? '',
      periodStart: text(raw.requisition_start),
      periodEnd: text(raw.requisition_end),
      lines, grossAmount, retainageAmount,
      ...(retainageReleased === 0 ? {} : { retainageReleased }),
      // The G702's current payment due is what the subcontractor is owed now; computed when absent.
      netAmount: summary.current_payment_due === undefined ? subtractMoney(grossAmount, retainageAmount) : moneyOf(what, summary.current_payment_due, 'summary.current_payment_due'),
      retainagePercent: text(summary.completed_work_retainage_percent),
      updatedAt: isoTime(raw.updated_at) ?? observedAt,
    },
  };
};

const OWNER_STATUSES = ['draft', 'under_review', 'revise_and_resubmit', 'approved'] as const;

/**
 * An owner invoice (payment application) with its G702 (`g702`) and G703 (`g703`).
 * Retainage released may be booked on the header only; the G702 current payment due then
 * tells how much: net = gross - retained + released.
 */
export const normalisePaymentApplication = (raw: Json, observedAt: string, coding: ContractCoding, projectId: string): Normalised<OwnerInvoiceSnapshot> => {
  const what = `payment application ${text(raw.id) ?? '?'}`;
  const status = statusKey(raw.status);
  if (!(OWNER_STATUSES as readonly string[]).includes(status)) throw new NormaliseError(what, `unknown status ${JSON.stringify(raw.status)}`);
  const billed = list(raw.g703 ?? raw.items).map((item) => billedLine(what, item, coding));
  const grossAmount = sumBy(billed, (l) => l.amount);
  const retainageRetained = sumBy(billed, (l) => addMoney(l.retainage, l.released));
  const lineReleases = sumBy(billed, (l) => l.released);
  const due = obj(raw.g702)?.current_payment_due;
  const netAmount = due === undefined ? addMoney(subtractMoney(grossAmount, retainageRetained), lineReleases) : moneyOf(what, due, 'g702.current_payment_due');
  const headerRelease = subtractMoney(netAmount, subtractMoney(grossAmount, retainageRetained));
  return {
    version: versionOf(raw, observedAt),
    snapshot: {
      projectId,
      primeContractId: requireId(what, obj(raw.contract)?.id ?? raw.prime_contract_id, 'contract.id'),
      ownerName: text(raw.formatted_contract_company) ?? '',
      number: text(raw.number) ?? '',
      invoiceNumber: text(raw.invoice_number),
      status: status as OwnerInvoiceSnapshot['status'],
      billingDate: text(raw.billing_date) ?? text(raw.period_end) ?? '',
      periodStart: text(raw.period_start), periodEnd: text(raw.period_end),
      lines: billed.map(plainLine), grossAmount, retainageRetained,
      retainageReleased: headerRelease > lineReleases ? headerRelease : cents(lineReleases),
      netAmount,
      updatedAt: isoTime(raw.updated_at) ?? observedAt,
    },
  };
};
