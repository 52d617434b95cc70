import type { BooksRef } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';
import type { SalesLine } from '../owner-invoices/sales-lines.js';

/**
 * The accounting side in the books port's words, the same for every system. Each adapter
 * maps them to its own entities:
 *
 * | port                 | QuickBooks Online | Xero                              | QuickBooks Desktop |
 * |----------------------|-------------------|-----------------------------------|--------------------|
 * | bill                 | Bill              | Invoice ACCPAY                    | BillAdd            |
 * | vendor-credit        | VendorCredit      | CreditNote ACCPAYCREDIT           | VendorCreditAdd    |
 * | purchase-order       | PurchaseOrder     | PurchaseOrder                     | PurchaseOrderAdd   |
 * | sales-invoice        | Invoice           | Invoice ACCREC                    | InvoiceAdd         |
 * | estimate             | Estimate          | Quote                             | EstimateAdd        |
 * | time-entry           | TimeActivity      | Projects time entry               | TimeTrackingAdd    |
 * | version              | SyncToken         | UpdatedDateUTC                    | EditSequence       |
 * | note (marker first)  | PrivateNote (Description on a TimeActivity) | Reference / Url | Memo        |
 * | job                  | Customer:Job sub-customer | tracking option or project | Customer:Job      |
 * | class                | Class             | tracking option                   | Class              |
 */
export type BooksSystem = 'quickbooks' | 'xero' | 'qbd';

export type BooksDocumentKind = 'bill' | 'vendor-credit' | 'purchase-order' | 'sales-invoice' | 'estimate' | 'time-entry';

/** What an update or a retirement names so the books refuse a stale write; opaque to the hub. */
export type BooksVersion = string;

/**
 * The hub's own text on a document. `text` starts with `marker`
 * (`trestle:{connection}:{document}:{version}`), so a write whose answer was lost is found
 * by it instead of being written twice.
 */
export interface HubNote {
  readonly marker: string;
  readonly text: string;
}

/** The purchase-order line a bill line is billed against (set only when the bill line is created). */
export interface PurchaseOrderLineRef {
  readonly purchaseOrderId: string;
  readonly lineId: string;
}

interface ExpenseLineBase {
  readonly description: string;
  /** Never negative except a negative-line retainage line, where the books accept it. */
  readonly amount: Cents;
  /** The job the cost belongs to. */
  readonly jobRef: BooksRef | null;
  readonly classRef: BooksRef | null;
  /** Billable on to the job's customer (only meaningful with a job). */
  readonly billable: boolean;
  readonly billedFrom: PurchaseOrderLineRef | null;
}

/** A cost line: to an account, or an item at quantity 1. */
export type ExpenseLine =
  | (ExpenseLineBase & { readonly kind: 'account'; readonly accountRef: BooksRef })
  | (ExpenseLineBase & { readonly kind: 'item'; readonly itemRef: BooksRef; readonly qty: 1; readonly unitPrice: Cents });

/** A subcontractor's bill, or a vendor credit (no due date). */
export interface VendorDocumentPosting {
  readonly kind: 'bill' | 'vendor-credit';
  readonly vendorRef: BooksRef;
  readonly txnDate: string;
  /** null: the books apply the vendor's terms. */
  readonly dueDate: string | null;
  /** The vendor's invoice number; empty when it has none. */
  readonly number: string;
  readonly note: HubNote;
  readonly lines: readonly ExpenseLine[];
}

/** A purchase-order line keeps its books id across updates, so bills billed against it stay linked. */
export type PurchaseOrderLine = ExpenseLine & {
  /** The line's identity across versions (cost code and type). */
  readonly lineKey: string;
  /** Its id in the books; null for a new line. */
  readonly lineId: string | null;
};

/** A commitment as a purchase order; an update sends the whole line set and reopens a closed one. */
export interface PurchaseOrderPosting {
  readonly kind: 'purchase-order';
  readonly vendorRef: BooksRef;
  readonly txnDate: string;
  readonly number: string;
  /** Vendor-visible. */
  readonly memo: string;
  readonly note: HubNote;
  readonly lines: readonly PurchaseOrderLine[];
}

