import type { CallContext, LookupResult, OutboundHandler, OutboundOutcome, OutboundRequest, OutboundResult } from '../../../pipeline/outbound/index.js';
import type { QboObject } from '../../quickbooks-client.js';
import { isMarkedBy } from '../books-body.js';
import { withClassesPlaced } from '../class-placement.js';
import { callFor, isFailure, recordWrite, targetOf, type QboCall, type QuickBooksOutboundDeps } from '../deps.js';
import { syncTokenOf } from '../outcomes.js';
import { withCurrentSyncToken } from '../qbo-calls.js';
import { failureFrom } from '../qbo-failure.js';
import type { BodyResult } from './create.js';
import { wire, writeProject, type ProjectEntity } from './entities.js';
import { isOutboundFailure, projectDocumentStream, projectSyncFailure, type ProjectRequestData } from './request.js';

/** The document a full update replaces: its id and the SyncToken the saga last knew. */
export interface Existing {
  readonly id: string;
  readonly lastKnownSyncToken: string;
}

/** What differs between updating a PurchaseOrder, an Invoice and a TimeActivity. */
export interface ReplaceSpec<D extends ProjectRequestData> {
  readonly requestType: string;
  readonly entity: ProjectEntity;
  readonly existing: (data: D) => Existing;
  readonly body: (call: QboCall, data: D) => BodyResult | Promise<BodyResult>;
  /** Where the version's marker lands (PrivateNote or Description) and the marker itself. */
  readonly marker: (data: D) => { readonly field: 'PrivateNote' | 'Description'; readonly value: string };
  readonly outcome: (data: D, object: QboObject) => OutboundOutcome;
}

/**
 * A full update (facts §7): every writable field, the lines replacing the old ones (a line
 * sent with its Id keeps it), from the SyncToken the saga last knew, re-reading on 5010.
 */
const executeReplace = async <D extends ProjectRequestData>(
  spec: ReplaceSpec<D>, deps: QuickBooksOutboundDeps, request: OutboundRequest<D>, context: CallContext,
): Promise<OutboundResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const drafted = await spec.body(call, request.data);
  const body = isOutboundFailure(drafted) ? drafted : await withClassesPlaced(call, spec.entity, drafted);
  if (isOutboundFailure(body)) return body;
  const { id, lastKnownSyncToken } = spec.existing(request.data);
  const result = await withCurrentSyncToken(call, wire(spec.entity), id, lastKnownSyncToken,
    (syncToken, requestId) => writeProject(call.client, spec.entity, { ...body, Id: id, SyncToken: syncToken }, { requestId }));
  if (!result.ok) return failureFrom(result.error, 'write');
  await recordWrite(call, spec.entity, id, syncTokenOf(result.body), false, result.body);
  return { ok: true, outcome: spec.outcome(request.data, result.body), status: result.status, response: result.body };
};

/** The update happened when the document carries this version's marker (the body's text replaced the old). */
const findReplaced = async <D extends ProjectRequestData>(
  spec: ReplaceSpec<D>, deps: QuickBooksOutboundDeps, request: OutboundRequest<D>, context: CallContext,
): Promise<LookupResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const { id } = spec.existing(request.data);
  const current = await call.client.read(spec.entity, id);
  if (!current.ok) return current.error.kind === 'not_found' ? { ok: true, outcome: null } : failureFrom(current.error, 'read');
  const marker = spec.marker(request.data);
  if (!isMarkedBy(current.body[marker.field], marker.value)) return { ok: true, outcome: null, status: current.status };
  await recordWrite(call, spec.entity, id, syncTokenOf(current.body), false, current.body);
  return { ok: true, outcome: spec.outcome(request.data, current.body), status: current.status };
};

export const replaceHandler = <D extends ProjectRequestData>(spec: ReplaceSpec<D>, deps: QuickBooksOutboundDeps): OutboundHandler<D> => ({
  requestType: spec.requestType,
  target: (request) => targetOf(deps, request),
  documentStream: projectDocumentStream,
  execute: (request, context) => executeReplace(spec, deps, request, context),
  findExisting: (request, context) => findReplaced(spec, deps, request, context),
  failureOutcome: projectSyncFailure,
});
