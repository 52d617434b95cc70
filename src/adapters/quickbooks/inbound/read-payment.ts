import type { BooksPaymentSnapshot } from '../../../domain/documents/snapshots.js';
import type { ApiResult } from '../../../platform/http/api-result.js';
import type { Normalised } from '../../pipeline/inbound/normalise/normalised.js';
import type { QboObject, QuickBooksClient } from '../quickbooks-client.js';
import { normaliseQboPayment } from './normalise-books.js';

/** The QuickBooks entity behind each payment kind. */
export const QBO_PAYMENT_ENTITY: Readonly<Record<BooksPaymentSnapshot['kind'], string>> = { bill_payment: 'BillPayment', payment: 'Payment' };

export interface ReadPayment {
  readonly normalised: Normalised<BooksPaymentSnapshot>;
  /** The body as QuickBooks answered, which the inbound fetch records beside the snapshot. */
  readonly raw: QboObject;
}

/**
 * One QuickBooks payment read and normalised: the one read path for payments, shared by the
 * inbound fetch (a webhook or CDC notice) and the books port's `readPayment`.
 */
export const readQboPayment = async (client: QuickBooksClient, kind: BooksPaymentSnapshot['kind'], id: string, observedAt: string): Promise<ApiResult<ReadPayment>> => {
  const read = await client.read(QBO_PAYMENT_ENTITY[kind], id);
  if (!read.ok) return read;
  return { ...read, body: { normalised: normaliseQboPayment(read.body, observedAt, kind), raw: read.body } };
};
