import { requisitionLedger } from '../data/ledger.js';
import { formatCents, sum } from '../data/money.js';
import type { ProcoreStore } from '../data/store.js';

/** GET /_sandbox/procore/state: the ids and statuses a demo script needs to pick its next verb. */
export const summary = (store: ProcoreStore) => {
  const live = <T extends { deletedAt: string | null }>(rows: Iterable<T>) => [...rows].filter((r) => r.deletedAt === null);
  return {
    company: store.company,
    project: { id: store.project.id, name: store.project.name },
    commitments: live(store.commitments.values()).map((c) => ({ id: c.id, number: c.number, status: c.status, vendor_id: c.vendorId })),
    change_orders: live(store.changeOrders.values()).map((co) => ({ id: co.id, kind: co.kind, number: co.number, status: co.status, revision: co.revision })),
    requisitions: live(store.requisitions.values()).map((r) => ({
      id: r.id, commitment_id: r.commitmentId, number: r.number, invoice_number: r.invoiceNumber, status: r.status,
      current_payment_due: formatCents(requisitionLedger(store, r).currentDueCents), origin_id: r.originId,
    })),
    payment_applications: live(store.paymentApplications.values()).map((a) => ({
      id: a.id, number: a.number, status: a.status, amount: formatCents(sum(a.lines.map((l) => l.thisPeriodCents))), origin_id: a.originId,
    })),
    contract_payments: live(store.payments.values()).map((p) => ({ id: p.id, requisition_id: p.requisitionId, amount: formatCents(p.amountCents), origin_id: p.originId })),
    timecard_entries: live(store.timecards.values()).map((t) => ({ id: t.id, date: t.date, party_id: t.partyId, approval_status: t.approvalStatus })),
    budget_line_items: live(store.budgetLines.values()).map((b) => ({ id: b.id, wbs_code_id: b.wbsCodeId, original_budget_amount: formatCents(b.originalCents) })),
  };
};
