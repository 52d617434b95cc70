import type { BooksDocumentKind, BooksPosting, BooksWritten, PurchaseOrderPosting, Retirement } from '../../../domain/books/index.js';
import { parseMoney, type Cents } from '../../../domain/shared/money.js';
import { xeroTime, type XeroCollection, type XeroObject } from '../xero-client.js';
import { versionOf } from './deps.js';

export interface XeroKind {
  readonly collection: XeroCollection;
  readonly idKey: string;
  readonly numberKey: string;
  /** The known-objects entity (inbound records bills and sales invoices alike as Invoice). */
  readonly entity: string;
  readonly label: string;
}

export const KINDS: Readonly<Record<Exclude<BooksDocumentKind, 'estimate' | 'time-entry'>, XeroKind>> = {
  'bill': { collection: 'Invoices', idKey: 'InvoiceID', numberKey: 'InvoiceNumber', entity: 'Invoice', label: 'bill' },
  'vendor-credit': { collection: 'CreditNotes', idKey: 'CreditNoteID', numberKey: 'CreditNoteNumber', entity: 'CreditNote', label: 'credit note' },
  'purchase-order': { collection: 'PurchaseOrders', idKey: 'PurchaseOrderID', numberKey: 'PurchaseOrderNumber', entity: 'PurchaseOrder', label: 'purchase order' },
  'sales-invoice': { collection: 'Invoices', idKey: 'InvoiceID', numberKey: 'InvoiceNumber', entity: 'Invoice', label: 'sales invoice' },
};

export type XeroKindName = keyof typeof KINDS;

export const kindOf = (kind: BooksDocumentKind): XeroKind | undefined => (kind in KINDS ? KINDS[kind as XeroKindName] : undefined);

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export const idOf = (kind: XeroKind, object: XeroObject): string => text(object[kind.idKey]);

/** Each PO line's LineItemID as written: Xero answers with the lines in the order sent. */
const lineIdsOf = (posting: PurchaseOrderPosting, object: XeroObject) => {
  const written = Array.isArray(object.LineItems) ? object.LineItems as XeroObject[] : [];
  return posting.lines.flatMap((line, i) => {
    const id = written[i]?.LineItemID;
    return typeof id === 'string' ? [{ lineKey: line.lineKey, lineId: id }] : [];
  });
};

export const writtenOf = (kind: XeroKind, posting: BooksPosting, object: XeroObject): BooksWritten => {
  const number = text(object[kind.numberKey]) || ('number' in posting ? posting.number : '');
  return {
    id: idOf(kind, object), version: versionOf(object), number,
    ...(posting.kind === 'purchase-order' ? { lineIds: lineIdsOf(posting, object) } : {}),
  };
};

const dayOf = (value: unknown): string => {
  const ms = xeroTime(value);
  return ms === undefined ? '' : new Date(ms).toISOString().slice(0, 10);
};

const centsOf = (value: unknown): Cents | undefined => {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  try {
    return parseMoney(String(value));
  } catch {
    return undefined;
  }
};

const postingTotal = (posting: BooksPosting): Cents | undefined => {
  if (posting.kind === 'time-entry') return undefined;
  const amounts = posting.lines.flatMap((l) => ('amount' in l ? [l.amount] : []));
  return amounts.reduce((sum, a) => (sum + a) as Cents, 0 as Cents);
};

const CANCELLED = new Set(['DELETED', 'VOIDED']);

/**
 * Whether a document in Xero is what this posting wrote: by the marker where the document
 * carries one (Reference, or the Url's last segment), otherwise (a credit note; a bill when
 * the hub has no public URL) by its contact, number, date and total.
 */
export const carriesPosting = (posting: BooksPosting, object: XeroObject): boolean => {
  const marker = posting.note.marker;
  if (text(object.Reference) === marker || text(object.Url).endsWith(`/${marker}`)) return true;
  if (posting.kind !== 'bill' && posting.kind !== 'vendor-credit') return false;
  if (CANCELLED.has(text(object.Status))) return false;
  const kind = KINDS[posting.kind];
  const contact = (object.Contact as XeroObject | undefined)?.ContactID;
  return text(contact).toLowerCase() === posting.vendorRef.value.toLowerCase()
    && text(object[kind.numberKey]) === posting.number
    && dayOf(object.Date) === posting.txnDate
    && centsOf(object.Total) === postingTotal(posting);
};

/** Where `retire` leaves a document: a draft is deleted, an approved one voided; a PO is marked billed (closed). */
export const retiredStatus = (kind: BooksDocumentKind, current: string, _how: Retirement): string => {
  if (current === 'DRAFT' || current === 'SUBMITTED') return 'DELETED';
  return kind === 'purchase-order' ? 'BILLED' : 'VOIDED';
};

export const isRetired = (kind: BooksDocumentKind, status: string): boolean =>
  CANCELLED.has(status) || (kind === 'purchase-order' && status === 'BILLED');
