import type { Cents } from '../support/money.js';

/** Records as the simulator keeps them; the JSON views are rendered from these. Dates are `YYYY-MM-DD`. */
export type InvoiceType = 'ACCPAY' | 'ACCREC';
export type InvoiceStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED' | 'DELETED';
export type LineAmountTypes = 'Exclusive' | 'Inclusive' | 'NoTax';

export interface AccountRec {
  readonly AccountID: string;
  readonly Code: string;
  readonly Name: string;
  readonly Type: string;
  readonly Status: 'ACTIVE' | 'ARCHIVED';
  readonly EnablePaymentsToAccount: boolean;
  readonly updatedMs: number;
}

export interface TrackingOptionRec {
  readonly TrackingOptionID: string;
  readonly Name: string;
  readonly Status: 'ACTIVE' | 'ARCHIVED';
}

export interface TrackingCategoryRec {
  readonly TrackingCategoryID: string;
  readonly Name: string;
  readonly Status: 'ACTIVE' | 'ARCHIVED';
  readonly Options: TrackingOptionRec[];
}

export interface ContactRec {
  readonly ContactID: string;
  Name: string;
  ContactNumber?: string;
  ContactStatus: 'ACTIVE' | 'ARCHIVED';
  /** Writable fields echoed back as sent (addresses, phones, email, ...). */
  fields: Record<string, unknown>;
  IsSupplier: boolean;
  IsCustomer: boolean;
  updatedMs: number;
}

export interface LineTracking {
  readonly TrackingCategoryID: string;
  readonly TrackingOptionID: string;
  readonly Name: string;
  readonly Option: string;
}

export interface LineRec {
  readonly LineItemID: string;
  readonly Description: string;
  /** Quantity and unit amount scaled by 10^4. */
  readonly quantity4: number;
  readonly unit4: number;
  readonly AccountCode?: string;
  readonly ItemCode?: string;
  readonly TaxType: string;
  readonly taxCents: Cents;
  readonly lineCents: Cents;
  /** Hundredths of a percent (ACCREC only). */
  readonly discountRate100?: number;
  readonly discountCents: Cents;
  readonly Tracking: readonly LineTracking[];
  /** Sent as a Description alone (no Quantity, UnitAmount, LineAmount, code): a text line, which needs no AccountCode. */
  readonly descriptionOnly?: true;
}

export interface InvoiceRec {
  readonly InvoiceID: string;
  readonly Type: InvoiceType;
  InvoiceNumber?: string;
  Reference?: string;
  ContactID: string;
  Date: string;
  DueDate?: string;
  LineAmountTypes: LineAmountTypes;
  Status: InvoiceStatus;
  CurrencyCode: string;
  Url?: string;
  lines: LineRec[];
  paidCents: Cents;
  paymentIds: string[];
  fullyPaidOn?: string;
  readonly createdMs: number;
  updatedMs: number;
}

export interface PaymentRec {
  readonly PaymentID: string;
  readonly InvoiceID: string;
  readonly AccountID: string;
  readonly Date: string;
  readonly amountCents: Cents;
  readonly Reference?: string;
  readonly IsReconciled: boolean;
  readonly PaymentType: 'ACCPAYPAYMENT' | 'ACCRECPAYMENT';
  Status: 'AUTHORISED' | 'DELETED';
  updatedMs: number;
}

export type CreditNoteType = 'ACCPAYCREDIT' | 'ACCRECCREDIT';
export type PurchaseOrderStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'BILLED' | 'DELETED';
export type QuoteStatus = 'DRAFT' | 'SENT' | 'ACCEPTED' | 'DECLINED' | 'INVOICED' | 'DELETED';

/** A credit note (CreditNotes), purchase order (PurchaseOrders) or quote (Quotes): a contact, a number, lines. */
export interface LedgerDocRec {
  readonly id: string;
  /** ACCPAYCREDIT / ACCRECCREDIT for credit notes; undefined for purchase orders. */
  readonly Type?: CreditNoteType;
  Number?: string;
  Reference?: string;
  ContactID: string;
  Date: string;
  DeliveryDate?: string;
  LineAmountTypes: LineAmountTypes;
  Status: InvoiceStatus | PurchaseOrderStatus | QuoteStatus;
  CurrencyCode: string;
  lines: LineRec[];
  readonly createdMs: number;
  updatedMs: number;
}

/**
 * A user of the organisation (the people a bookkeeper invites under Settings → Users). The
 * Projects API lists them as project users (`/ProjectsUsers`: userId, name, email; the
 * spec's example lists two); time is logged as one of them.
 */
export interface UserRec {
  readonly UserID: string;
  readonly FirstName: string;
  readonly LastName: string;
  readonly EmailAddress: string;
}

/** Everything one organisation (tenant) holds; plain data so a request can be rolled back with structuredClone. */
export interface OrgData {
  accounts: Map<string, AccountRec>;
  tracking: Map<string, TrackingCategoryRec>;
  contacts: Map<string, ContactRec>;
  invoices: Map<string, InvoiceRec>;
  payments: Map<string, PaymentRec>;
  creditNotes: Map<string, LedgerDocRec>;
  purchaseOrders: Map<string, LedgerDocRec>;
  quotes: Map<string, LedgerDocRec>;
  users: Map<string, UserRec>;
  nextInvoiceNumber: number;
  nextCreditNoteNumber: number;
  nextPurchaseOrderNumber: number;
  nextQuoteNumber: number;
}

export type ChangeCategory = 'INVOICE' | 'CONTACT' | 'CREDITNOTE';
export interface Change {
  readonly category: ChangeCategory;
  readonly type: 'CREATE' | 'UPDATE';
  readonly id: string;
}
