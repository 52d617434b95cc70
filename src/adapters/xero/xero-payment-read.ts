import type { BooksPaymentSnapshot } from '../../domain/documents/snapshots.js';
import type { ApiResult } from '../../platform/http/api-result.js';
import { isInvoicePayment, normaliseXeroPayment } from './inbound/normalise-xero.js';
import type { XeroClient } from './xero-client.js';

/**
 * The books port's readPayment for Xero: one payment as the hub records it (the inbound
 * poll's shape), or null when Xero has none of that kind by that id. Bill payments and
 * payments received share Xero's Payments id space, so a payment of the other kind, or one
 * on a credit note, prepayment or overpayment, is null too. Failures stay ApiResult errors
 * for the port to map into its BooksFailure.
 */
export const readXeroPayment = async (
  client: XeroClient, kind: BooksPaymentSnapshot['kind'], id: string, observedAt: string,
): Promise<ApiResult<BooksPaymentSnapshot | null>> => {
  const read = await client.read('Payments', id);
  if (!read.ok) return read.error.kind === 'not_found' ? { ok: true, status: read.error.status ?? 404, body: null, headers: new Headers() } : read;
  if (!isInvoicePayment(read.body)) return { ...read, body: null };
  const { snapshot } = normaliseXeroPayment(read.body, observedAt);
  return { ...read, body: snapshot.kind === kind ? snapshot : null };
};
