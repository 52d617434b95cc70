import { BooksLookupUnavailableError, type VendorDocumentHeld, type VendorDocumentQuery } from '../../../domain/books/index.js';
import { parseMoney } from '../../../domain/shared/money.js';
import type { XeroClient, XeroObject } from '../xero-client.js';
import { versionOf } from './deps.js';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

const totalOf = (invoice: XeroObject): VendorDocumentHeld['total'] | undefined => {
  try {
    return Math.abs(parseMoney(String(invoice.Total ?? ''))) as VendorDocumentHeld['total'];
  } catch {
    return undefined;
  }
};

/**
 * The vendor's bills (ACCPAY invoices) numbered `number` (their InvoiceNumber is the vendor's
 * reference), found with the `InvoiceNumbers` filter and kept when the contact's name is the
 * vendor's. Vendor credit notes are not searched: a Buildertrend credit posts as usual.
 */
export const findXeroVendorDocuments = async (client: XeroClient, query: VendorDocumentQuery): Promise<VendorDocumentHeld[]> => {
  const found = await client.list('Invoices', { InvoiceNumbers: query.number });
  if (!found.ok) {
    if (found.error.kind === 'not_found') return [];
    throw new BooksLookupUnavailableError(`Xero bills numbered ${query.number}`, found.error.message);
  }
  return found.body.flatMap((invoice) => {
    const total = totalOf(invoice);
    const contact = text((invoice.Contact as XeroObject | undefined)?.Name);
    const live = !['DELETED', 'VOIDED'].includes(text(invoice.Status));
    if (text(invoice.Type) !== 'ACCPAY' || !live || total === undefined || !same(contact, query.vendorName)) return [];
    return [{ kind: 'bill' as const, id: text(invoice.InvoiceID), version: versionOf(invoice), number: text(invoice.InvoiceNumber), total }];
  });
};
