import type { BooksPorts, BooksWritten, EstimateAmended, PartyResolved } from '../../../domain/books/index.js';
import type { EstimateUpdated } from '../../../domain/change-orders/change-order.inputs.js';
import type { UpdateEstimateRequested } from '../../../domain/change-orders/change-order.outputs.js';
import type { PurchaseOrderClosed, PurchaseOrderPosted, PurchaseOrderUpdated } from '../../../domain/commitments/commitment-po.inputs.js';
import type {
  ClosePurchaseOrderRequested, PostPurchaseOrderRequested, UpdatePurchaseOrderRequested,
} from '../../../domain/commitments/commitment-po.outputs.js';
import type { InvoicePosted, InvoiceUpdated, InvoiceVoided } from '../../../domain/owner-invoices/owner-invoice.inputs.js';
import type { PostInvoiceRequested, UpdateInvoiceRequested, VoidInvoiceRequested } from '../../../domain/owner-invoices/owner-invoice.outputs.js';
import type { BooksJobResolutionRequested, BooksVendorResolutionRequested } from '../../../domain/posting/sync-facts.js';
import type { TimeActivityDeleted, TimeActivityPosted, TimeActivityUpdated } from '../../../domain/timecards/timecard.inputs.js';
import type {
  DeleteTimeActivityRequested, PostTimeActivityRequested, UpdateTimeActivityRequested,
} from '../../../domain/timecards/timecard.outputs.js';
import { projectDocumentStream, projectSyncFailure } from './failure-outcomes.js';
import { jobResolved, vendorResolved } from './invoice-sync-operations.js';
import type { OutboundHandler } from '../outbound/index.js';
import { portHandler, type PortOperation } from './port-handler.js';
import { postOwnerEstimate, updateOwnerEstimate } from './owner-estimate-operations.js';
import {
  estimateAmendment, existing, jobQuery, purchaseOrderPosting, salesInvoicePosting, timeEntryPosting, vendorQuery,
} from './request-vocabulary.js';

const projectSync = { documentStream: projectDocumentStream, failureOutcome: projectSyncFailure };

const vendorResolution: PortOperation<BooksVendorResolutionRequested['data'], PartyResolved> = {
  ...projectSync, requestType: 'BooksVendorResolutionRequested.v1',
  run: (port, call, data) => port.resolveVendor(call, vendorQuery(data)),
  find: (port, call, data) => port.findVendor(call, vendorQuery(data)),
  outcome: vendorResolved,
};

const jobResolution: PortOperation<BooksJobResolutionRequested['data'], PartyResolved> = {
  ...projectSync, requestType: 'BooksJobResolutionRequested.v1',
  run: (port, call, data) => port.resolveJob(call, jobQuery(data)),
  find: (port, call, data) => port.findJob(call, jobQuery(data)),
  outcome: jobResolved,
};

type PoPost = PostPurchaseOrderRequested['data'];
type PoUpdate = UpdatePurchaseOrderRequested['data'];
type PoClose = ClosePurchaseOrderRequested['data'];

const postPurchaseOrder: PortOperation<PoPost, BooksWritten> = {
  ...projectSync, requestType: 'PostPurchaseOrderRequested.v1',
  run: (port, call, data) => port.post(call, purchaseOrderPosting(data)),
  find: (port, call, data) => port.findPosted(call, purchaseOrderPosting(data)),
  outcome: (data, w) => ({
    type: 'PurchaseOrderPosted.v1',
    data: {
      requestNo: data.requestNo, purchaseOrderId: w.id, syncToken: w.version, docNumber: w.number ?? data.docNumber, lineIds: w.lineIds ?? [],
    } satisfies PurchaseOrderPosted['data'],
  }),
};

const poExisting = (data: PoUpdate | PoClose) => existing('purchase-order', data.purchaseOrderId, data.lastKnownSyncToken);

const updatePurchaseOrder: PortOperation<PoUpdate, BooksWritten> = {
  ...projectSync, requestType: 'UpdatePurchaseOrderRequested.v1',
  run: (port, call, data) => port.update(call, poExisting(data), purchaseOrderPosting(data)),
  find: (port, call, data) => port.findUpdated(call, poExisting(data), purchaseOrderPosting(data)),
  outcome: (data, w) => ({
    type: 'PurchaseOrderUpdated.v1',
    data: { requestNo: data.requestNo, purchaseOrderId: data.purchaseOrderId, syncToken: w.version, lineIds: w.lineIds ?? [] } satisfies PurchaseOrderUpdated['data'],
  }),
};

const closePurchaseOrder: PortOperation<PoClose, BooksWritten> = {
  ...projectSync, requestType: 'ClosePurchaseOrderRequested.v1',
  run: (port, call, data) => port.retire(call, poExisting(data), 'close'),
  find: (port, call, data) => port.findRetired(call, poExisting(data), 'close'),
  outcome: (data, w) =>
    ({ type: 'PurchaseOrderClosed.v1', data: { requestNo: data.requestNo, purchaseOrderId: data.purchaseOrderId, syncToken: w.version } satisfies PurchaseOrderClosed['data'] }),
};

type EstimateData = UpdateEstimateRequested['data'];

