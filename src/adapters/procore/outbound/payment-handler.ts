import type { CallContext, LookupResult, OutboundHandler, OutboundRequest, OutboundResult } from '../../pipeline/outbound/index.js';
import { projectDocumentStream, projectSyncFailure, type ProjectRequestData } from '../../pipeline/books-outbound/failure-outcomes.js';
import { targetOf, type ProcoreWriteBackDeps } from './deps.js';

type Step<D, R> = (deps: ProcoreWriteBackDeps, request: OutboundRequest<D>, context: CallContext) => Promise<R>;

/**
 * A contract-payment handler: Procore as the target, the payment's document for alert links,
 * the project sagas' failure outcome. Only the call and its lookup differ per request type.
 */
export const paymentHandler = <D extends ProjectRequestData>(
  deps: ProcoreWriteBackDeps, requestType: string, execute: Step<D, OutboundResult>, findExisting: Step<D, LookupResult>,
): OutboundHandler<D> => ({
  requestType,
  target: (request) => targetOf(deps, request),
  documentStream: projectDocumentStream,
  execute: (request, context) => execute(deps, request, context),
  findExisting: (request, context) => findExisting(deps, request, context),
  failureOutcome: projectSyncFailure,
});
