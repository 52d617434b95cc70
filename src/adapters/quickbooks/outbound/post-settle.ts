import type { PostBillRequested } from '../../../domain/invoice-sync/invoice-sync.outputs.js';
import type { ApiError, ApiResult } from '../../../platform/http/api-result.js';
import type { OutboundResult, OutboundSuccess } from '../../pipeline/outbound/index.js';
import type { QboObject } from '../quickbooks-client.js';
import { recordWrite, type QboCall } from './deps.js';
import { idOf, syncTokenOf, type TxnKind } from './outcomes.js';
import { findMarkedObject, partyFilter } from './marker-lookup.js';
import { failureFrom, faultCode, firstFault, permanent } from './qbo-failure.js';

/** A post of a bill or a vendor credit: the same draft either way. */
export type PostData = PostBillRequested['data'];

/**
 * The document a post of this draft created (oldest first): the vendor's documents with this
 * DocNumber (or, without one, this date), the hub's marker in PrivateNote compared here.
 */
export const findByMarker = (call: QboCall, kind: TxnKind, data: PostData): Promise<ApiResult<QboObject | undefined>> =>
  findMarkedObject(call.client, {
    entity: kind.entity, where: partyFilter('VendorRef', data.vendorRef, data.docNumber, data.txnDate), field: 'PrivateNote', marker: data.hubMarker,
  });

export const posted = async (call: QboCall, kind: TxnKind, data: PostData, object: QboObject, status?: number): Promise<OutboundSuccess> => {
  await recordWrite(call, kind.entity, idOf(object), syncTokenOf(object), false, object);
  return { ok: true, outcome: kind.posted(data.requestNo, object, data.docNumber), ...(status !== undefined ? { status } : {}), response: object };
};

/**
 * 6140: the DocNumber is taken. If this draft's own earlier post took it (its answer lost and
 * the requestid no longer remembered), the post is done; otherwise a person must choose.
 */
const afterDuplicateDocNumber = async (call: QboCall, kind: TxnKind, data: PostData, error: ApiError): Promise<OutboundResult> => {
  const existing = await findByMarker(call, kind, data);
  if (!existing.ok) return failureFrom(existing.error, 'read');
  if (existing.body) return posted(call, kind, data, existing.body);
  const detail = firstFault(error)?.detail ?? '';
  return permanent('6140', `DocNumber "${data.docNumber}" is already used by another ${kind.label} in QuickBooks (${detail}); `
    + `correct the invoice number in Procore or remove the other ${kind.label}`, error.body);
};

/** A create's answer, single or batch item: the outcome, the settled 6140, or the failure to classify. */
export const settlePost = (call: QboCall, kind: TxnKind, data: PostData, result: ApiResult<QboObject>): Promise<OutboundResult> | OutboundResult => {
  if (result.ok) return posted(call, kind, data, result.body, result.status);
  if (faultCode(result.error) === '6140') return afterDuplicateDocNumber(call, kind, data, result.error);
  return failureFrom(result.error, 'write');
};
