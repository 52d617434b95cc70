import type {
  BooksFailure, BooksPosting, ExpenseLine, HubNote, PurchaseOrderPosting, SalesInvoicePosting, VendorDocumentPosting,
} from '../../../domain/books/index.js';
import type { SalesLine } from '../../../domain/owner-invoices/sales-lines.js';
import type { BooksRef } from '../../../domain/shared/books-ref.js';
import { formatMoney, type Cents } from '../../../domain/shared/money.js';
import type { XeroObject } from '../xero-client.js';
import { parseJobRef } from './jobs.js';
import { findTracking, type LineTracking, type TrackingCategory } from './tracking-cache.js';
import { permanent } from './xero-failure.js';

/**
 * The port's documents as Xero bodies (facts §5):
 *
 * | port            | Xero                         | number                | hub marker             |
 * |-----------------|------------------------------|-----------------------|------------------------|
 * | bill            | Invoice `ACCPAY`             | InvoiceNumber         | Url (Reference is ACCREC only) |
 * | vendor-credit   | CreditNote `ACCPAYCREDIT`    | CreditNoteNumber      | none: found by contact, number, date and total |
 * | purchase-order  | PurchaseOrder                | PurchaseOrderNumber   | Reference              |
 * | sales-invoice   | Invoice `ACCREC`             | InvoiceNumber         | Reference (and Url)    |
 *
 * Cost lines: quantity 1 at the amount, to the rule's AccountCode (or ItemCode), TaxType
 * NONE (amounts are what the source says; Xero adds no tax), tracked by the project's Job
 * option and the rule's class (a second tracking category, e.g. Cost Code): Xero's limit
 * of two. Owner invoices: Xero has no items for retainage, so the mapping's owner-billing
 * `progressItem` and `retainageItem` name account codes (e.g. Sales, Retainage Receivable):
 * retainage released is a line to that account.
 */
export type BodyResult = XeroObject | BooksFailure;

/** Cents as the JSON number Xero reads, through the two-decimal string (no float arithmetic). */
export const xeroAmount = (amount: Cents): number => Number(formatMoney(amount));

const TAX_NONE = 'NONE';
const DESCRIPTION_MAX = 4000;
const REFERENCE_MAX = 255;

/** The Url back to the hub, marker last (`…/trestle:acme:1280641:3`): inbound knows the hub's documents by it. */
export const markerUrl = (publicUrl: string | undefined, note: HubNote): string | undefined =>
  publicUrl ? `${publicUrl.replace(/\/+$/, '')}/books/${note.marker}` : undefined;

/** Tracking by the mapping's references; one the organisation doesn't have fails the document, naming it. */
export class TrackingResolver {
  readonly missing: string[] = [];

  constructor(private readonly categories: readonly TrackingCategory[]) {}

  tracking(...refs: ReadonlyArray<BooksRef | null>): LineTracking[] {
    const found: LineTracking[] = [];
    for (const ref of refs) {
      if (!ref) continue;
      const hit = findTracking(this.categories, ref.value);
      if (!hit) {
        if (!this.missing.includes(ref.value)) this.missing.push(ref.value);
        continue;
      }
      // One option per category: a rule's class in the Job category gives way to the project's own.
      if (!found.some((t) => t.TrackingCategoryID === hit.TrackingCategoryID)) found.push(hit);
    }
    return found.slice(0, 2);
  }

  failure(): BooksFailure | undefined {
    if (this.missing.length === 0) return undefined;
    const names = this.missing.map((m) => `"${m}"`).join(', ');
    return permanent('TRACKING_NOT_FOUND', `no active tracking option ${names} in Xero: add it under Settings > Tracking categories, or correct the mapping's class`);
  }
}

const jobTracking = (ref: BooksRef | null): BooksRef | null => (ref ? { value: parseJobRef(ref).tracking } : null);

/** One cost line: quantity 1 at the amount, to an account or an item. */
export const costLine = (line: ExpenseLine, tracking: TrackingResolver): XeroObject => ({
  Description: line.description.slice(0, DESCRIPTION_MAX),
  Quantity: 1,
  UnitAmount: xeroAmount(line.amount),
  ...(line.kind === 'account' ? { AccountCode: line.accountRef.value } : { ItemCode: line.itemRef.value }),
  TaxType: TAX_NONE,
  Tracking: tracking.tracking(jobTracking(line.jobRef), line.classRef),
});

