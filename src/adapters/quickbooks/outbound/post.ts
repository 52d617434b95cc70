import type { CallContext, LookupResult, OutboundHandler, OutboundRequest, OutboundResult } from '../../pipeline/outbound/index.js';
import { draftBody } from './books-body.js';
import { withClassesPlaced } from './class-placement.js';
import { callFor, documentStreamOf, isFailure, targetOf, type QuickBooksOutboundDeps } from './deps.js';
import { invoiceSyncFailure, type TxnKind } from './outcomes.js';
import { executePostBatch } from './post-batch.js';
import { findByMarker, posted, settlePost, type PostData } from './post-settle.js';
import { writeEntity } from './qbo-calls.js';
import { failureFrom } from './qbo-failure.js';
import { isOutboundFailure } from './project-sync/request.js';

const executePost = async (kind: TxnKind, deps: QuickBooksOutboundDeps, request: OutboundRequest<PostData>, context: CallContext): Promise<OutboundResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const body = await withClassesPlaced(call, kind.entity, draftBody(kind.entity, request.data));
  if (isOutboundFailure(body)) return body;
  const result = await writeEntity(call.client, kind.entity, body, { requestId: call.idempotencyKey });
  return settlePost(call, kind, request.data, result);
};

/** Found: the post happened (its write is recorded now, in case the lost answer skipped that). */
const findPosted = async (kind: TxnKind, deps: QuickBooksOutboundDeps, request: OutboundRequest<PostData>, context: CallContext): Promise<LookupResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const found = await findByMarker(call, kind, request.data);
  if (!found.ok) return failureFrom(found.error, 'read');
  if (!found.body) return { ok: true, outcome: null, status: found.status };
  const success = await posted(call, kind, request.data, found.body);
  return { ok: true, outcome: success.outcome, status: found.status };
};

/** PostBillRequested.v1 / PostVendorCreditRequested.v1: create with requestid, batchable. */
export const postHandler = (kind: TxnKind, requestType: string, deps: QuickBooksOutboundDeps): OutboundHandler<PostData> => ({
  requestType,
  target: (request) => targetOf(deps, request),
  documentStream: documentStreamOf,
  execute: (request, context) => executePost(kind, deps, request, context),
  findExisting: (request, context) => findPosted(kind, deps, request, context),
  batchable: true,
  executeBatch: (requests, context) => executePostBatch(kind, deps, requests, context),
  failureOutcome: invoiceSyncFailure,
});
