import type { DeleteBillRequested, DeleteVendorCreditRequested } from '../../../domain/invoice-sync/invoice-sync.outputs.js';
import type { CallContext, LookupResult, OutboundHandler, OutboundRequest, OutboundResult } from '../../pipeline/outbound/index.js';
import { callFor, documentStreamOf, isFailure, recordWrite, targetOf, type QuickBooksOutboundDeps } from './deps.js';
import { invoiceSyncFailure, syncTokenOf, type TxnKind } from './outcomes.js';
import { withCurrentSyncToken, writeEntity } from './qbo-calls.js';
import { failureFrom } from './qbo-failure.js';
import { changedId } from './update.js';

export type DeleteData = DeleteBillRequested['data'] | DeleteVendorCreditRequested['data'];

/**
 * `operation=delete` with Id + SyncToken (re-read on 5010). 610 means nothing is left to
 * delete, which is what was asked: success. That case is not recorded as the hub's write —
 * somebody else deleted it, and inbound should hear of it as such.
 */
const executeDelete = async (kind: TxnKind, deps: QuickBooksOutboundDeps, request: OutboundRequest<DeleteData>, context: CallContext): Promise<OutboundResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const id = changedId(request.data);
  const result = await withCurrentSyncToken(call, kind.entity, id, request.data.lastKnownSyncToken,
    (syncToken, requestId) => writeEntity(call.client, kind.entity, { Id: id, SyncToken: syncToken }, { requestId, operation: 'delete' }));
  const outcome = kind.deleted(request.data.requestNo, id);
  if (!result.ok) {
    return result.error.kind === 'not_found' ? { ok: true, outcome, status: result.error.status ?? 400, response: result.error.body } : failureFrom(result.error, 'write');
  }
  // The deleted stub carries no SyncToken: the last one the saga knew identifies the version removed.
  await recordWrite(call, kind.entity, id, syncTokenOf(result.body) || request.data.lastKnownSyncToken, true);
  return { ok: true, outcome, status: result.status, response: result.body };
};

/**
 * Gone (610) means deleted; still there means the delete did not happen. Asked only when the
 * hub's own delete may have gone through unseen, so the gone object is recorded as its delete.
 */
const findDeleted = async (kind: TxnKind, deps: QuickBooksOutboundDeps, request: OutboundRequest<DeleteData>, context: CallContext): Promise<LookupResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const id = changedId(request.data);
  const current = await call.client.read(kind.entity, id);
  if (current.ok) return { ok: true, outcome: null, status: current.status };
  if (current.error.kind !== 'not_found') return failureFrom(current.error, 'read');
  await recordWrite(call, kind.entity, id, request.data.lastKnownSyncToken, true);
  return { ok: true, outcome: kind.deleted(request.data.requestNo, id) };
};

/** DeleteBillRequested.v1 / DeleteVendorCreditRequested.v1. */
export const deleteHandler = (kind: TxnKind, requestType: string, deps: QuickBooksOutboundDeps): OutboundHandler<DeleteData> => ({
  requestType,
  target: (request) => targetOf(deps, request),
  documentStream: documentStreamOf,
  execute: (request, context) => executeDelete(kind, deps, request, context),
  findExisting: (request, context) => findDeleted(kind, deps, request, context),
  failureOutcome: invoiceSyncFailure,
});
