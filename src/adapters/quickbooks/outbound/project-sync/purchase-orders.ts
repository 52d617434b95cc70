import type { PurchaseOrderClosed, PurchaseOrderPosted, PurchaseOrderUpdated } from '../../../../domain/commitments/commitment-po.inputs.js';
import type {
  ClosePurchaseOrderRequested, PostPurchaseOrderRequested, PurchaseOrderDraft, PurchaseOrderLine, UpdatePurchaseOrderRequested,
} from '../../../../domain/commitments/commitment-po.outputs.js';
import type { OutboundHandler } from '../../../pipeline/outbound/index.js';
import type { QboObject } from '../../quickbooks-client.js';
import { lineBody } from '../books-body.js';
import type { QboCall, QuickBooksOutboundDeps } from '../deps.js';
import { idOf, syncTokenOf } from '../outcomes.js';
import { partyFilter } from '../marker-lookup.js';
import { apAccountRef } from './ap-account.js';
import { createHandler, type BodyResult } from './create.js';
import { markedText } from './marker-search.js';
import { replaceHandler } from './replace.js';
import { isOutboundFailure } from './request.js';
import { retireHandler } from './retire.js';
import { refBody, TEXT_MAX } from './sales-body.js';

type PostData = PostPurchaseOrderRequested['data'];
type UpdateData = UpdatePurchaseOrderRequested['data'];
type CloseData = ClosePurchaseOrderRequested['data'];
type LineId = { readonly lineKey: string; readonly lineId: string };

const MEMO_MAX = 4000;

/** A line mapped like a bill's (books-body); one that is on the PO already keeps its Id, so bills linked to it stay linked. */
const poLineBody = (line: PurchaseOrderLine): Record<string, unknown> => ({ ...(line.lineId ? { Id: line.lineId } : {}), ...lineBody(line) });

/** The PurchaseOrder's writable fields (facts §2.3); a full update sends the same with Id + SyncToken. */
export const purchaseOrderBody = async (call: QboCall, draft: PurchaseOrderDraft): Promise<BodyResult> => {
  const apAccount = await apAccountRef(call);
  if (isOutboundFailure(apAccount)) return apAccount;
  return {
    VendorRef: refBody(draft.vendorRef),
    APAccountRef: apAccount,
    TxnDate: draft.txnDate,
    DocNumber: draft.docNumber,
    Memo: draft.memo.slice(0, MEMO_MAX),
    PrivateNote: markedText(draft.privateNote, draft.hubMarker, TEXT_MAX),
    POStatus: draft.poStatus,
    Line: draft.lines.map(poLineBody),
  };
};

const EXPENSE_DETAILS = new Set(['AccountBasedExpenseLineDetail', 'ItemBasedExpenseLineDetail']);

/** Each draft line's Id as written: QuickBooks answers with the lines in the order sent. */
export const lineIdsOf = (lines: readonly PurchaseOrderLine[], object: QboObject): LineId[] => {
  const written = (Array.isArray(object.Line) ? object.Line as Array<Record<string, unknown>> : []).filter((l) => EXPENSE_DETAILS.has(String(l.DetailType)));
  return lines.flatMap((line, i) => {
    const id = written[i]?.Id;
    return typeof id === 'string' ? [{ lineKey: line.lineKey, lineId: id }] : [];
  });
};

const docNumberOf = (object: QboObject, sent: string): string => (typeof object.DocNumber === 'string' ? object.DocNumber : sent);

export const postPurchaseOrderHandler = (deps: QuickBooksOutboundDeps): OutboundHandler<PostData> => createHandler<PostData>({
  requestType: 'PostPurchaseOrderRequested.v1',
  entity: 'PurchaseOrder',
  label: 'purchase order',
  body: purchaseOrderBody,
  search: (data) => ({
    entity: 'PurchaseOrder', field: 'PrivateNote', marker: data.hubMarker, where: partyFilter('VendorRef', data.vendorRef, data.docNumber, data.txnDate),
  }),
  outcome: (data, o) => ({
    type: 'PurchaseOrderPosted.v1',
    data: {
      requestNo: data.requestNo, purchaseOrderId: idOf(o), syncToken: syncTokenOf(o), docNumber: docNumberOf(o, data.docNumber), lineIds: lineIdsOf(data.lines, o),
    } satisfies PurchaseOrderPosted['data'],
  }),
}, deps);

/** UpdatePurchaseOrderRequested.v1: the whole new line set; lines left out are removed. Also reopens a closed PO. */
export const updatePurchaseOrderHandler = (deps: QuickBooksOutboundDeps): OutboundHandler<UpdateData> => replaceHandler<UpdateData>({
  requestType: 'UpdatePurchaseOrderRequested.v1',
  entity: 'PurchaseOrder',
  existing: (data) => ({ id: data.purchaseOrderId, lastKnownSyncToken: data.lastKnownSyncToken }),
  body: purchaseOrderBody,
  marker: (data) => ({ field: 'PrivateNote', value: data.hubMarker }),
  outcome: (data, o) => ({
    type: 'PurchaseOrderUpdated.v1',
    data: { requestNo: data.requestNo, purchaseOrderId: data.purchaseOrderId, syncToken: syncTokenOf(o), lineIds: lineIdsOf(data.lines, o) } satisfies PurchaseOrderUpdated['data'],
  }),
}, deps);

/** ClosePurchaseOrderRequested.v1: a sparse update to POStatus Closed; already closed or gone is the same answer. */
export const closePurchaseOrderHandler = (deps: QuickBooksOutboundDeps): OutboundHandler<CloseData> => retireHandler<CloseData>({
  requestType: 'ClosePurchaseOrderRequested.v1',
  entity: 'PurchaseOrder',
  retirement: 'close',
  existing: (data) => ({ id: data.purchaseOrderId, lastKnownSyncToken: data.lastKnownSyncToken }),
  isRetired: (o) => o.POStatus === 'Closed',
  outcome: (data, purchaseOrderId, syncToken) =>
    ({ type: 'PurchaseOrderClosed.v1', data: { requestNo: data.requestNo, purchaseOrderId, syncToken } satisfies PurchaseOrderClosed['data'] }),
}, deps);