/** What the owner is sent, to the project's job: an invoice and an estimate carry the same fields. */
interface SalesDocumentPosting {
  readonly jobRef: BooksRef;
  readonly txnDate: string;
  readonly number: string;
  /** Owner-visible; empty for none. */
  readonly customerMemo: string;
  readonly note: HubNote;
  readonly lines: readonly SalesLine[];
}

/** An owner invoice (pay application, retainage release) to the project's job. */
export interface SalesInvoicePosting extends SalesDocumentPosting {
  readonly kind: 'sales-invoice';
}

/** Hours an employee worked on the job, under their cost code (and its service item when the books file time on items). */
export interface TimeEntryPosting {
  readonly kind: 'time-entry';
  readonly employeeRef: BooksRef;
  readonly txnDate: string;
  readonly hours: number;
  readonly minutes: number;
  readonly jobRef: BooksRef;
  /** The cost code's service item; null when the books need none (TimeEntryNeeds.serviceItem false). */
  readonly itemRef: BooksRef | null;
  /** The entry's Procore cost code and type: what Xero names the project task after. */
  readonly costCode: string;
  readonly costType: string | null;
  readonly classRef: BooksRef | null;
  readonly billable: boolean;
  /** Decimal string; set when billable. */
  readonly hourlyRate: string | null;
  /** What an hour costs (decimal string): the books cost the hours at it; null when the employee has none. */
  readonly costRate: string | null;
  /** The entry's description, marker first (some books keep no other text on time). */
  readonly note: HubNote;
}

/** An estimate for the owner (a takeoff's quantities priced), to the project's job; an update replaces its lines. */
export interface EstimatePosting extends SalesDocumentPosting {
  readonly kind: 'estimate';
}

/** Everything the books need to write one document; no lookups left. */
export type BooksPosting = VendorDocumentPosting | PurchaseOrderPosting | SalesInvoicePosting | EstimatePosting | TimeEntryPosting;

/** A document the hub wrote before: what an update or a retirement changes. */
export interface ExistingDocument {
  readonly kind: BooksDocumentKind;
  readonly id: string;
  /** The version the saga last knew; the adapter re-reads when the books hold a newer one. */
  readonly version: BooksVersion;
}

/** delete (bill, vendor credit, time entry); void (sales invoice, kept at zero); close (purchase order). */
export type Retirement = 'delete' | 'void' | 'close';

/**
 * A prime change order's lines on the contract's estimate: the lines it wrote before
 * (`replaceLineIds`) give way to `lines`. Other change orders write the same estimate.
 */
export interface EstimateAmendment {
  readonly estimateId: string;
  readonly replaceLineIds: readonly string[];
  readonly lines: readonly SalesLine[];
}

/** A party found or created in the books. */
export interface PartyResolved {
  readonly ref: BooksRef;
  readonly created: boolean;
}

/** Find (or, per `match`, create) the vendor for a Procore vendor; a name taken by another kind of party is never duplicated. */
export interface VendorQuery {
  readonly vendorId: string;
  readonly displayName: string;
  readonly match: 'lookup-or-create' | 'lookup-only';
}

/** Find or create the project's job under its parent (the owner). */
export interface JobQuery {
  readonly projectId: string;
  readonly parentRef: BooksRef;
  readonly jobName: string;
}

/** What the books hold after a write. */
export interface BooksWritten {
  readonly id: string;
  readonly version: BooksVersion;
  /** The number as the books keep it (the one sent unless they changed it). */
  readonly number?: string;
  /** A purchase order's lines as written, by line key: what later bill lines are billed against. */
  readonly lineIds?: ReadonlyArray<{ readonly lineKey: string; readonly lineId: string }>;
}

export interface EstimateAmended {
  readonly id: string;
  readonly version: BooksVersion;
  /** The ids of the amendment's lines, in order. */
  readonly lineIds: readonly string[];
}

/** Bills and vendor credits the books hold from a vendor (by its name) under a number: a document Buildertrend may have synced itself. */
export interface VendorDocumentQuery {
  readonly vendorName: string;
  readonly number: string;
}

export interface VendorDocumentHeld {
  readonly kind: 'bill' | 'vendor-credit';
  readonly id: string;
  readonly version: BooksVersion;
  readonly number: string;
  /** Its total, positive. */
  readonly total: Cents;
}
