import type {
  ExistingDocument, ExpenseLine, JobQuery, PurchaseOrderPosting, SalesInvoicePosting, TimeEntryPosting, VendorDocumentPosting, VendorQuery,
  BooksDocumentKind, EstimateAmendment, PurchaseOrderLine,
} from '../../../domain/books/index.js';
import type { BooksDraft, BooksLine } from '../../../domain/invoice-sync/invoice-sync.outputs.js';
import type { PurchaseOrderDraft, PurchaseOrderLine as RequestedPoLine } from '../../../domain/commitments/commitment-po.outputs.js';
import type { InvoiceDraft } from '../../../domain/owner-invoices/owner-invoice.outputs.js';
import type { TimeActivityDraft } from '../../../domain/timecards/timecard.outputs.js';
import type { UpdateEstimateRequested } from '../../../domain/change-orders/change-order.outputs.js';
import type { BooksRef } from '../../../domain/shared/books-ref.js';

/**
 * The one place stored request events become the port's vocabulary. The requests keep the
 * field names they were stored with (events already in the store must still be read):
 *
 * | stored request field                  | port                                  |
 * |---------------------------------------|---------------------------------------|
 * | `lastKnownSyncToken`                  | `ExistingDocument.version`            |
 * | `billId`, `vendorCreditId`, `purchaseOrderId`, `invoiceId`, `timeActivityId` | `ExistingDocument.id` |
 * | `privateNote` (`description` on time) + `hubMarker` | `note: { text, marker }` |
 * | `docNumber`                           | `number`                              |
 * | line `customerRef`                    | line `jobRef`                         |
 * | line `linkedTxn { txnId, txnType: 'PurchaseOrder', txnLineId }` | line `billedFrom { purchaseOrderId, lineId }` |
 * | `parentCustomerRef`                   | `JobQuery.parentRef`                  |
 * | draft `customerRef` (owner invoice, time) | `jobRef`                          |
 * | time `billableStatus` ('Billable' / 'NotBillable') | `billable: boolean`          |
 * | time `nameOf: 'Employee'`, PO `poStatus: 'Open'`: in events stored before the port; no longer written, ignored on read |
 *
 * Outcomes map back the same way (`syncToken` = version); see outcomes.ts.
 */
const note = (text: string, marker: string) => ({ text, marker });

const expenseLine = (line: BooksLine): ExpenseLine => {
  const base = {
    description: line.description, amount: line.amount, jobRef: line.customerRef, classRef: line.classRef, billable: line.billable,
    billedFrom: line.linkedTxn ? { purchaseOrderId: line.linkedTxn.txnId, lineId: line.linkedTxn.txnLineId } : null,
  };
  return line.kind === 'account'
    ? { ...base, kind: 'account', accountRef: line.accountRef }
    : { ...base, kind: 'item', itemRef: line.itemRef, qty: line.qty, unitPrice: line.unitPrice };
};

export const vendorDocumentPosting = (kind: 'bill' | 'vendor-credit', draft: BooksDraft): VendorDocumentPosting => ({
  kind, vendorRef: draft.vendorRef, txnDate: draft.txnDate, dueDate: draft.dueDate, number: draft.docNumber,
  note: note(draft.privateNote, draft.hubMarker), lines: draft.lines.map(expenseLine),
});

const purchaseOrderLine = (line: RequestedPoLine): PurchaseOrderLine => ({ ...expenseLine(line), lineKey: line.lineKey, lineId: line.lineId });

export const purchaseOrderPosting = (draft: PurchaseOrderDraft): PurchaseOrderPosting => ({
  kind: 'purchase-order', vendorRef: draft.vendorRef, txnDate: draft.txnDate, number: draft.docNumber, memo: draft.memo,
  note: note(draft.privateNote, draft.hubMarker), lines: draft.lines.map(purchaseOrderLine),
});

export const salesInvoicePosting = (draft: InvoiceDraft): SalesInvoicePosting => ({
  kind: 'sales-invoice', jobRef: draft.customerRef, txnDate: draft.txnDate, number: draft.docNumber, customerMemo: draft.customerMemo,
  note: note(draft.privateNote, draft.hubMarker), lines: draft.lines,
});

/** Drafts stored before they carried their cost code say it in their labour cost, if costed. */
const timeCostCode = (draft: TimeActivityDraft): { costCode: string; costType: string | null } =>
  (draft.costCode !== undefined
    ? { costCode: draft.costCode, costType: draft.costType ?? null }
    : { costCode: draft.labour?.costCode ?? '', costType: draft.labour?.costType ?? null });

export const timeEntryPosting = (draft: TimeActivityDraft): TimeEntryPosting => ({
  kind: 'time-entry', employeeRef: draft.employeeRef, txnDate: draft.txnDate, hours: draft.hours, minutes: draft.minutes,
  jobRef: draft.customerRef, itemRef: draft.itemRef, ...timeCostCode(draft), classRef: draft.classRef, billable: draft.billableStatus === 'Billable',
  hourlyRate: draft.hourlyRate, costRate: draft.costRate ?? null, note: note(draft.description, draft.hubMarker),
});

export const existing = (kind: BooksDocumentKind, id: string, lastKnownSyncToken: string): ExistingDocument => ({ kind, id, version: lastKnownSyncToken });

export const vendorQuery = (data: { vendorId: string; displayName: string; match: VendorQuery['match'] }): VendorQuery =>
  ({ vendorId: data.vendorId, displayName: data.displayName, match: data.match });

export const jobQuery = (data: { projectId: string; parentCustomerRef: BooksRef; jobName: string }): JobQuery =>
  ({ projectId: data.projectId, parentRef: data.parentCustomerRef, jobName: data.jobName });

export const estimateAmendment = (data: UpdateEstimateRequested['data']): EstimateAmendment =>
  ({ estimateId: data.estimateId, replaceLineIds: data.replaceLineIds, lines: data.lines });
