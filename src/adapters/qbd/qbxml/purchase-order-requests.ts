import type { PurchaseOrderLine, PurchaseOrderPosting } from '../../../domain/books/index.js';
import { formatMoney } from '../../../domain/shared/money.js';
import { clip, el, leaf, ref, type QbxmlNode } from './qbxml-node.js';
import { EDIT_SEQUENCE, MAX, type QbdWriteOperation } from './requests.js';

/** A purchase order's RefNumber holds 11 characters (qbXML 13 OSR, PurchaseOrderAdd). */
const PO_NUMBER_MAX = 11;

/** A PO line names an item: QuickBooks Desktop purchase orders have no account (expense) lines. */
type ItemPoLine = PurchaseOrderLine & { readonly kind: 'item' };

/** `23-31-00/S` from the line key `23-31-00|S` (costKey), as the mapping and messages name cost codes. */
const costCodeOf = (line: PurchaseOrderLine): string => {
  const [code = line.lineKey, type = ''] = line.lineKey.split('|');
  return type ? `${code}/${type}` : code;
};

/**
 * The cost codes whose rule names an account, not an item: such a line cannot go on a
 * QuickBooks Desktop purchase order. Empty when every line is an item line.
 */
export const accountOnlyCostCodes = (posting: PurchaseOrderPosting): string[] =>
  [...new Set(posting.lines.filter((l) => l.kind === 'account').map(costCodeOf))];

/** What the bookkeeper reads when a PO can't be written: the cost codes and the fix. */
export const itemRuleNeeded = (codes: readonly string[]): string =>
  `QuickBooks Desktop purchase orders take item lines only: cost code${codes.length > 1 ? 's' : ''} ${codes.join(', ')} map${codes.length > 1 ? '' : 's'} to an account. `
  + 'Add a mapping rule that names an item for each (a service or non-inventory item, by FullName or ListID), then retry.';

/**
 * PurchaseOrderLineAdd/Mod in the OSR's order: [TxnLineID], ItemRef, Desc, Quantity, Rate,
 * ClassRef, Amount, CustomerRef (the job).
 */
const lineChildren = (line: ItemPoLine): QbxmlNode[] => [
  ref('ItemRef', line.itemRef), leaf('Desc', clip(line.description, MAX.desc)), leaf('Quantity', '1'), leaf('Rate', formatMoney(line.unitPrice)),
  ref('ClassRef', line.classRef), leaf('Amount', formatMoney(line.amount)), ref('CustomerRef', line.jobRef),
].filter((n): n is QbxmlNode => n !== undefined);

const itemLines = (posting: PurchaseOrderPosting): ItemPoLine[] => posting.lines.filter((l): l is ItemPoLine => l.kind === 'item');

const probeOf = (query: QbxmlNode[]): QbxmlNode => el('PurchaseOrderQueryRq', [...query, leaf('IncludeLineItems', 'true')]);

const numberOf = (posting: PurchaseOrderPosting): string | undefined => (posting.number ? clip(posting.number, PO_NUMBER_MAX) : undefined);

/**
 * A commitment as a purchase order (PurchaseOrderAdd: VendorRef, TxnDate, RefNumber, Memo with
 * the hub's note, marker first, then item lines). Found again by its RefNumber and marker, lines included.
 * Call only when `accountOnlyCostCodes` is empty.
 */
export const purchaseOrderOperation = (posting: PurchaseOrderPosting): QbdWriteOperation => {
  const number = numberOf(posting);
  const write = el('PurchaseOrderAddRq', [el('PurchaseOrderAdd', [
    ref('VendorRef', posting.vendorRef), leaf('TxnDate', posting.txnDate), leaf('RefNumber', number), leaf('Memo', clip(posting.note.text, MAX.memo)),
    ...itemLines(posting).map((l) => el('PurchaseOrderLineAdd', lineChildren(l))),
  ])]);
  const probe = number
    ? probeOf([leaf('RefNumber', number) as QbxmlNode])
    : probeOf([el('TxnDateRangeFilter', [leaf('FromTxnDate', posting.txnDate), leaf('ToTxnDate', posting.txnDate)])]);
  return {
    label: `purchase order ${number ?? `of ${posting.txnDate}`} (${posting.vendorRef.name ?? posting.vendorRef.value})`,
    write, probe, match: { by: 'memo-marker', marker: posting.note.marker }, probeFirst: false,
  };
};

/**
 * A change order reaches the PO as a full update (PurchaseOrderMod at the EditSequence the hub
 * knows): lines keep their TxnLineID (bills billed against them stay linked), new ones are -1,
 * lines left out are removed; IsManuallyClosed false reopens a PO closed when the commitment was voided.
 */
export const purchaseOrderModOperation = (txnId: string, editSequence: string, posting: PurchaseOrderPosting): QbdWriteOperation => {
  const number = numberOf(posting);
  const write = el('PurchaseOrderModRq', [el('PurchaseOrderMod', [
    leaf('TxnID', txnId), leaf(EDIT_SEQUENCE, editSequence), ref('VendorRef', posting.vendorRef), leaf('TxnDate', posting.txnDate),
    leaf('RefNumber', number), leaf('Memo', clip(posting.note.text, MAX.memo)), leaf('IsManuallyClosed', 'false'),
    ...itemLines(posting).map((l) => el('PurchaseOrderLineMod', [leaf('TxnLineID', l.lineId ?? '-1') as QbxmlNode, ...lineChildren(l)])),
  ])]);
  return {
    label: `purchase order ${number ?? txnId} (update)`,
    write, probe: probeOf([leaf('TxnID', txnId) as QbxmlNode]), match: { by: 'memo-marker', marker: posting.note.marker }, probeFirst: false,
  };
};

/**
 * A voided commitment closes its PO (PurchaseOrderMod IsManuallyClosed true): found done when
 * QuickBooks holds it closed; asked first, so one already closed is success and the close goes at the current EditSequence.
 */
export const closePurchaseOrderOperation = (txnId: string, editSequence: string, number: string): QbdWriteOperation => ({
  label: `purchase order ${number || txnId} (close)`,
  write: el('PurchaseOrderModRq', [el('PurchaseOrderMod', [leaf('TxnID', txnId), leaf(EDIT_SEQUENCE, editSequence), leaf('IsManuallyClosed', 'true')])]),
  probe: el('PurchaseOrderQueryRq', [leaf('TxnID', txnId)]), match: { by: 'field', field: 'IsManuallyClosed', value: 'true' }, probeFirst: true,
});

/** The PO's lines as written, by line key, in the order sent (QuickBooks answers them in that order). */
export const poLineIds = (posting: PurchaseOrderPosting, ret: Readonly<Record<string, unknown>>): Array<{ lineKey: string; lineId: string }> => {
  const rets = Array.isArray(ret.PurchaseOrderLineRet) ? (ret.PurchaseOrderLineRet as Array<Record<string, unknown>>) : [];
  return itemLines(posting).flatMap((line, i) => {
    const id = rets[i]?.TxnLineID;
    return typeof id === 'string' && id ? [{ lineKey: line.lineKey, lineId: id }] : [];
  });
};
