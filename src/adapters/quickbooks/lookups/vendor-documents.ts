import type { VendorDocumentHeld, VendorDocumentQuery } from '../../../domain/books/index.js';
import type { QboObject, QuickBooksClient } from '../quickbooks-client.js';
import { centsFromWire } from '../outbound/books-body.js';
import { queryBooks } from './books-query.js';

const refValue = (ref: unknown): string | undefined => {
  const value = (ref as { value?: unknown } | null | undefined)?.value;
  return typeof value === 'string' ? value : undefined;
};

const heldAs = (kind: VendorDocumentHeld['kind'], vendorIds: ReadonlySet<string>) => (doc: QboObject): VendorDocumentHeld[] => {
  const total = centsFromWire(doc.TotalAmt);
  const vendor = refValue(doc.VendorRef);
  if (total === undefined || vendor === undefined || !vendorIds.has(vendor)) return [];
  return [{ kind, id: String(doc.Id), version: String(doc.SyncToken ?? ''), number: String(doc.DocNumber ?? ''), total: Math.abs(total) as VendorDocumentHeld['total'] }];
};

/**
 * The Bills and VendorCredits numbered `number` of the vendor named `vendorName` (DisplayName,
 * also as the hub writes names: ":" is the Customer:Job separator). Three queries: the vendor,
 * then each entity by DocNumber, kept when its VendorRef is that vendor.
 */
export const findVendorDocuments = async (client: QuickBooksClient, query: VendorDocumentQuery): Promise<VendorDocumentHeld[]> => {
  const names = [...new Set([query.vendorName.trim(), query.vendorName.trim().replaceAll(':', '-')])];
  const vendors = await queryBooks(client, 'Vendor', 'DisplayName', names);
  if (vendors.length === 0) return [];
  const ids = new Set(vendors.map((v) => String(v.Id)));
  const bills = await queryBooks(client, 'Bill', 'DocNumber', [query.number]);
  const credits = await queryBooks(client, 'VendorCredit', 'DocNumber', [query.number]);
  return [...bills.flatMap(heldAs('bill', ids)), ...credits.flatMap(heldAs('vendor-credit', ids))];
};
