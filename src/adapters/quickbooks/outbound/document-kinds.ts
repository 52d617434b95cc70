import type { BooksDocumentKind, BooksFailure, BooksPosting, BooksWritten, Retirement } from '../../../domain/books/index.js';
import type { QboObject } from '../quickbooks-client.js';
import { draftBody } from './books-body.js';
import type { QboCall } from './deps.js';
import { partyFilter, type MarkerLookup } from './marker-lookup.js';
import { lineIdsOf, purchaseOrderBody } from './purchase-orders.js';
import { quote, type QboDocumentEntity } from './qbo-calls.js';
import { invoiceBody } from './sales-body.js';
import { timeActivityBody } from './time-activities.js';
import { writtenOf } from './written.js';

/** A body, or why it can't be built (a lookup it needs failed). */
export type BodyResult = Record<string, unknown> | BooksFailure;

/** The port's documents as QuickBooks Online entities. */
export const ENTITY: Readonly<Record<BooksDocumentKind, QboDocumentEntity>> = {
  'bill': 'Bill', 'vendor-credit': 'VendorCredit', 'purchase-order': 'PurchaseOrder', 'sales-invoice': 'Invoice', 'estimate': 'Estimate', 'time-entry': 'TimeActivity',
};

/** For messages. */
export const LABEL: Readonly<Record<BooksDocumentKind, string>> = {
  'bill': 'bill', 'vendor-credit': 'vendor credit', 'purchase-order': 'purchase order', 'sales-invoice': 'invoice', 'estimate': 'estimate', 'time-entry': 'time activity',
};

/** Where the hub's note (marker first) lands: a TimeActivity has no PrivateNote. */
export const markerFieldOf = (kind: BooksDocumentKind): 'PrivateNote' | 'Description' => (kind === 'time-entry' ? 'Description' : 'PrivateNote');

/** The entity's writable fields for the posting. */
export const bodyOf = (call: QboCall, posting: BooksPosting): BodyResult | Promise<BodyResult> => {
  switch (posting.kind) {
    case 'bill': case 'vendor-credit': return draftBody(posting);
    case 'purchase-order': return purchaseOrderBody(call, posting);
    case 'sales-invoice': return invoiceBody(posting);
    // An Estimate's writable fields are an Invoice's (CustomerRef, DocNumber, CustomerMemo, PrivateNote, sales lines).
    case 'estimate': return invoiceBody(posting);
    case 'time-entry': return timeActivityBody(posting);
  }
};

/**
 * How to find what a create of this posting wrote: the party's documents with its number (or,
 * without one, its date). A TimeActivity has no DocNumber and its Description is not
 * filterable (facts §3): it is found among that day's time activities.
 */
export const searchOf = (posting: BooksPosting): MarkerLookup => {
  const marker = posting.note.marker;
  switch (posting.kind) {
    case 'bill': case 'vendor-credit': case 'purchase-order':
      return { entity: ENTITY[posting.kind], field: 'PrivateNote', marker, where: partyFilter('VendorRef', posting.vendorRef, posting.number, posting.txnDate) };
    case 'sales-invoice': case 'estimate':
      return { entity: ENTITY[posting.kind], field: 'PrivateNote', marker, where: partyFilter('CustomerRef', posting.jobRef, posting.number, posting.txnDate) };
    case 'time-entry':
      return { entity: 'TimeActivity', field: 'Description', marker, where: `TxnDate = ${quote(posting.txnDate)}` };
  }
};

/** What the books hold after writing the posting: a PO's line Ids too (what later bill lines link to). */
export const postedOf = (posting: BooksPosting, object: QboObject): BooksWritten => {
  switch (posting.kind) {
    case 'time-entry': return writtenOf(object);
    case 'purchase-order': return { ...writtenOf(object, posting.number), lineIds: lineIdsOf(posting.lines, object) };
    default: return writtenOf(object, posting.number);
  }
};

/**
 * A voided invoice stays, at zero, its PrivateNote prefixed "Voided" (what QuickBooks shows;
 * the read has no void flag). Zero alone is not enough: an invoice may total zero.
 */
export const isVoided = (object: QboObject): boolean =>
  Number(object.TotalAmt ?? 0) === 0 && typeof object.PrivateNote === 'string' && object.PrivateNote.startsWith('Voided');

/** Whether the object as read is retired already; a deleted one reads as 610 instead. */
export const isRetired = (how: Retirement, object: QboObject): boolean => {
  switch (how) {
    case 'close': return object.POStatus === 'Closed';
    case 'void': return isVoided(object);
    case 'delete': return false;
  }
};