export const billBody = (posting: VendorDocumentPosting & { kind: 'bill' }, tracking: TrackingResolver, status: string, publicUrl?: string): XeroObject => {
  const url = markerUrl(publicUrl, posting.note);
  return {
    Type: 'ACCPAY',
    Contact: { ContactID: posting.vendorRef.value },
    Date: posting.txnDate,
    ...(posting.dueDate ? { DueDate: posting.dueDate } : {}),
    ...(posting.number ? { InvoiceNumber: posting.number } : {}),
    LineAmountTypes: 'NoTax',
    Status: status,
    ...(url ? { Url: url } : {}),
    LineItems: posting.lines.map((l) => costLine(l, tracking)),
  };
};

export const creditNoteBody = (posting: VendorDocumentPosting, tracking: TrackingResolver, status: string): XeroObject => ({
  Type: 'ACCPAYCREDIT',
  Contact: { ContactID: posting.vendorRef.value },
  Date: posting.txnDate,
  ...(posting.number ? { CreditNoteNumber: posting.number } : {}),
  LineAmountTypes: 'NoTax',
  Status: status,
  LineItems: posting.lines.map((l) => costLine(l, tracking)),
});

/** A line already on the PO keeps its LineItemID, so its history (and bills against it) stay with it. */
export const purchaseOrderBody = (posting: PurchaseOrderPosting, tracking: TrackingResolver): XeroObject => ({
  Contact: { ContactID: posting.vendorRef.value },
  Date: posting.txnDate,
  PurchaseOrderNumber: posting.number,
  Reference: posting.note.marker.slice(0, REFERENCE_MAX),
  LineAmountTypes: 'NoTax',
  Status: 'AUTHORISED',
  LineItems: posting.lines.map((l) => ({ ...(l.lineId ? { LineItemID: l.lineId } : {}), ...costLine(l, tracking) })),
});

const salesLine = (line: SalesLine, job: BooksRef, tracking: TrackingResolver): XeroObject => {
  if (line.kind === 'description') return { Description: line.description.slice(0, DESCRIPTION_MAX) };
  return {
    Description: line.description.slice(0, DESCRIPTION_MAX), Quantity: 1, UnitAmount: xeroAmount(line.unitPrice),
    AccountCode: line.itemRef.value, TaxType: TAX_NONE, Tracking: tracking.tracking({ value: parseJobRef(job).tracking }, line.classRef),
  };
};

/** An owner invoice to the project's owner (the job reference's contact). */
export const salesInvoiceBody = (posting: SalesInvoicePosting, tracking: TrackingResolver, status: string, publicUrl?: string): BodyResult => {
  const { contactId } = parseJobRef(posting.jobRef);
  if (!contactId) {
    return permanent('NO_OWNER_CONTACT', `the project's job "${posting.jobRef.value}" names no Xero contact to invoice: map the project with parentCustomer (the owner's contact) and jobName`);
  }
  const url = markerUrl(publicUrl, posting.note);
  return {
    Type: 'ACCREC',
    Contact: { ContactID: contactId },
    Date: posting.txnDate,
    ...(posting.number ? { InvoiceNumber: posting.number } : {}),
    Reference: posting.note.marker.slice(0, REFERENCE_MAX),
    LineAmountTypes: 'NoTax',
    Status: status,
    ...(url ? { Url: url } : {}),
    LineItems: posting.lines.map((l) => salesLine(l, posting.jobRef, tracking)),
  };
};

/** The body for any posting the Xero port writes; time entries go elsewhere. */
export const bodyFor = (posting: BooksPosting, tracking: TrackingResolver, status: string, publicUrl?: string): BodyResult => {
  let body: BodyResult;
  switch (posting.kind) {
    case 'bill': body = billBody({ ...posting, kind: 'bill' }, tracking, status, publicUrl); break;
    case 'vendor-credit': body = creditNoteBody(posting, tracking, status); break;
    case 'purchase-order': body = purchaseOrderBody(posting, tracking); break;
    case 'sales-invoice': body = salesInvoiceBody(posting, tracking, status, publicUrl); break;
    case 'time-entry': return permanent('XERO_TIME_NOT_ACCOUNTING', 'a time entry goes to Xero Projects, not into an Accounting API document');
    // The Xero port amends a quote a person made; creating one (a takeoff's estimate) is not built yet.
    case 'estimate': return permanent('XERO_QUOTE_NOT_SUPPORTED', 'writing a new quote (an estimate from a takeoff) is not supported for Xero yet');
  }
  return tracking.failure() ?? body;
};
