import type { BooksWritten } from '../../../domain/books/index.js';
import type { QboObject } from '../quickbooks-client.js';

export const idOf = (object: QboObject): string => String(object.Id ?? '');
export const syncTokenOf = (object: QboObject): string => String(object.SyncToken ?? '');

/** The DocNumber QuickBooks keeps (the one sent unless it numbered the document itself). */
export const numberOf = (object: QboObject, sent: string): string => (typeof object.DocNumber === 'string' ? object.DocNumber : sent);

/** Id and SyncToken (the port's version), and the number where the document has one. */
export const writtenOf = (object: QboObject, sentNumber?: string): BooksWritten => ({
  id: idOf(object), version: syncTokenOf(object), ...(sentNumber !== undefined ? { number: numberOf(object, sentNumber) } : {}),
});
