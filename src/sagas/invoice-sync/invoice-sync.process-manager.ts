import type { EventStore, RecordedEvent } from '../../eventstore/index.js';
import { parseDocumentStream, type DocumentRef } from '../../domain/documents/document-ref.js';
import {
  decideInvoiceSync, evolveInvoiceSync, initialInvoiceSyncState, invoiceSyncStream, INVOICE_DOCUMENT_EVENTS, INVOICE_SYNC_INPUTS, LEGACY_INVOICE_SYNC,
  upcastInvoiceSyncEvent, type BooksMatchLookup, type InvoiceSyncContext, type InvoiceSyncEvent, type InvoiceSyncInput, type InvoiceSyncState,
} from '../../domain/invoice-sync/index.js';
import type { CostCodeMapping } from '../../domain/mapping/index.js';
import type { SubcontractorInvoiceSnapshot } from '../../domain/documents/snapshots.js';
import { isTypeIn } from '../../domain/shared/event-types.js';
import type { ProcessManager } from '../runner/process-manager.js';
import type { BooksLinks } from '../links/books-links.js';
import { parkedDocuments } from '../context/parked-documents.js';
import { isInputCopy } from '../context/routing.js';
import { remapInstances } from '../context/remap-instances.js';

/** Every input of the decider, plus the retry request the saga wrote its own name for before issue 12. */
const INPUT_TYPES = [...INVOICE_SYNC_INPUTS, LEGACY_INVOICE_SYNC.retryRequested];
const SAGA = 'invoice_sync';
const SAGA_MARKER = `.saga.${SAGA}-`;
const isRetry = (type: string): boolean => type === ('SyncRetryRequested.v1' satisfies InvoiceSyncInput['type']) || type === LEGACY_INVOICE_SYNC.retryRequested;

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
  /** Buildertrend bills: the connection's mode and what the books hold under the bill's vendor and number; absent: never looked for. */
  readonly booksMatch?: (connection: string, invoice: SubcontractorInvoiceSnapshot) => Promise<BooksMatchLookup>;
}

/**
 * A Buildertrend bill is looked for in the books while it may still be linked: nothing of it
 * there yet, or what is there is linked (matched), not the hub's. Only an approved bill is posted or linked.
 */
const mayMatch = (ref: DocumentRef | undefined, invoice: SubcontractorInvoiceSnapshot | undefined, state: InvoiceSyncState): boolean =>
  ref?.source === 'buildertrend' && invoice !== undefined && APPROVED.has(invoice.status)
  && (state.status === 'Idle' || state.books === null || state.books.matched === true);

const APPROVED = new Set(['approved', 'approved_as_noted']);

/** The subcontractor-invoice saga (src/domain/invoice-sync) as a durable process manager. */
export const invoiceSyncProcessManager = (deps: InvoiceSyncDeps): ProcessManager<InvoiceSyncState, InvoiceSyncContext> => ({
  name: 'invoice-sync',
  inputTypes: INPUT_TYPES,
  instancesFor: (input: RecordedEvent, store: EventStore) => {
    // An input as copied into a saga's own stream is that saga's record, not news: routed again, a remap would loop.
    if (isInputCopy(input)) return [];
    if (isTypeIn(INVOICE_DOCUMENT_EVENTS, input.type)) {
      const ref = parseDocumentStream(input.streamName);
      return ref ? [invoiceSyncStream(ref)] : [];
    }
    if (input.type === 'MappingChanged.v1') return input.metadata.connection ? parkedDocuments(store, input.metadata.connection, SAGA) : [];
    if (input.type === 'MappingRemapApplied.v1') return remapInstances(input, SAGA_MARKER);
    if (isRetry(input.type)) return [String(input.metadata.sagaStream ?? '')].filter((s) => s.includes(SAGA_MARKER));
    const sagaStream = input.metadata.sagaStream;
    return typeof sagaStream === 'string' && sagaStream.includes(SAGA_MARKER) ? [sagaStream] : [];
  },
  initialState: initialInvoiceSyncState,
  // Streams written before issue 12 hold InvoiceSyncParked/Resumed: read as the shared facts.
  evolve: (state, event) => evolveInvoiceSync(state, upcastInvoiceSyncEvent(event) as InvoiceSyncEvent),
  loadContext: async (input, state) => {
    const connection = input.metadata.connection ?? '';
    const invoice = invoiceOf(input, state);
    const ref = invoiceRefOf(input, state);
    const [commitment, purchaseOrder] = invoice && ref ? await Promise.all([
      deps.commitment ? deps.commitment(connection, invoice.commitmentId, ref.externalId) : null,
      deps.purchaseOrder ? deps.purchaseOrder(ref, invoice.commitmentId) : null,
    ]) : [null, null];
    const booksMatch = deps.booksMatch && mayMatch(ref, invoice, state) ? await deps.booksMatch(connection, invoice!) : undefined;
    return {
      mapping: deps.mapping(connection),
      vendorLink: invoice ? await deps.links.get(connection, 'vendor', invoice.vendorId) : null,
      jobLink: invoice ? await deps.links.get(connection, 'job', invoice.projectId) : null,
      commitment,
      purchaseOrder,
      ...(booksMatch ? { booksMatch } : {}),
    };
  },
  decide: (input, state, context) => decideInvoiceSync(upcastInvoiceSyncEvent(input) as InvoiceSyncInput, state, context),
});

/** The invoice the input or the saga is about: vendor, project and commitment ids for lookups. */
const invoiceOf = (input: RecordedEvent, state: InvoiceSyncState): SubcontractorInvoiceSnapshot | undefined => {
  if (isTypeIn(INVOICE_DOCUMENT_EVENTS, input.type)) return (input.data as { snapshot: SubcontractorInvoiceSnapshot }).snapshot;
  return state.status === 'Idle' ? undefined : state.doc.snapshot;
};

/** The invoice document the input or the saga is about. */
const invoiceRefOf = (input: RecordedEvent, state: InvoiceSyncState): DocumentRef | undefined => {
  if (isTypeIn(INVOICE_DOCUMENT_EVENTS, input.type)) return parseDocumentStream(input.streamName) ?? undefined;
  return state.status === 'Idle' ? undefined : state.doc.ref;
};
