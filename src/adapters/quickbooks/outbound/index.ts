import type { OutboundHandler } from '../../pipeline/outbound/index.js';
import type { QuickBooksOutboundDeps } from './deps.js';
import { deleteHandler } from './delete.js';
import { BILL, VENDOR_CREDIT } from './outcomes.js';
import { postHandler } from './post.js';
import { resolveJobHandler, resolveVendorHandler } from './resolve.js';
import { updateHandler } from './update.js';

export type { HubWriteLog, QuickBooksClients, QuickBooksOutboundDeps } from './deps.js';
export { centsFromWire, draftBody, wireAmount } from './books-body.js';
export { failureFrom } from './qbo-failure.js';

/**
 * The QuickBooks side of invoice-sync: one outbound handler per request type. Register them
 * with the dispatcher (`OutboundModule.forRoot({ handlers })` or `OutboundHandlerRegistry.register`);
 * `clients` is the inbound `SourceClients`, `known` the inbound `KnownObjects`.
 */
export const quickBooksInvoiceSyncHandlers = (deps: QuickBooksOutboundDeps): OutboundHandler[] => [
  resolveVendorHandler(deps),
  resolveJobHandler(deps),
  postHandler(BILL, 'PostBillRequested.v1', deps),
  updateHandler(BILL, 'UpdateBillRequested.v1', deps),
  deleteHandler(BILL, 'DeleteBillRequested.v1', deps),
  postHandler(VENDOR_CREDIT, 'PostVendorCreditRequested.v1', deps),
  updateHandler(VENDOR_CREDIT, 'UpdateVendorCreditRequested.v1', deps),
  deleteHandler(VENDOR_CREDIT, 'DeleteVendorCreditRequested.v1', deps),
];
