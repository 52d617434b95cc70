import type { InvoicePosted, InvoiceUpdated, InvoiceVoided } from '../../../../domain/owner-invoices/owner-invoice.inputs.js';
import type {
  PostInvoiceRequested, UpdateInvoiceRequested, VoidInvoiceRequested,
} from '../../../../domain/owner-invoices/owner-invoice.outputs.js';
import type { OutboundHandler } from '../../../pipeline/outbound/index.js';
import type { QboObject } from '../../quickbooks-client.js';
import type { QuickBooksOutboundDeps } from '../deps.js';
import { idOf, syncTokenOf } from '../outcomes.js';
import { partyFilter } from '../marker-lookup.js';
import { createHandler } from './create.js';
import { replaceHandler } from './replace.js';
import { retireHandler } from './retire.js';
import { invoiceBody } from './sales-body.js';

type PostData = PostInvoiceRequested['data'];
type UpdateData = UpdateInvoiceRequested['data'];
type VoidData = VoidInvoiceRequested['data'];

const docNumberOf = (object: QboObject, sent: string): string => (typeof object.DocNumber === 'string' ? object.DocNumber : sent);

/**
 * A voided invoice stays, at zero, its PrivateNote prefixed "Voided" (what QuickBooks shows;
 * the read has no void flag). Zero alone is not enough: an invoice may total zero.
 */
export const isVoided = (object: QboObject): boolean =>
  Number(object.TotalAmt ?? 0) === 0 && typeof object.PrivateNote === 'string' && object.PrivateNote.startsWith('Voided');

/** PostInvoiceRequested.v1: a progress or retainage-release invoice to the project's Customer:Job. */
export const postInvoiceHandler = (deps: QuickBooksOutboundDeps): OutboundHandler<PostData> => createHandler<PostData>({
  requestType: 'PostInvoiceRequested.v1',
  entity: 'Invoice',
  label: 'invoice',
  body: (_call, data) => invoiceBody(data),
  search: (data) => ({
    entity: 'Invoice', field: 'PrivateNote', marker: data.hubMarker, where: partyFilter('CustomerRef', data.customerRef, data.docNumber, data.txnDate),
  }),
  outcome: (data, o) => ({
    type: 'InvoicePosted.v1',
    data: { requestNo: data.requestNo, invoiceId: idOf(o), syncToken: syncTokenOf(o), docNumber: docNumberOf(o, data.docNumber) } satisfies InvoicePosted['data'],
  }),
}, deps);

/** UpdateInvoiceRequested.v1: a full update, the draft's lines replacing the old ones. */
export const updateInvoiceHandler = (deps: QuickBooksOutboundDeps): OutboundHandler<UpdateData> => replaceHandler<UpdateData>({
  requestType: 'UpdateInvoiceRequested.v1',
  entity: 'Invoice',
  existing: (data) => ({ id: data.invoiceId, lastKnownSyncToken: data.lastKnownSyncToken }),
  body: (_call, data) => invoiceBody(data),
  marker: (data) => ({ field: 'PrivateNote', value: data.hubMarker }),
  outcome: (data, o) => ({ type: 'InvoiceUpdated.v1', data: { requestNo: data.requestNo, invoiceId: data.invoiceId, syncToken: syncTokenOf(o) } satisfies InvoiceUpdated['data'] }),
}, deps);

/** VoidInvoiceRequested.v1: `operation=void`; already void or gone is the same answer. */
export const voidInvoiceHandler = (deps: QuickBooksOutboundDeps): OutboundHandler<VoidData> => retireHandler<VoidData>({
  requestType: 'VoidInvoiceRequested.v1',
  entity: 'Invoice',
  retirement: 'void',
  existing: (data) => ({ id: data.invoiceId, lastKnownSyncToken: data.lastKnownSyncToken }),
  isRetired: isVoided,
  outcome: (data, invoiceId, syncToken) => ({ type: 'InvoiceVoided.v1', data: { requestNo: data.requestNo, invoiceId, syncToken } satisfies InvoiceVoided['data'] }),
}, deps);
