import type { ApiError } from '../../../../platform/http/api-result.js';
import type {
  CallContext, LookupResult, OutboundFailure, OutboundHandler, OutboundOutcome, OutboundRequest, OutboundResult, OutboundSuccess,
} from '../../../pipeline/outbound/index.js';
import type { QboObject } from '../../quickbooks-client.js';
import { withClassesPlaced } from '../class-placement.js';
import { callFor, isFailure, recordWrite, targetOf, type QboCall, type QuickBooksOutboundDeps } from '../deps.js';
import { idOf, syncTokenOf } from '../outcomes.js';
import { failureFrom, faultCode, firstFault, permanent } from '../qbo-failure.js';
import { writeProject, type ProjectEntity } from './entities.js';
import { findMarked, type MarkerSearch } from './marker-search.js';
import { isOutboundFailure, projectDocumentStream, projectSyncFailure, type ProjectRequestData } from './request.js';

/** A body, or why it can't be built (a lookup it needs failed). */
export type BodyResult = Record<string, unknown> | OutboundFailure;

/** What differs between creating a PurchaseOrder, an Invoice and a TimeActivity. */
export interface CreateSpec<D extends ProjectRequestData> {
  readonly requestType: string;
  readonly entity: ProjectEntity;
  /** For messages: "purchase order". */
  readonly label: string;
  readonly body: (call: QboCall, data: D) => BodyResult | Promise<BodyResult>;
  readonly search: (data: D) => MarkerSearch;
  readonly outcome: (data: D, object: QboObject) => OutboundOutcome;
}

const created = async <D extends ProjectRequestData>(call: QboCall, spec: CreateSpec<D>, data: D, object: QboObject, status?: number): Promise<OutboundSuccess> => {
  await recordWrite(call, spec.entity, idOf(object), syncTokenOf(object), false, object);
  return { ok: true, outcome: spec.outcome(data, object), ...(status !== undefined ? { status } : {}), response: object };
};

/**
 * 6140: the DocNumber is taken. When this request's own earlier create took it (its answer
 * lost, the requestid forgotten), the create is done; otherwise a person must choose.
 */
const afterDuplicateDocNumber = async <D extends ProjectRequestData>(call: QboCall, spec: CreateSpec<D>, data: D, error: ApiError): Promise<OutboundResult> => {
  const existing = await findMarked(call, spec.search(data));
  if (!existing.ok) return failureFrom(existing.error, 'read');
  if (existing.body) return created(call, spec, data, existing.body);
  return permanent('6140', `the DocNumber is already used by another ${spec.label} in QuickBooks (${firstFault(error)?.detail ?? ''}); `
    + `correct the number in Procore or remove the other ${spec.label}`, error.body);
};

/** A create with the request's requestid: a resent create replays instead of writing twice. */
const executeCreate = async <D extends ProjectRequestData>(
  spec: CreateSpec<D>, deps: QuickBooksOutboundDeps, request: OutboundRequest<D>, context: CallContext,
): Promise<OutboundResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const drafted = await spec.body(call, request.data);
  const body = isOutboundFailure(drafted) ? drafted : await withClassesPlaced(call, spec.entity, drafted);
  if (isOutboundFailure(body)) return body;
  const result = await writeProject(call.client, spec.entity, body, { requestId: call.idempotencyKey });
  if (result.ok) return created(call, spec, request.data, result.body, result.status);
  if (faultCode(result.error) === '6140') return afterDuplicateDocNumber(call, spec, request.data, result.error);
  return failureFrom(result.error, 'write');
};

/** Found by its marker: the create happened (recorded now, in case the lost answer skipped that). */
const findCreated = async <D extends ProjectRequestData>(
  spec: CreateSpec<D>, deps: QuickBooksOutboundDeps, request: OutboundRequest<D>, context: CallContext,
): Promise<LookupResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const found = await findMarked(call, spec.search(request.data));
  if (!found.ok) return failureFrom(found.error, 'read');
  if (!found.body) return { ok: true, outcome: null, status: found.status };
  const success = await created(call, spec, request.data, found.body);
  return { ok: true, outcome: success.outcome, status: found.status };
};

export const createHandler = <D extends ProjectRequestData>(spec: CreateSpec<D>, deps: QuickBooksOutboundDeps): OutboundHandler<D> => ({
  requestType: spec.requestType,
  target: (request) => targetOf(deps, request),
  documentStream: projectDocumentStream,
  execute: (request, context) => executeCreate(spec, deps, request, context),
  findExisting: (request, context) => findCreated(spec, deps, request, context),
  failureOutcome: projectSyncFailure,
});
