import type { BooksRef } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';

interface LineBase {
  readonly description: string;
  /** Positive on a bill's cost lines; a vendor credit's lines are positive too (the credit is the entity). */
  readonly amount: Cents;
  readonly classRef: BooksRef | null;
  /** The Customer:Job the cost belongs to. */
  readonly customerRef: BooksRef | null;
  readonly billable: boolean;
  /** 'retainage': the negative-line treatment's line to the retainage-payable account. */
  readonly role: 'cost' | 'retainage';
  /** The document line it comes from; null for the retainage line. */
  readonly source: { readonly lineId: string; readonly costCode: string; readonly costType: string | null } | null;
  /**
   * The commitment's PurchaseOrder line this cost is billed against (QBO Line.LinkedTxn). Set
   * only on a new bill's lines: QuickBooks links a line to a PO only when the line is created,
   * so updates and vendor credits never carry it. Absent in events recorded before it existed.
   */
  readonly linkedTxn?: { readonly txnId: string; readonly txnType: 'PurchaseOrder'; readonly txnLineId: string } | null;
}

/** One cost line of a books document (bill, vendor credit, PO): account-based, or item-based with quantity 1 at `amount`. */
export type BooksLine =
  | (LineBase & { readonly kind: 'account'; readonly accountRef: BooksRef })
  | (LineBase & { readonly kind: 'item'; readonly itemRef: BooksRef; readonly qty: 1; readonly unitPrice: Cents });
