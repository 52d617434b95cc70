import type { BooksPorts, BooksWritten, PartyResolved } from '../../../domain/books/index.js';
import type {
  BillDeleted, BillPosted, BillUpdated, BooksJobResolved, BooksVendorResolved, VendorCreditDeleted, VendorCreditPosted, VendorCreditUpdated,
} from '../../../domain/invoice-sync/invoice-sync.inputs.js';
import type {
  DeleteBillRequested, PostBillRequested, ResolveJobRequested, ResolveVendorRequested, UpdateBillRequested, UpdateVendorCreditRequested,
  DeleteVendorCreditRequested,
} from '../../../domain/invoice-sync/invoice-sync.outputs.js';
import type { OutboundHandler, OutboundOutcome } from '../outbound/index.js';
import { invoiceDocumentStream, invoiceSyncFailure } from './failure-outcomes.js';
import { portHandler, type PortOperation } from './port-handler.js';
import { existing, jobQuery, vendorDocumentPosting, vendorQuery } from './request-vocabulary.js';

type VendorData = ResolveVendorRequested['data'];
type JobData = ResolveJobRequested['data'];
type PostData = PostBillRequested['data'];
type UpdateData = UpdateBillRequested['data'] | UpdateVendorCreditRequested['data'];
type DeleteData = DeleteBillRequested['data'] | DeleteVendorCreditRequested['data'];

const invoiceSync = { documentStream: invoiceDocumentStream, failureOutcome: invoiceSyncFailure };

/** Vendor and job answers are the same for every saga that asks (sync-facts' resolution requests too). */
export const vendorResolved = (data: { requestNo: number; vendorId: string }, { ref, created }: PartyResolved): OutboundOutcome =>
  ({ type: 'BooksVendorResolved.v1', data: { requestNo: data.requestNo, vendorId: data.vendorId, vendorRef: ref, created } satisfies BooksVendorResolved['data'] });

export const jobResolved = (data: { requestNo: number; projectId: string }, { ref, created }: PartyResolved): OutboundOutcome =>
  ({ type: 'BooksJobResolved.v1', data: { requestNo: data.requestNo, projectId: data.projectId, customerRef: ref, created } satisfies BooksJobResolved['data'] });

export const resolveVendor: PortOperation<VendorData, PartyResolved> = {
  ...invoiceSync, requestType: 'ResolveVendorRequested.v1',
  run: (port, call, data) => port.resolveVendor(call, vendorQuery(data)),
  find: (port, call, data) => port.findVendor(call, vendorQuery(data)),
  outcome: vendorResolved,
};

export const resolveJob: PortOperation<JobData, PartyResolved> = {
  ...invoiceSync, requestType: 'ResolveJobRequested.v1',
  run: (port, call, data) => port.resolveJob(call, jobQuery(data)),
  find: (port, call, data) => port.findJob(call, jobQuery(data)),
  outcome: jobResolved,
};

/** What differs between a bill and a vendor credit: the kind and the outcome events' names. */
interface VendorDocumentEvents {
  readonly kind: 'bill' | 'vendor-credit';
  readonly requests: { readonly post: string; readonly update: string; readonly delete: string };
  posted(requestNo: number, written: BooksWritten, sentNumber: string): OutboundOutcome;
  updated(requestNo: number, written: BooksWritten): OutboundOutcome;
  deleted(requestNo: number, id: string): OutboundOutcome;
  idOf(data: { billId: string } | { vendorCreditId: string }): string;
}

