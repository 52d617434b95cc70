import type { BooksPorts, BooksSystem } from '../../domain/books/index.js';
import type { SubcontractorInvoiceSnapshot } from '../../domain/documents/snapshots.js';
import type { BooksMatchLookup, BuildertrendMode } from '../../domain/invoice-sync/index.js';
import { clientOr } from '../ports/books-lookups.js';

const SYSTEM_NAMES: Readonly<Record<BooksSystem, string>> = { quickbooks: 'QuickBooks Online', xero: 'Xero', qbd: 'QuickBooks Desktop' };

/**
 * What the connection's books hold under a Buildertrend bill's vendor and number, with the
 * connection's Buildertrend mode: the invoice saga's `booksMatch` context. A books port that
 * cannot search so answers "not supported" (the bill parks); an outage throws, and the saga
 * runner retries the input.
 */
export const buildertrendBooksMatch = (ports: BooksPorts, modeOf: (connection: string) => BuildertrendMode) =>
  async (connection: string, invoice: SubcontractorInvoiceSnapshot): Promise<BooksMatchLookup> => {
    const mode = modeOf(connection);
    const port = clientOr(() => ports.for(connection));
    if (!port) return { mode, supported: false, system: 'a connection without books' };
    if (!port.findVendorDocuments) return { mode, supported: false, system: SYSTEM_NAMES[port.system] };
    const found = await port.findVendorDocuments(connection, { vendorName: invoice.vendorName, number: invoice.invoiceNumber ?? invoice.number });
    return { mode, supported: true, found };
  };
