import type { OutboundHandler } from '../../../pipeline/outbound/index.js';
import type { QuickBooksOutboundDeps } from '../deps.js';
import { updateEstimateHandler } from './estimates.js';
import { postInvoiceHandler, updateInvoiceHandler, voidInvoiceHandler } from './invoices.js';
import { closePurchaseOrderHandler, postPurchaseOrderHandler, updatePurchaseOrderHandler } from './purchase-orders.js';
import { jobResolutionHandler, vendorResolutionHandler } from './resolutions.js';
import { deleteTimeActivityHandler, postTimeActivityHandler, updateTimeActivityHandler } from './time-activities.js';

/**
 * The QuickBooks side of the project sagas (commitment POs, change-order Estimates, owner
 * invoices, timecards): one outbound handler per request type, with the same deps as
 * `quickBooksInvoiceSyncHandlers` (`clients` = SourceClients, `known` = KnownObjects).
 * Creates are found again by the hub marker (PrivateNote, or a TimeActivity's Description).
 */
export const quickBooksProjectSyncHandlers = (deps: QuickBooksOutboundDeps): OutboundHandler[] => [
  vendorResolutionHandler(deps),
  jobResolutionHandler(deps),
  postPurchaseOrderHandler(deps),
  updatePurchaseOrderHandler(deps),
  closePurchaseOrderHandler(deps),
  updateEstimateHandler(deps),
  postInvoiceHandler(deps),
  updateInvoiceHandler(deps),
  voidInvoiceHandler(deps),
  postTimeActivityHandler(deps),
  updateTimeActivityHandler(deps),
  deleteTimeActivityHandler(deps),
];

export { projectDocumentStream, projectSyncFailure, type ProjectRequestData } from './request.js';
