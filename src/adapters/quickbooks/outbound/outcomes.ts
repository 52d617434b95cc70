import type {
  BillDeleted, BillPosted, BillUpdated, PostingDeadLettered, PostingFailed, VendorCreditDeleted, VendorCreditPosted, VendorCreditUpdated,
} from '../../../domain/invoice-sync/invoice-sync.inputs.js';
import type { FinalFailure, OutboundFailure, OutboundOutcome, OutboundRequest } from '../../pipeline/outbound/index.js';
import type { QboObject } from '../quickbooks-client.js';
import type { InvoiceRequestData } from './deps.js';

/** What differs between a bill and a vendor credit: the entity and the outcome events. */
export interface TxnKind {
  readonly entity: 'Bill' | 'VendorCredit';
  /** For messages: "bill", "vendor credit". */
  readonly label: string;
  posted(requestNo: number, object: QboObject, docNumber: string): OutboundOutcome;
  updated(requestNo: number, object: QboObject): OutboundOutcome;
  deleted(requestNo: number, id: string): OutboundOutcome;
}

export const idOf = (object: QboObject): string => String(object.Id ?? '');
export const syncTokenOf = (object: QboObject): string => String(object.SyncToken ?? '');
const docNumberOf = (object: QboObject, sent: string): string => (typeof object.DocNumber === 'string' ? object.DocNumber : sent);

export const BILL: TxnKind = {
  entity: 'Bill',
  label: 'bill',
  posted: (requestNo, o, docNumber) =>
    ({ type: 'BillPosted.v1', data: { requestNo, billId: idOf(o), syncToken: syncTokenOf(o), docNumber: docNumberOf(o, docNumber) } satisfies BillPosted['data'] }),
  updated: (requestNo, o) => ({ type: 'BillUpdated.v1', data: { requestNo, billId: idOf(o), syncToken: syncTokenOf(o) } satisfies BillUpdated['data'] }),
  deleted: (requestNo, billId) => ({ type: 'BillDeleted.v1', data: { requestNo, billId } satisfies BillDeleted['data'] }),
};

export const VENDOR_CREDIT: TxnKind = {
  entity: 'VendorCredit',
  label: 'vendor credit',
  posted: (requestNo, o, docNumber) => ({
    type: 'VendorCreditPosted.v1',
    data: { requestNo, vendorCreditId: idOf(o), syncToken: syncTokenOf(o), docNumber: docNumberOf(o, docNumber) } satisfies VendorCreditPosted['data'],
  }),
  updated: (requestNo, o) =>
    ({ type: 'VendorCreditUpdated.v1', data: { requestNo, vendorCreditId: idOf(o), syncToken: syncTokenOf(o) } satisfies VendorCreditUpdated['data'] }),
  deleted: (requestNo, vendorCreditId) => ({ type: 'VendorCreditDeleted.v1', data: { requestNo, vendorCreditId } satisfies VendorCreditDeleted['data'] }),
};

/**
 * The saga's answer when a request fails for good: dead-lettered (the budget ran out; an
 * operator may retry it) or refused by QuickBooks, which parks the invoice (`retryable: false`).
 */
export const invoiceSyncFailure = (request: OutboundRequest<InvoiceRequestData>, failure: OutboundFailure, final: FinalFailure): OutboundOutcome => {
  const requestNo = request.data.requestNo;
  const code = failure.code ?? null;
  if (final.deadLettered) {
    return { type: 'PostingDeadLettered.v1', data: { requestNo, reason: failure.message, code, attempts: final.attempts } satisfies PostingDeadLettered['data'] };
  }
  return { type: 'PostingFailed.v1', data: { requestNo, retryable: false, reason: failure.message, code, attempt: final.attempts } satisfies PostingFailed['data'] };
};