const updateEstimate: PortOperation<EstimateData, EstimateAmended> = {
  ...projectSync, requestType: 'UpdateEstimateRequested.v1',
  run: (port, call, data) => port.amendEstimate(call, estimateAmendment(data)),
  find: (port, call, data) => port.findEstimateAmended(call, estimateAmendment(data)),
  outcome: (data, amended) => ({
    type: 'EstimateUpdated.v1',
    data: { requestNo: data.requestNo, estimateId: amended.id || data.estimateId, syncToken: amended.version, lineIds: amended.lineIds } satisfies EstimateUpdated['data'],
  }),
};

type InvoicePost = PostInvoiceRequested['data'];
type InvoiceUpdate = UpdateInvoiceRequested['data'];
type InvoiceVoid = VoidInvoiceRequested['data'];

const invoiceExisting = (data: InvoiceUpdate | InvoiceVoid) => existing('sales-invoice', data.invoiceId, data.lastKnownSyncToken);

const postInvoice: PortOperation<InvoicePost, BooksWritten> = {
  ...projectSync, requestType: 'PostInvoiceRequested.v1',
  run: (port, call, data) => port.post(call, salesInvoicePosting(data)),
  find: (port, call, data) => port.findPosted(call, salesInvoicePosting(data)),
  outcome: (data, w) => ({
    type: 'InvoicePosted.v1',
    data: { requestNo: data.requestNo, invoiceId: w.id, syncToken: w.version, docNumber: w.number ?? data.docNumber } satisfies InvoicePosted['data'],
  }),
};

const updateInvoice: PortOperation<InvoiceUpdate, BooksWritten> = {
  ...projectSync, requestType: 'UpdateInvoiceRequested.v1',
  run: (port, call, data) => port.update(call, invoiceExisting(data), salesInvoicePosting(data)),
  find: (port, call, data) => port.findUpdated(call, invoiceExisting(data), salesInvoicePosting(data)),
  outcome: (data, w) => ({ type: 'InvoiceUpdated.v1', data: { requestNo: data.requestNo, invoiceId: data.invoiceId, syncToken: w.version } satisfies InvoiceUpdated['data'] }),
};

const voidInvoice: PortOperation<InvoiceVoid, BooksWritten> = {
  ...projectSync, requestType: 'VoidInvoiceRequested.v1',
  run: (port, call, data) => port.retire(call, invoiceExisting(data), 'void'),
  find: (port, call, data) => port.findRetired(call, invoiceExisting(data), 'void'),
  outcome: (data, w) => ({ type: 'InvoiceVoided.v1', data: { requestNo: data.requestNo, invoiceId: data.invoiceId, syncToken: w.version } satisfies InvoiceVoided['data'] }),
};

type TimePost = PostTimeActivityRequested['data'];
type TimeUpdate = UpdateTimeActivityRequested['data'];
type TimeDelete = DeleteTimeActivityRequested['data'];

const timeExisting = (data: TimeUpdate | TimeDelete) => existing('time-entry', data.timeActivityId, data.lastKnownSyncToken);

const postTimeEntry: PortOperation<TimePost, BooksWritten> = {
  ...projectSync, requestType: 'PostTimeActivityRequested.v1',
  run: (port, call, data) => port.post(call, timeEntryPosting(data)),
  find: (port, call, data) => port.findPosted(call, timeEntryPosting(data)),
  outcome: (data, w) =>
    ({ type: 'TimeActivityPosted.v1', data: { requestNo: data.requestNo, timeActivityId: w.id, syncToken: w.version } satisfies TimeActivityPosted['data'] }),
};

const updateTimeEntry: PortOperation<TimeUpdate, BooksWritten> = {
  ...projectSync, requestType: 'UpdateTimeActivityRequested.v1',
  run: (port, call, data) => port.update(call, timeExisting(data), timeEntryPosting(data)),
  find: (port, call, data) => port.findUpdated(call, timeExisting(data), timeEntryPosting(data)),
  outcome: (data, w) =>
    ({ type: 'TimeActivityUpdated.v1', data: { requestNo: data.requestNo, timeActivityId: data.timeActivityId, syncToken: w.version } satisfies TimeActivityUpdated['data'] }),
};

const deleteTimeEntry: PortOperation<TimeDelete, BooksWritten> = {
  ...projectSync, requestType: 'DeleteTimeActivityRequested.v1',
  run: (port, call, data) => port.retire(call, timeExisting(data), 'delete'),
  find: (port, call, data) => port.findRetired(call, timeExisting(data), 'delete'),
  outcome: (data) => ({ type: 'TimeActivityDeleted.v1', data: { requestNo: data.requestNo, timeActivityId: data.timeActivityId } satisfies TimeActivityDeleted['data'] }),
};

/** The books side of the project sagas (commitment POs, change-order estimates, owner invoices, timecards). */
export const projectSyncBooksHandlers = (ports: BooksPorts): OutboundHandler[] => [
  portHandler(ports, vendorResolution), portHandler(ports, jobResolution),
  portHandler(ports, postPurchaseOrder), portHandler(ports, updatePurchaseOrder), portHandler(ports, closePurchaseOrder),
  portHandler(ports, updateEstimate),
  portHandler(ports, postInvoice), portHandler(ports, updateInvoice), portHandler(ports, voidInvoice),
  portHandler(ports, postTimeEntry), portHandler(ports, updateTimeEntry), portHandler(ports, deleteTimeEntry),
  portHandler(ports, postOwnerEstimate), portHandler(ports, updateOwnerEstimate),
];
