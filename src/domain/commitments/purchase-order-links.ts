import { costKey } from '../budget/cost-ledger.js';
import type { PurchaseOrderLineLink, PurchaseOrderSynced } from './commitment-po.outputs.js';
import type { CommitmentPoState } from './commitment-po.state.js';

/** A commitment's open PurchaseOrder and where each cost code's line is on it. */
export interface PurchaseOrderLinks {
  readonly purchaseOrderId: string;
  readonly lines: readonly PurchaseOrderLineLink[];
}

/** What a bill line on the commitment links to (QBO Line.LinkedTxn). */
export interface LinkedTxnSuggestion {
  readonly txnId: string;
  readonly txnType: 'PurchaseOrder';
  readonly txnLineId: string;
}

/** From the commitment saga's state: null while there is no PO, or once it is closed (a voided commitment). */
export const purchaseOrderLinksOf = (s: CommitmentPoState): PurchaseOrderLinks | null =>
  s.status !== 'Tracking' || s.purchaseOrder === null || s.purchaseOrder.closed
    ? null
    : { purchaseOrderId: s.purchaseOrder.purchaseOrderId, lines: s.purchaseOrder.lines };

/** From the latest PurchaseOrderSynced.v1 of the commitment, for a runner that keeps a link table instead. */
export const purchaseOrderLinksFrom = (e: PurchaseOrderSynced): PurchaseOrderLinks => ({ purchaseOrderId: e.data.purchaseOrderId, lines: e.data.lines });

/**
 * The PO line a bill line on this cost code and type should link to, or null (no PO, or the
 * code is not on it). The PO has one line per cost code and type, so the match is exact.
 */
export const linkedTxnFor = (links: PurchaseOrderLinks | null, costCode: string, costType: string | null): LinkedTxnSuggestion | null => {
  const key = costKey(costCode, costType);
  const line = links?.lines.find((l) => l.lineKey === key);
  return links && line ? { txnId: links.purchaseOrderId, txnType: 'PurchaseOrder', txnLineId: line.lineId } : null;
};
