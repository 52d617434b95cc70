import type { BasisPoints, Cents } from './money.js';

/**
 * The simulator's internal records. Ids are numbers (the v1 API serialises them as JSON
 * numbers); money is integer cents and becomes decimal strings only in serializers.
 */
export type Id = number;

export interface Audit {
  readonly id: Id;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/** Procore's integration keys (tutorial_financial_tools.md): origin_id unique per type within a company. */
export interface Origin {
  originId: string | null;
  originData: string | null;
  originCode: string | null;
}

export interface Company { readonly id: Id; readonly name: string }

export interface Project extends Audit, Origin {
  name: string;
  projectNumber: string;
  address: string;
  city: string;
  stateCode: string;
  zip: string;
}

export interface Vendor extends Audit, Origin {
  name: string;
  trade: string;
  isActive: boolean;
  emailAddress: string | null;
}

export interface CostCode extends Audit, Origin { code: string; fullCode: string; name: string }
export interface LineItemType extends Audit, Origin { code: string; name: string; baseType: string }

/** A budget code: one cost code × cost type pair of the project. */
export interface WbsCode extends Audit { costCodeId: Id; lineItemTypeId: Id; flatCode: string; flatName: string }

export interface BudgetLine extends Audit, Origin {
  wbsCodeId: Id;
  originalCents: Cents;
  approvedChangesCents: Cents;
  uom: string;
}

/** One schedule-of-values line of a commitment, change order or prime contract. */
export interface ContractLine {
  readonly id: Id;
  wbsCodeId: Id;
  description: string;
  amountCents: Cents;
  readonly position: number;
}

export const COMMITMENT_STATUSES = ['Draft', 'Out For Bid', 'Out For Signature', 'Approved', 'Complete', 'Terminated', 'Void'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export type CommitmentKind = 'WorkOrderContract' | 'PurchaseOrderContract';

export interface Commitment extends Audit, Origin {
  readonly kind: CommitmentKind;
  number: string;
  title: string;
  vendorId: Id;
  status: CommitmentStatus;
  executed: boolean;
  retainageRate: BasisPoints;
  lines: ContractLine[];
}

/** Not published in the OpenAPI spec; the commonly seen values (UNCONFIRMED, facts §5.6). */
export const CHANGE_ORDER_STATUSES = ['draft', 'pending', 'approved', 'rejected', 'void'] as const;
export type ChangeOrderStatus = (typeof CHANGE_ORDER_STATUSES)[number];

export interface ChangeOrder extends Audit, Origin {
  readonly kind: 'commitment' | 'prime';
  readonly contractId: Id;
  number: string;
  title: string;
  status: ChangeOrderStatus;
  revision: number;
  lines: ContractLine[];
}

export interface PrimeContract extends Audit, Origin {
  number: string;
  title: string;
  status: CommitmentStatus;
  ownerName: string;
  retainageRate: BasisPoints;
  lines: ContractLine[];
}

/** One billed line of an invoice: the amount of work completed this period on a SOV line. */
export interface InvoiceLine {
  readonly id: Id;
  readonly contractLineId: Id;
  thisPeriodCents: Cents;
  /** Requisitions: retainage released on this line this period (G703 `work_completed_retainage_released_this_period`). */
  releasedCents?: Cents;
}

export const REQUISITION_STATUSES = ['draft', 'under_review', 'revise_and_resubmit', 'approved', 'approved_as_noted', 'pending_owner_approval'] as const;
export type RequisitionStatus = (typeof REQUISITION_STATUSES)[number];

/** A subcontractor invoice ("requisition" in the API). */
export interface Requisition extends Audit, Origin {
  readonly commitmentId: Id;
  readonly number: number;
  invoiceNumber: string;
  status: RequisitionStatus;
  billingDate: string;
  periodStart: string;
  periodEnd: string;
  submittedAt: string | null;
  items: InvoiceLine[];
}

export const PAYMENT_APPLICATION_STATUSES = ['draft', 'under_review', 'revise_and_resubmit', 'approved'] as const;
export type PaymentApplicationStatus = (typeof PAYMENT_APPLICATION_STATUSES)[number];

/** An owner invoice ("payment application" in the API) on the prime contract. */
export interface PaymentApplication extends Audit, Origin {
  readonly primeContractId: Id;
  readonly number: number;
  invoiceNumber: string;
  status: PaymentApplicationStatus;
  billingDate: string;
  periodStart: string;
  periodEnd: string;
  lines: InvoiceLine[];
  retainageReleasedCents: Cents;
}

export interface ContractPayment extends Audit, Origin {
  readonly contractId: Id;
  readonly requisitionId: Id | null;
  amountCents: Cents;
  date: string;
  checkNumber: string | null;
  invoiceNumber: string | null;
  notes: string | null;
  paymentNumber: string | null;
}

/** Approval values seen in the Timecard tool; not in the facts (UNCONFIRMED). */
export const TIMECARD_APPROVAL_STATUSES = ['pending', 'reviewed', 'approved'] as const;
export type TimecardApprovalStatus = (typeof TIMECARD_APPROVAL_STATUSES)[number];

export interface TimecardEntry extends Audit {
  date: string;
  hours: string;
  partyId: Id;
  partyName: string;
  wbsCodeId: Id;
  description: string;
  billable: boolean;
  approvalStatus: TimecardApprovalStatus;
  /** An integer in Procore's timecard model, unlike every other origin_id. */
  originId: number | null;
  originData: string | null;
}
