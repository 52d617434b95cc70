import type {
  ProcorePaymentDeleted, ProcorePaymentRecorded, ProcorePaymentUpdated,
} from '../../../domain/payments/payment.inputs.js';
import type { RecordProcorePaymentRequested } from '../../../domain/payments/payment.outputs.js';
import { formatMoney, parseMoney, type Cents } from '../../../domain/shared/money.js';
import type { ApiResult } from '../../../platform/http/api-result.js';
import type { OutboundOutcome } from '../../pipeline/outbound/index.js';
import type { Json } from '../procore-client.js';
import type { ProcoreCall } from './deps.js';

type RecordData = RecordProcorePaymentRequested['data'];

export const paymentIdOf = (row: Json): string => (typeof row.id === 'number' || typeof row.id === 'string' ? String(row.id) : '');

/**
 * A new contract payment (facts §5.5). `origin_id` is the hub's key for it: unique per company
 * (facts §4), so a second create answers 409 instead of paying twice. Amounts are decimal strings.
 */
export const recordFields = (data: RecordData): Json => ({
  contract_id: data.contractId,
  ...(data.requisitionId !== null ? { requisition_id: data.requisitionId } : {}),
  amount: formatMoney(data.amount),
  date: data.date,
  ...(data.invoiceNumber !== null ? { invoice_number: data.invoiceNumber } : {}),
  notes: data.notes,
  origin_id: data.originId,
});

/** The change an update makes: the books payment's amount and date. */
export const updateFields = (data: { amount: Cents; date: string }): Json => ({ amount: formatMoney(data.amount), date: data.date });

/** Whether a payment as read holds this amount and date (the update happened). */
export const holds = (row: Json, data: { amount: Cents; date: string }): boolean => {
  try {
    return parseMoney(String(row.amount)) === data.amount && row.date === data.date;
  } catch {
    return false;
  }
};

/**
 * The live payment on the project holding this origin_id. Which list filters an endpoint
 * takes is per endpoint (facts §3), so the match is made here; deleted rows keep their
 * origin_id but are not listed.
 */
export const findByOrigin = async (call: ProcoreCall, projectId: string, originId: string): Promise<ApiResult<Json | undefined>> => {
  const result = await call.client.listContractPayments(projectId);
  if (!result.ok) return result;
  return { ...result, body: result.body.find((row) => row.origin_id !== null && String(row.origin_id) === originId && !row.deleted_at) };
};

export const recordedOutcome = (requestNo: number, contractPaymentId: string): OutboundOutcome =>
  ({ type: 'ProcorePaymentRecorded.v1', data: { requestNo, contractPaymentId } satisfies ProcorePaymentRecorded['data'] });

export const updatedOutcome = (requestNo: number, contractPaymentId: string): OutboundOutcome =>
  ({ type: 'ProcorePaymentUpdated.v1', data: { requestNo, contractPaymentId } satisfies ProcorePaymentUpdated['data'] });

export const deletedOutcome = (requestNo: number, contractPaymentId: string): OutboundOutcome =>
  ({ type: 'ProcorePaymentDeleted.v1', data: { requestNo, contractPaymentId } satisfies ProcorePaymentDeleted['data'] });
