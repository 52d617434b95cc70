import type { ApiResult } from '../../../../platform/http/api-result.js';
import type { CallContext, LookupResult, OutboundHandler, OutboundOutcome, OutboundRequest, OutboundResult } from '../../../pipeline/outbound/index.js';
import type { QboObject } from '../../quickbooks-client.js';
import { callFor, isFailure, recordWrite, targetOf, type QboCall, type QuickBooksOutboundDeps } from '../deps.js';
import { syncTokenOf } from '../outcomes.js';
import { withCurrentSyncToken } from '../qbo-calls.js';
import { failureFrom } from '../qbo-failure.js';
import { wire, writeProject, type ProjectEntity } from './entities.js';
import type { Existing } from './replace.js';
import { projectDocumentStream, projectSyncFailure, type ProjectRequestData } from './request.js';

/** delete (TimeActivity), void (Invoice: kept at zero), close (PurchaseOrder: POStatus Closed). */
export type Retirement = 'delete' | 'void' | 'close';

export interface RetireSpec<D extends ProjectRequestData> {
  readonly requestType: string;
  readonly entity: ProjectEntity;
  readonly retirement: Retirement;
  readonly existing: (data: D) => Existing;
  /** Whether the object as read is retired already (closed, voided); a deleted one reads as 610. */
  readonly isRetired: (object: QboObject) => boolean;
  /** `syncToken`: the retired version's, or the last known when it was gone. */
  readonly outcome: (data: D, id: string, syncToken: string) => OutboundOutcome;
}

type RetireWrite = Pick<RetireSpec<ProjectRequestData>, 'entity' | 'retirement'>;

const retireWrite = (call: QboCall, { entity, retirement }: RetireWrite, id: string, syncToken: string, requestId: string): Promise<ApiResult<QboObject>> => {
  const base = { Id: id, SyncToken: syncToken };
  switch (retirement) {
    case 'delete': return writeProject(call.client, entity, base, { requestId, operation: 'delete' });
    case 'void': return writeProject(call.client, entity, base, { requestId, operation: 'void' });
    case 'close': return writeProject(call.client, entity, { ...base, sparse: true, POStatus: 'Closed' }, { requestId });
  }
};

/**
 * One write with Id + SyncToken (re-read on 5010). 610 means it is gone: nothing is left to
 * retire, which is success; that case is not the hub's write, so it is not recorded as one.
 */
const executeRetire = async <D extends ProjectRequestData>(
  spec: RetireSpec<D>, deps: QuickBooksOutboundDeps, request: OutboundRequest<D>, context: CallContext,
): Promise<OutboundResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const { id, lastKnownSyncToken } = spec.existing(request.data);
  const result = await withCurrentSyncToken(call, wire(spec.entity), id, lastKnownSyncToken,
    (syncToken, requestId) => retireWrite(call, spec, id, syncToken, requestId));
  if (!result.ok) {
    if (result.error.kind !== 'not_found') return failureFrom(result.error, 'write');
    return { ok: true, outcome: spec.outcome(request.data, id, lastKnownSyncToken), status: result.error.status ?? 400, response: result.error.body };
  }
  // A deleted stub carries no SyncToken: the last one known names the version removed.
  const syncToken = syncTokenOf(result.body) || lastKnownSyncToken;
  await recordWrite(call, spec.entity, id, syncToken, spec.retirement === 'delete', result.body);
  return { ok: true, outcome: spec.outcome(request.data, id, syncToken), status: result.status, response: result.body };
};

/**
 * Asked when the hub's own write may have gone through unseen: retired as read (or, for a
 * delete, gone) is recorded as that write; otherwise it did not happen.
 */
const findRetired = async <D extends ProjectRequestData>(
  spec: RetireSpec<D>, deps: QuickBooksOutboundDeps, request: OutboundRequest<D>, context: CallContext,
): Promise<LookupResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const { id, lastKnownSyncToken } = spec.existing(request.data);
  const current = await call.client.read(spec.entity, id);
  if (!current.ok) {
    if (current.error.kind !== 'not_found') return failureFrom(current.error, 'read');
    if (spec.retirement === 'delete') await recordWrite(call, spec.entity, id, lastKnownSyncToken, true);
    return { ok: true, outcome: spec.outcome(request.data, id, lastKnownSyncToken) };
  }
  if (!spec.isRetired(current.body)) return { ok: true, outcome: null, status: current.status };
  const syncToken = syncTokenOf(current.body);
  await recordWrite(call, spec.entity, id, syncToken, false, current.body);
  return { ok: true, outcome: spec.outcome(request.data, id, syncToken), status: current.status };
};

export const retireHandler = <D extends ProjectRequestData>(spec: RetireSpec<D>, deps: QuickBooksOutboundDeps): OutboundHandler<D> => ({
  requestType: spec.requestType,
  target: (request) => targetOf(deps, request),
  documentStream: projectDocumentStream,
  execute: (request, context) => executeRetire(spec, deps, request, context),
  findExisting: (request, context) => findRetired(spec, deps, request, context),
  failureOutcome: projectSyncFailure,
});
