import type { DeleteProcorePaymentRequested, UpdateProcorePaymentRequested } from '../../../domain/payments/payment.outputs.js';
import type { CallContext, LookupResult, OutboundHandler, OutboundRequest, OutboundResult } from '../../pipeline/outbound/index.js';
import { callFor, isFailure, recordPaymentWrite, type ProcoreCall, type ProcoreWriteBackDeps } from './deps.js';
import { paymentHandler } from './payment-handler.js';
import { deletedOutcome, holds, updateFields, updatedOutcome } from './payment-calls.js';
import { procoreFailure } from './procore-failure.js';

type UpdateData = UpdateProcorePaymentRequested['data'];
type DeleteData = DeleteProcorePaymentRequested['data'];

/** PATCH in place, never a second payment. Gone from Procore (404) is permanent: there is nothing to change. */
const executeUpdate = async (deps: ProcoreWriteBackDeps, request: OutboundRequest<UpdateData>, context: CallContext): Promise<OutboundResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const { projectId, contractPaymentId, requestNo } = request.data;
  const result = await call.client.updateContractPayment(projectId, contractPaymentId, updateFields(request.data));
  if (!result.ok) return procoreFailure(result.error, 'write');
  await recordPaymentWrite(call, contractPaymentId, result.body.updated_at);
  return { ok: true, outcome: updatedOutcome(requestNo, contractPaymentId), status: result.status, response: result.body };
};

/** The update happened when the payment holds the new amount and date. */
const findUpdated = async (deps: ProcoreWriteBackDeps, request: OutboundRequest<UpdateData>, context: CallContext): Promise<LookupResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const { projectId, contractPaymentId, requestNo } = request.data;
  const current = await call.client.getContractPayment(projectId, contractPaymentId);
  if (!current.ok) return current.error.kind === 'not_found' ? { ok: true, outcome: null } : procoreFailure(current.error, 'read');
  if (!holds(current.body, request.data)) return { ok: true, outcome: null, status: current.status };
  await recordPaymentWrite(call, contractPaymentId, current.body.updated_at);
  return { ok: true, outcome: updatedOutcome(requestNo, contractPaymentId), status: current.status };
};

/**
 * A 404 to DELETE means "already gone" only if the payment does not read back either: a
 * 404 from a path or version the API does not serve must not pass for a delete.
 */
const afterNotFound = async (call: ProcoreCall, data: DeleteData): Promise<OutboundResult> => {
  const current = await call.client.getContractPayment(data.projectId, data.contractPaymentId);
  if (current.ok) {
    return { ok: false, kind: 'permanent', code: 'DELETE_REFUSED', status: 404, response: current.body,
      message: `Procore answered 404 to deleting contract payment ${data.contractPaymentId}, which is still there: delete it in Procore` };
  }
  if (current.error.kind !== 'not_found') return procoreFailure(current.error, 'read');
  return { ok: true, outcome: deletedOutcome(data.requestNo, data.contractPaymentId), status: 404 };
};

const executeDelete = async (deps: ProcoreWriteBackDeps, request: OutboundRequest<DeleteData>, context: CallContext): Promise<OutboundResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const { projectId, contractPaymentId, requestNo } = request.data;
  const result = await call.client.deleteContractPayment(projectId, contractPaymentId);
  if (!result.ok) return result.error.kind === 'not_found' ? afterNotFound(call, request.data) : procoreFailure(result.error, 'write');
  await recordPaymentWrite(call, contractPaymentId, null, true);
  return { ok: true, outcome: deletedOutcome(requestNo, contractPaymentId), status: result.status };
};

/** Gone means deleted (asked only when the hub's own delete may have gone through unseen); still there, not. */
const findDeleted = async (deps: ProcoreWriteBackDeps, request: OutboundRequest<DeleteData>, context: CallContext): Promise<LookupResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const { projectId, contractPaymentId, requestNo } = request.data;
  const current = await call.client.getContractPayment(projectId, contractPaymentId);
  if (current.ok) return { ok: true, outcome: null, status: current.status };
  if (current.error.kind !== 'not_found') return procoreFailure(current.error, 'read');
  await recordPaymentWrite(call, contractPaymentId, null, true);
  return { ok: true, outcome: deletedOutcome(requestNo, contractPaymentId) };
};

export const updatePaymentHandler = (deps: ProcoreWriteBackDeps): OutboundHandler<UpdateData> =>
  paymentHandler(deps, 'UpdateProcorePaymentRequested.v1', executeUpdate, findUpdated);

export const deletePaymentHandler = (deps: ProcoreWriteBackDeps): OutboundHandler<DeleteData> =>
  paymentHandler(deps, 'DeleteProcorePaymentRequested.v1', executeDelete, findDeleted);
