import type { BooksFailure, BooksPosting, BooksWritten, ExistingDocument, Retirement } from '../../domain/books/index.js';
import { retText } from './qbxml/qbxml-document.js';
import { el, leaf } from './qbxml/qbxml-node.js';
import {
  accountOnlyCostCodes, closePurchaseOrderOperation, itemRuleNeeded, poLineIds, purchaseOrderModOperation, purchaseOrderOperation,
} from './qbxml/purchase-order-requests.js';
import { vendorDocumentModOperation, vendorDocumentOperation, type QbdWriteOperation } from './qbxml/requests.js';
import {
  estimateModOperation, estimateOperation, salesInvoiceModOperation, salesInvoiceOperation, timeEntryModOperation, timeEntryOperation,
} from './qbxml/sales-requests.js';

type Ret = Readonly<Record<string, unknown>>;

/** A call the port answers without queueing anything: the content can't be written to QuickBooks Desktop as it is. */
export const cannotWrite = (code: string, message: string): BooksFailure => ({ ok: false, kind: 'permanent', code, message });

const poNeedsItems = (codes: readonly string[]): BooksFailure => cannotWrite('QBD_PO_NEEDS_ITEM', itemRuleNeeded(codes));

/** The qbXML write for a new document, or why there is none. */
export const postOperation = (posting: BooksPosting): QbdWriteOperation | BooksFailure => {
  switch (posting.kind) {
    case 'bill': case 'vendor-credit': return vendorDocumentOperation(posting);
    case 'sales-invoice': return salesInvoiceOperation(posting);
    case 'time-entry': return timeEntryOperation(posting);
    case 'purchase-order': {
      const codes = accountOnlyCostCodes(posting);
      return codes.length > 0 ? poNeedsItems(codes) : purchaseOrderOperation(posting);
    }
    case 'estimate': return estimateOperation(posting);
  }
};

/** A full update (…Mod at the EditSequence the saga knew; 3200 is re-read and retried by the queue). */
export const updateOperation = (existing: ExistingDocument, posting: BooksPosting): QbdWriteOperation | BooksFailure => {
  switch (posting.kind) {
    case 'bill': case 'vendor-credit': return vendorDocumentModOperation(existing.id, existing.version, posting);
    case 'sales-invoice': return salesInvoiceModOperation(existing.id, existing.version, posting);
    case 'time-entry': return timeEntryModOperation(existing.id, existing.version, posting);
    case 'purchase-order': {
      const codes = accountOnlyCostCodes(posting);
      return codes.length > 0 ? poNeedsItems(codes) : purchaseOrderModOperation(existing.id, existing.version, posting);
    }
    case 'estimate': return estimateModOperation(existing.id, existing.version, posting);
  }
};

/** TxnDelType and the query that reads the transaction back, per document kind. */
const TXN_TYPE: Readonly<Record<ExistingDocument['kind'], string>> = {
  'bill': 'Bill', 'vendor-credit': 'VendorCredit', 'purchase-order': 'PurchaseOrder', 'sales-invoice': 'Invoice', 'estimate': 'Estimate', 'time-entry': 'TimeTracking',
};

/**
 * Deleting (TxnDelRq): asked first whether it is still there, so a transaction already gone
 * (deleted by hand, or by a write whose answer was lost) is success without a second delete.
 */
const deleteOperation = (existing: ExistingDocument): QbdWriteOperation => {
  const type = TXN_TYPE[existing.kind];
  return {
    label: `${existing.kind} ${existing.id} (delete)`, probeFirst: true, match: { by: 'gone', txnId: existing.id },
    write: el('TxnDelRq', [leaf('TxnDelType', type), leaf('TxnID', existing.id)]),
    probe: el(`${type}QueryRq`, [leaf('TxnID', existing.id)]),
  };
};

/**
 * delete: bills, vendor credits, time (TxnDel); close: a purchase order (IsManuallyClosed, so
 * bills linked to it keep their link); void: a sales invoice (TxnVoid keeps it at zero).
 */
export const retireOperation = (existing: ExistingDocument, how: Retirement): QbdWriteOperation | BooksFailure => {
  switch (how) {
    case 'delete': return deleteOperation(existing);
    case 'close': return existing.kind === 'purchase-order'
      ? closePurchaseOrderOperation(existing.id, existing.version, '')
      : cannotWrite('QBD_NOT_SUPPORTED', `QuickBooks Desktop: only a purchase order is closed, not a ${existing.kind}`);
    case 'void': return voidOperation(existing);
  }
};

/**
 * TxnVoidRq (TxnVoidType, TxnID): the transaction stays, at zero. Done when QuickBooks answers
 * it at zero: a void leaves no marker, so the probe reads the total.
 */
const voidOperation = (existing: ExistingDocument): QbdWriteOperation => {
  const type = TXN_TYPE[existing.kind];
  return {
    label: `${existing.kind} ${existing.id} (void)`, probeFirst: true, match: { by: 'field', field: type === 'Invoice' ? 'Subtotal' : 'AmountDue', value: '0.00' },
    write: el('TxnVoidRq', [leaf('TxnVoidType', type), leaf('TxnID', existing.id)]),
    probe: el(`${type}QueryRq`, [leaf('TxnID', existing.id)]),
  };
};

/** What the books hold after a write: TxnID, EditSequence, RefNumber, and a PO's lines by key. */
export const writtenOf = (ret: Ret, posting?: BooksPosting): BooksWritten => ({
  id: retText(ret, 'TxnID'), version: retText(ret, 'EditSequence'), ...(retText(ret, 'RefNumber') ? { number: retText(ret, 'RefNumber') } : {}),
  ...(posting?.kind === 'purchase-order' ? { lineIds: poLineIds(posting, ret) } : {}),
});

/** A retirement's answer: a deletion returns no Ret, so the document is named by what the hub knew. */
export const retiredOf = (existing: ExistingDocument, ret: Ret | null): BooksWritten => ({
  id: existing.id, version: (ret && retText(ret, 'EditSequence')) || existing.version,
});
