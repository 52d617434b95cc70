import type { UpdateBillRequested, UpdateVendorCreditRequested } from '../../../domain/invoice-sync/invoice-sync.outputs.js';
import type { CallContext, LookupResult, OutboundHandler, OutboundRequest, OutboundResult } from '../../pipeline/outbound/index.js';
import { draftBody, isMarkedBy } from './books-body.js';
import { withClassesPlaced } from './class-placement.js';
import { callFor, documentStreamOf, isFailure, recordWrite, targetOf, type QuickBooksOutboundDeps } from './deps.js';
import { invoiceSyncFailure, syncTokenOf, type TxnKind } from './outcomes.js';
import { withCurrentSyncToken, writeEntity } from './qbo-calls.js';
import { failureFrom } from './qbo-failure.js';
import { isOutboundFailure } from './project-sync/request.js';

export type UpdateData = UpdateBillRequested['data'] | UpdateVendorCreditRequested['data'];

/** The books id the request changes: `billId` or `vendorCreditId`. */
export const changedId = (data: { billId: string } | { vendorCreditId: string }): string => ('billId' in data ? data.billId : data.vendorCreditId);

/**
 * A full update (facts §7): every writable field from the draft, the lines replacing all the
 * old ones, starting from the SyncToken the saga last knew and re-reading on 5010 (a payment
 * or a hand edit bumped it since).
 */
const executeUpdate = async (kind: TxnKind, deps: QuickBooksOutboundDeps, request: OutboundRequest<UpdateData>, context: CallContext): Promise<OutboundResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const id = changedId(request.data);
  const body = await withClassesPlaced(call, kind.entity, draftBody(kind.entity, request.data));
  if (isOutboundFailure(body)) return body;
  const result = await withCurrentSyncToken(call, kind.entity, id, request.data.lastKnownSyncToken,
    (syncToken, requestId) => writeEntity(call.client, kind.entity, { ...body, Id: id, SyncToken: syncToken }, { requestId }));
  if (!result.ok) return failureFrom(result.error, 'write');
  await recordWrite(call, kind.entity, id, syncTokenOf(result.body), false, result.body);
  return { ok: true, outcome: kind.updated(request.data.requestNo, result.body), status: result.status, response: result.body };
};

/** The update happened when the document's note carries this version's marker (the draft's note replaced the old one). */
const findUpdated = async (kind: TxnKind, deps: QuickBooksOutboundDeps, request: OutboundRequest<UpdateData>, context: CallContext): Promise<LookupResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const id = changedId(request.data);
  const current = await call.client.read(kind.entity, id);
  if (!current.ok) return current.error.kind === 'not_found' ? { ok: true, outcome: null } : failureFrom(current.error, 'read');
  if (!isMarkedBy(current.body.PrivateNote, request.data.hubMarker)) return { ok: true, outcome: null, status: current.status };
  await recordWrite(call, kind.entity, id, syncTokenOf(current.body));
  return { ok: true, outcome: kind.updated(request.data.requestNo, current.body), status: current.status };
};

/** UpdateBillRequested.v1 / UpdateVendorCreditRequested.v1. */
export const updateHandler = (kind: TxnKind, requestType: string, deps: QuickBooksOutboundDeps): OutboundHandler<UpdateData> => ({
  requestType,
  target: (request) => targetOf(deps, request),
  documentStream: documentStreamOf,
  execute: (request, context) => executeUpdate(kind, deps, request, context),
  findExisting: (request, context) => findUpdated(kind, deps, request, context),
  failureOutcome: invoiceSyncFailure,
});
