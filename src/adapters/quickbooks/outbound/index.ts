import type { BooksPorts } from '../../../domain/books/index.js';
import type { OutboundHandler } from '../../pipeline/outbound/index.js';
import { invoiceSyncBooksHandlers, projectSyncBooksHandlers } from '../../pipeline/books-outbound/index.js';
import { QuickBooksBooksPort } from '../quickbooks-books-port.js';
import type { QuickBooksOutboundDeps } from './deps.js';

export type { HubWriteLog, QuickBooksClientLookup, QuickBooksOutboundDeps } from './deps.js';
export { centsFromWire, draftBody, wireAmount } from './books-body.js';
export { failureFrom } from './qbo-failure.js';

/** Every connection to this one port: for a hub (or a test) whose books are all QuickBooks Online. */
const onlyQuickBooks = (deps: QuickBooksOutboundDeps): BooksPorts => {
  const port = new QuickBooksBooksPort(deps);
  return { for: () => port };
};

/**
 * The vendor-agnostic invoice-sync handlers over the QuickBooks port alone. The hub registers
 * the handlers once for every books system (PostingModule); this serves tests and tools that
 * talk to QuickBooks only. `clients` is `QuickBooksClients`, `known` the inbound `KnownObjects`.
 */
export const quickBooksInvoiceSyncHandlers = (deps: QuickBooksOutboundDeps): OutboundHandler[] => invoiceSyncBooksHandlers(onlyQuickBooks(deps));

/** The project sagas' handlers (POs, Estimates, owner invoices, timecards) over the QuickBooks port alone. */
export const quickBooksProjectSyncHandlers = (deps: QuickBooksOutboundDeps): OutboundHandler[] => projectSyncBooksHandlers(onlyQuickBooks(deps));
