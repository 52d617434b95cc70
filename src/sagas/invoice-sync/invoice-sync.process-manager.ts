import type { EventStore, RecordedEvent } from '../../eventstore/index.js';
import { parseDocumentStream, type DocumentRef } from '../../domain/documents/document-ref.js';
import {
  decideInvoiceSync, evolveInvoiceSync, initialInvoiceSyncState, invoiceSyncStream,
  type InvoiceSyncContext, type InvoiceSyncEvent, type InvoiceSyncInput, type InvoiceSyncState,
} from '../../domain/invoice-sync/index.js';
import type { CostCodeMapping } from '../../domain/mapping/index.js';
import type { SubcontractorInvoiceSnapshot } from '../../domain/documents/snapshots.js';
import type { ProcessManager } from '../runner/process-manager.js';
import type { BooksLinks } from '../links/books-links.js';
import { parkedInstances } from './parked-instances.js';
import { remapInstances } from './remap-instances.js';

export const INVOICE_DOCUMENT_EVENTS = ['SubcontractorInvoiceSubmitted.v1', 'SubcontractorInvoiceApproved.v1', 'SubcontractorInvoiceRevised.v1', 'SubcontractorInvoiceVoided.v1'];
export const INVOICE_OUTCOMES = [
  'BooksVendorResolved.v1', 'BooksJobResolved.v1', 'BillPosted.v1', 'BillUpdated.v1', 'BillDeleted.v1',
  'VendorCreditPosted.v1', 'VendorCreditUpdated.v1', 'VendorCreditDeleted.v1', 'PostingFailed.v1', 'PostingDeadLettered.v1',
];
const SAGA_MARKER = '.saga.invoice_sync-';

export interface InvoiceSyncDeps {
  readonly mapping: (connection: string) => CostCodeMapping | null;
  readonly links: BooksLinks;
  /**
   * The commitment's amounts per cost code for the over-billing check, with what its other
   * approved invoices billed (`invoiceId` is the asking invoice, never counted); null skips it.
   */
  readonly commitment?: (connection: string, commitmentId: string, invoiceId: string) => InvoiceSyncContext['commitment'] | Promise<InvoiceSyncContext['commitment']>;
  /** The commitment's open PurchaseOrder lines, for a new bill's LinkedTxn; absent: bills are not linked. */
  readonly purchaseOrder?: (invoice: DocumentRef, commitmentId: string) => Promise<InvoiceSyncContext['purchaseOrder']>;
}

/** The subcontractor-invoice saga (src/domain/invoice-sync) as a durable process manager. */
export const invoiceSyncProcessManager = (deps: InvoiceSyncDeps): ProcessManager<InvoiceSyncState, InvoiceSyncContext> => ({
  name: 'invoice-sync',
  inputTypes: [...INVOICE_DOCUMENT_EVENTS, ...INVOICE_OUTCOMES, 'MappingChanged.v1', 'MappingRemapApplied.v1', 'InvoiceSyncRetryRequested.v1'],
  instancesFor: (input: RecordedEvent, store: EventStore) => {
    if (INVOICE_DOCUMENT_EVENTS.includes(input.type)) {
      const ref = parseDocumentStream(input.streamName);
      return ref ? [invoiceSyncStream(ref)] : [];
    }
    if (input.type === 'MappingChanged.v1') return input.metadata.connection ? parkedInstances(store, input.metadata.connection, SAGA_MARKER) : [];
    if (input.type === 'MappingRemapApplied.v1') return remapInstances(input, SAGA_MARKER);
    if (input.type === 'InvoiceSyncRetryRequested.v1') return [String(input.metadata.sagaStream ?? '')].filter((s) => s.includes(SAGA_MARKER));
    const sagaStream = input.metadata.sagaStream;
    return typeof sagaStream === 'string' && sagaStream.includes(SAGA_MARKER) ? [sagaStream] : [];
  },
  initialState: initialInvoiceSyncState,
  evolve: (state, event) => evolveInvoiceSync(state, event as InvoiceSyncEvent),
  loadContext: async (input, state) => {
    const connection = input.metadata.connection ?? '';
    deps.links.record(input);
    const invoice = invoiceOf(input, state);
    const ref = invoiceRefOf(input, state);
    const [commitment, purchaseOrder] = invoice && ref ? await Promise.all([
      deps.commitment ? deps.commitment(connection, invoice.commitmentId, ref.externalId) : null,
      deps.purchaseOrder ? deps.purchaseOrder(ref, invoice.commitmentId) : null,
    ]) : [null, null];
    return {
      mapping: deps.mapping(connection),
      vendorLink: invoice ? deps.links.get(connection, 'vendor', invoice.vendorId) : null,
      jobLink: invoice ? deps.links.get(connection, 'job', invoice.projectId) : null,
      commitment,
      purchaseOrder,
    };
  },
  decide: (input, state, context) => decideInvoiceSync(input as InvoiceSyncInput, state, context),
});

/** The invoice the input or the saga is about: vendor, project and commitment ids for lookups. */
const invoiceOf = (input: RecordedEvent, state: InvoiceSyncState): SubcontractorInvoiceSnapshot | undefined => {
  if (INVOICE_DOCUMENT_EVENTS.includes(input.type)) return (input.data as { snapshot: SubcontractorInvoiceSnapshot }).snapshot;
  return state.status === 'Idle' ? undefined : state.doc.snapshot;
};

/** The invoice document the input or the saga is about. */
const invoiceRefOf = (input: RecordedEvent, state: InvoiceSyncState): DocumentRef | undefined => {
  if (INVOICE_DOCUMENT_EVENTS.includes(input.type)) return parseDocumentStream(input.streamName) ?? undefined;
  return state.status === 'Idle' ? undefined : state.doc.ref;
};
