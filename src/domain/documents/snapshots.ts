import type { Cents } from '../shared/money.js';

/**
 * Normalised snapshots: what the hub keeps of a source document. Money is cents, ids are
 * strings, cost code and cost type are explicit on every line. The raw source payload is
 * kept beside the snapshot in the document event, never instead of it.
 */

/** One line booked against a cost code. */
export interface CostLine {
  readonly lineId: string;
  /** Full code with its parents, e.g. "23-31-00". */
  readonly costCode: string;
  /** Cost type code (Procore line item type), e.g. "S"; null when the source has none. */
  readonly costType: string | null;
  readonly description: string;
  /** Contracts and change orders: the line amount. Invoices: work completed this period (gross). */
  readonly amount: Cents;
  /** Retainage withheld on this line this period, net of releases (0 where not applicable). */
  readonly retainage: Cents;
  /** Subcontractor invoices: retainage released on this line this period (absent when none). */
  readonly released?: Cents;
}

export type RequisitionStatus = 'draft' | 'under_review' | 'revise_and_resubmit' | 'approved' | 'approved_as_noted' | 'pending_owner_approval';

/** A subcontractor invoice (Procore: requisition). */
export interface SubcontractorInvoiceSnapshot {
  readonly projectId: string;
  readonly commitmentId: string;
  readonly vendorId: string;
  readonly vendorName: string;
  readonly number: string;
  readonly invoiceNumber: string | null;
  /** 'deleted' when the source deleted it. */
  readonly status: RequisitionStatus | 'deleted';
  readonly billingDate: string;
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  readonly lines: readonly CostLine[];
  /** Sum of line amounts. */
  readonly grossAmount: Cents;
  /** Sum of line retainage. */
  readonly retainageAmount: Cents;
  /**
   * Retainage released this period (Procore work_completed_ + materials_stored_retainage_released_this_period),
   * already netted in the lines' `retainage` and `retainageAmount`: the part of the net due that
   * pays out retainage held earlier. Absent when none (and on events recorded before it was read).
   */
  readonly retainageReleased?: Cents;
  /** What is payable now: gross less retainage (Procore: current_payment_due). */
  readonly netAmount: Cents;
  readonly retainagePercent: string | null;
  readonly updatedAt: string;
}

export type ContractStatus = 'draft' | 'out_for_bid' | 'out_for_signature' | 'approved' | 'complete' | 'terminated' | 'void' | 'deleted';

/** A commitment: a work order (subcontract) or purchase order contract with a vendor. */
export interface CommitmentSnapshot {
  readonly projectId: string;
  readonly kind: 'work_order' | 'purchase_order';
  readonly vendorId: string;
  readonly vendorName: string;
  readonly number: string;
  readonly title: string;
  readonly status: ContractStatus;
  readonly retainagePercent: string | null;
  readonly lines: readonly CostLine[];
  readonly total: Cents;
  readonly updatedAt: string;
}

export type ChangeOrderStatus = 'draft' | 'pending' | 'approved' | 'rejected' | 'void' | 'deleted';

export interface ChangeOrderSnapshot {
  readonly kind: 'commitment' | 'prime';
  readonly projectId: string;
  readonly contractId: string;
  readonly number: string;
  readonly title: string;
  readonly status: ChangeOrderStatus;
  readonly lines: readonly CostLine[];
  readonly total: Cents;
  readonly updatedAt: string;
}

/** An owner invoice (Procore: payment application on the prime contract). */
export interface OwnerInvoiceSnapshot {
  readonly projectId: string;
  readonly primeContractId: string;
  readonly ownerName: string;
  readonly number: string;
  readonly invoiceNumber: string | null;
  readonly status: 'draft' | 'under_review' | 'revise_and_resubmit' | 'approved' | 'deleted';
  readonly billingDate: string;
  readonly periodStart: string | null;
  readonly periodEnd: string | null;
  /** amount = work completed this period; retainage = retained this period on the line. */
  readonly lines: readonly CostLine[];
  readonly grossAmount: Cents;
  readonly retainageRetained: Cents;
  readonly retainageReleased: Cents;
  /** gross - retained + released. */
  readonly netAmount: Cents;
  readonly updatedAt: string;
}

export interface BudgetLineSnapshot {
  readonly projectId: string;
  readonly costCode: string;
  readonly costType: string | null;
  readonly originalBudget: Cents;
  readonly approvedChanges: Cents;
  readonly revisedBudget: Cents;
  readonly updatedAt: string;
}

export interface TimecardSnapshot {
  readonly projectId: string;
  readonly employeeId: string;
  readonly employeeName: string;
  readonly date: string;
  /** Decimal string, e.g. "7.50". */
  readonly hours: string;
  readonly costCode: string;
  readonly costType: string | null;
  readonly description: string;
  readonly approvalStatus: 'pending' | 'approved' | 'rejected' | 'deleted';
  readonly billable: boolean;
  readonly updatedAt: string;
}

export interface ProjectSnapshot {
  readonly name: string;
  readonly projectNumber: string | null;
  readonly active: boolean;
  readonly updatedAt: string;
}

export interface VendorSnapshot {
  readonly name: string;
  readonly active: boolean;
  readonly updatedAt: string;
}

export interface CostCodeSnapshot {
  readonly fullCode: string;
  readonly name: string;
  readonly updatedAt: string;
}

export interface CostTypeSnapshot {
  readonly code: string;
  readonly name: string;
  readonly baseType: string | null;
  readonly updatedAt: string;
}

/** A payment seen in the books, applied to one or more transactions. */
export interface BooksPaymentSnapshot {
  readonly kind: 'bill_payment' | 'payment';
  /** VendorRef (bill payments) or CustomerRef (payments) value. */
  readonly counterpartyId: string;
  readonly txnDate: string;
  readonly totalAmount: Cents;
  readonly appliedTo: ReadonlyArray<{ readonly txnId: string; readonly txnType: string; readonly amount: Cents }>;
  readonly deleted: boolean;
  readonly updatedAt: string;
}

/** A books-side object the hub created, as it now stands there (to detect edits by hand). */
export interface BooksObjectSnapshot {
  readonly entity: string;
  readonly id: string;
  readonly syncToken: string;
  readonly totalAmount: Cents;
  readonly docNumber: string | null;
  readonly privateNote: string | null;
  readonly deleted: boolean;
  readonly updatedAt: string;
  /**
   * Hash of what a person edits (lines, dates, counterparty), not what a payment touches
   * (balance, status, SyncToken): equal fingerprints mean no edit by hand.
   */
  readonly fingerprint?: string;
}
