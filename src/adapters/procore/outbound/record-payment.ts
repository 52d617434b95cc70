import type { RecordProcorePaymentRequested } from '../../../domain/payments/payment.outputs.js';
import type { ApiError } from '../../../platform/http/api-result.js';
import type { CallContext, LookupResult, OutboundHandler, OutboundRequest, OutboundResult } from '../../pipeline/outbound/index.js';
import type { Json } from '../procore-client.js';
import { callFor, isFailure, recordPaymentWrite, type ProcoreCall, type ProcoreWriteBackDeps } from './deps.js';
import { paymentHandler } from './payment-handler.js';
import { findByOrigin, paymentIdOf, recordedOutcome, recordFields } from './payment-calls.js';
import { procoreFailure } from './procore-failure.js';

type RecordData = RecordProcorePaymentRequested['data'];

const recorded = async (call: ProcoreCall, data: RecordData, row: Json, status?: number): Promise<OutboundResult> => {
  const id = paymentIdOf(row);
  // A 2xx without the payment: it was probably written; the dispatcher looks it up by origin_id.
  if (!id) return { ok: false, kind: 'ambiguous', message: 'Procore answered without a contract payment id', response: row };
  await recordPaymentWrite(call, id, row.updated_at);
  return { ok: true, outcome: recordedOutcome(data.requestNo, id), ...(status !== undefined ? { status } : {}), response: row };
};

/**
 * 409: the origin_id is taken. The live payment holding it is this request's own earlier
 * create (its answer lost): recorded. None live means a deleted payment still holds it
 * (Procore keeps deleted rows' origin_ids): a person must decide.
 */
const afterConflict = async (call: ProcoreCall, data: RecordData, error: ApiError): Promise<OutboundResult> => {
  const found = await findByOrigin(call, data.projectId, data.originId);
  if (!found.ok) return procoreFailure(found.error, 'read');
  if (found.body) return recorded(call, data, found.body);
  return { ...procoreFailure(error, 'write'), message: `origin_id "${data.originId}" is taken in Procore by a payment that is deleted or on another project; `
    + 'clear its origin_id in Procore, or record this payment by hand' };
};

const executeRecord = async (deps: ProcoreWriteBackDeps, request: OutboundRequest<RecordData>, context: CallContext): Promise<OutboundResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const result = await call.client.createContractPayment(request.data.projectId, recordFields(request.data));
  if (result.ok) return recorded(call, request.data, result.body, result.status);
  if (result.error.status === 409) return afterConflict(call, request.data, result.error);
  return procoreFailure(result.error, 'write');
};

const findRecorded = async (deps: ProcoreWriteBackDeps, request: OutboundRequest<RecordData>, context: CallContext): Promise<LookupResult> => {
  const call = callFor(deps, request, context);
  if (isFailure(call)) return call;
  const found = await findByOrigin(call, request.data.projectId, request.data.originId);
  if (!found.ok) return procoreFailure(found.error, 'read');
  if (!found.body) return { ok: true, outcome: null, status: found.status };
  const result = await recorded(call, request.data, found.body);
  return result.ok ? { ok: true, outcome: result.outcome, status: found.status } : result;
};

/**
 * RecordProcorePaymentRequested.v1: a contract payment on the subcontractor invoice (or the
 * prime contract) a books payment pays. Procore has no requestid; origin_id is the idempotency key.
 */
export const recordPaymentHandler = (deps: ProcoreWriteBackDeps): OutboundHandler<RecordData> =>
  paymentHandler(deps, 'RecordProcorePaymentRequested.v1', executeRecord, findRecorded);