const BILL: VendorDocumentEvents = {
  kind: 'bill',
  requests: { post: 'PostBillRequested.v1', update: 'UpdateBillRequested.v1', delete: 'DeleteBillRequested.v1' },
  posted: (requestNo, w, sent) =>
    ({ type: 'BillPosted.v1', data: { requestNo, billId: w.id, syncToken: w.version, docNumber: w.number ?? sent } satisfies BillPosted['data'] }),
  updated: (requestNo, w) => ({ type: 'BillUpdated.v1', data: { requestNo, billId: w.id, syncToken: w.version } satisfies BillUpdated['data'] }),
  deleted: (requestNo, billId) => ({ type: 'BillDeleted.v1', data: { requestNo, billId } satisfies BillDeleted['data'] }),
  idOf: (data) => ('billId' in data ? data.billId : data.vendorCreditId),
};

const VENDOR_CREDIT: VendorDocumentEvents = {
  kind: 'vendor-credit',
  requests: { post: 'PostVendorCreditRequested.v1', update: 'UpdateVendorCreditRequested.v1', delete: 'DeleteVendorCreditRequested.v1' },
  posted: (requestNo, w, sent) => ({
    type: 'VendorCreditPosted.v1', data: { requestNo, vendorCreditId: w.id, syncToken: w.version, docNumber: w.number ?? sent } satisfies VendorCreditPosted['data'],
  }),
  updated: (requestNo, w) =>
    ({ type: 'VendorCreditUpdated.v1', data: { requestNo, vendorCreditId: w.id, syncToken: w.version } satisfies VendorCreditUpdated['data'] }),
  deleted: (requestNo, vendorCreditId) => ({ type: 'VendorCreditDeleted.v1', data: { requestNo, vendorCreditId } satisfies VendorCreditDeleted['data'] }),
  idOf: BILL.idOf,
};

const postOperation = (doc: VendorDocumentEvents): PortOperation<PostData, BooksWritten> => ({
  ...invoiceSync, requestType: doc.requests.post,
  run: (port, call, data) => port.post(call, vendorDocumentPosting(doc.kind, data)),
  find: (port, call, data) => port.findPosted(call, vendorDocumentPosting(doc.kind, data)),
  outcome: (data, written) => doc.posted(data.requestNo, written, data.docNumber),
  batchPosting: (data) => vendorDocumentPosting(doc.kind, data),
});

const updateOperation = (doc: VendorDocumentEvents): PortOperation<UpdateData, BooksWritten> => ({
  ...invoiceSync, requestType: doc.requests.update,
  run: (port, call, data) => port.update(call, existing(doc.kind, doc.idOf(data), data.lastKnownSyncToken), vendorDocumentPosting(doc.kind, data)),
  find: (port, call, data) => port.findUpdated(call, existing(doc.kind, doc.idOf(data), data.lastKnownSyncToken), vendorDocumentPosting(doc.kind, data)),
  outcome: (data, written) => doc.updated(data.requestNo, written),
});

/** Already gone is deleted too: the outcome names the id the saga asked to delete. */
const deleteOperation = (doc: VendorDocumentEvents): PortOperation<DeleteData, BooksWritten> => ({
  ...invoiceSync, requestType: doc.requests.delete,
  run: (port, call, data) => port.retire(call, existing(doc.kind, doc.idOf(data), data.lastKnownSyncToken), 'delete'),
  find: (port, call, data) => port.findRetired(call, existing(doc.kind, doc.idOf(data), data.lastKnownSyncToken), 'delete'),
  outcome: (data) => doc.deleted(data.requestNo, doc.idOf(data)),
});

/**
 * The books side of invoice-sync, one outbound handler per request type, for every books
 * system: each call goes to the port the request's connection chooses.
 */
export const invoiceSyncBooksHandlers = (ports: BooksPorts): OutboundHandler[] => [
  portHandler(ports, resolveVendor), portHandler(ports, resolveJob),
  portHandler(ports, postOperation(BILL)), portHandler(ports, updateOperation(BILL)), portHandler(ports, deleteOperation(BILL)),
  portHandler(ports, postOperation(VENDOR_CREDIT)), portHandler(ports, updateOperation(VENDOR_CREDIT)), portHandler(ports, deleteOperation(VENDOR_CREDIT)),
];
