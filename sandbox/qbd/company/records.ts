import type { XmlNode } from '../qbxml/xml.js';

/** A list object (vendor, customer or job, account, item, class …) as QuickBooks Desktop keeps it. */
export interface ListRecord {
  readonly kind: string;
  readonly listId: string;
  readonly timeCreated: string;
  timeModified: string;
  editSequence: string;
  name: string;
  parentId?: string;
  isActive: boolean;
  /** Every other element of the object, in schema order, references resolved to ListID + FullName. */
  fields: XmlNode[];
}

export interface LineRecord {
  readonly txnLineId: string;
  /** E.g. ExpenseLineRet, ItemLineRet, InvoiceLineRet. */
  readonly retName: string;
  fields: XmlNode[];
  amount: bigint;
}

export interface TxnLink {
  readonly txnId: string;
  readonly kind: string;
  readonly amount: bigint;
}

/** A transaction (bill, invoice, payment …). Amounts are cents. */
export interface TxnRecord {
  readonly kind: string;
  readonly txnId: string;
  readonly txnNumber: number;
  readonly timeCreated: string;
  timeModified: string;
  editSequence: string;
  fields: XmlNode[];
  lines: LineRecord[];
  /** Sum of the lines, or the payment's amount. */
  total: bigint;
  /** Paid (bills, invoices) or used (credits) so far. */
  applied: bigint;
  links: TxnLink[];
}
