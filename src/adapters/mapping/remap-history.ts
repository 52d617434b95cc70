import { evolveCommitmentPo, initialCommitmentPoState, type CommitmentPoEvent, type CommitmentPoState } from '../../domain/commitments/index.js';
import { evolveInvoiceSync, initialInvoiceSyncState, type InvoiceSyncEvent, type InvoiceSyncState } from '../../domain/invoice-sync/index.js';
import type { RemapDocument } from '../../domain/remap/preview-documents.js';
import { evolveOwnerInvoice, initialOwnerInvoiceState, type OwnerInvoiceEventInStream, type OwnerInvoiceState } from '../../domain/owner-invoices/index.js';
import { evolveTimecard, initialTimecardState, type TimecardEventInStream, type TimecardState } from '../../domain/timecards/index.js';
import type { AllPosition, EventStore, RecordedEvent } from '../../eventstore/index.js';

const PAGE = 1000;

/** A timecard saga's state, and the hourly cost its last TimeActivity request carried. */
interface TimecardFold { readonly state: TimecardState; readonly costRate: string | null }

/**
 * One saga kind the preview replays: its instance streams' marker, its own evolve, and how its
 * state reads as a document of the history (undefined while it knows no document).
 */
interface SagaHistory<S> {
  readonly marker: string;
  readonly initial: S;
  readonly evolve: (state: S, event: RecordedEvent) => S;
  readonly documentOf: (sagaStream: string, state: S) => RemapDocument | undefined;
}

const invoices: SagaHistory<InvoiceSyncState> = {
  marker: '.saga.invoice_sync-',
  initial: initialInvoiceSyncState,
  evolve: (s, e) => evolveInvoiceSync(s, { type: e.type, data: e.data } as InvoiceSyncEvent),
  documentOf: (sagaStream, s) => (s.status === 'Idle' ? undefined : {
    kind: 'subcontractor-invoice', doc: s.doc, posted: s.books === null ? null : { entity: s.books.entity, id: s.books.id }, sagaStream,
    requestOut: s.outbox.status === 'in-flight' || s.outbox.status === 'stalled',
  }),
};

const purchaseOrders: SagaHistory<CommitmentPoState> = {
  marker: '.saga.commitment_po-',
  initial: initialCommitmentPoState,
  evolve: (s, e) => evolveCommitmentPo(s, { type: e.type, data: e.data } as CommitmentPoEvent),
  documentOf: (sagaStream, s) => {
    if (s.status === 'Idle' || s.doc === null) return undefined;
    const po = s.purchaseOrder;
    return { kind: 'purchase-order', doc: s.doc, memory: s, posted: po === null || po.closed ? null : { entity: 'PurchaseOrder', id: po.purchaseOrderId }, sagaStream };
  },
};

const ownerInvoices: SagaHistory<OwnerInvoiceState> = {
  marker: '.saga.owner_invoice-',
  initial: initialOwnerInvoiceState,
  evolve: (s, e) => evolveOwnerInvoice(s, { type: e.type, data: e.data } as OwnerInvoiceEventInStream),
  documentOf: (sagaStream, s) => {
    if (s.status === 'Idle') return undefined;
    const held = [s.books.progress, s.books['retainage-release']].find((b) => b !== null && !b.voided);
    return { kind: 'owner-invoice', memory: s, posted: held ? { entity: 'Invoice', id: held.invoiceId } : null, sagaStream };
  },
};

const REQUESTS_WITH_RATE = new Set(['PostTimeActivityRequested.v1', 'UpdateTimeActivityRequested.v1']);

const timecards: SagaHistory<TimecardFold> = {
  marker: '.saga.timecard_sync-',
  initial: { state: initialTimecardState, costRate: null },
  evolve: (f, e) => ({
    state: evolveTimecard(f.state, { type: e.type, data: e.data } as TimecardEventInStream),
    costRate: REQUESTS_WITH_RATE.has(e.type) ? ((e.data as { costRate?: string | null }).costRate ?? null) : f.costRate,
  }),
  documentOf: (sagaStream, { state, costRate }) => (state.status === 'Idle' ? undefined : {
    kind: 'timecard', doc: state.doc, costRate, posted: state.books === null ? null : { entity: 'TimeActivity', id: state.books.timeActivityId }, sagaStream,
  }),
};

/** Folds every instance of one saga kind of the connection, page by page, with the saga's own evolve. */
const readSagas = async <S>(store: EventStore, connection: string, saga: SagaHistory<S>): Promise<RemapDocument[]> => {
  const states = new Map<string, S>();
  let after: AllPosition | undefined;
  for (;;) {
    const page = await store.readAll({ filter: { streamPrefixes: [`${connection}${saga.marker}`] }, maxCount: PAGE, ...(after ? { after } : {}) });
    for (const event of page) states.set(event.streamName, saga.evolve(states.get(event.streamName) ?? saga.initial, event));
    if (page.length < PAGE) break;
    after = page.at(-1)?.position;
  }
  return [...states].sort(([a], [b]) => a.localeCompare(b)).flatMap(([stream, state]) => saga.documentOf(stream, state) ?? []);
};

/**
 * The history the preview replays: each subcontractor invoice, commitment (its PurchaseOrder),
 * owner invoice and timecard entry as its saga folded it (the latest version, approved or
 * voided, and what the books hold), so the preview starts from exactly what the sagas know.
 * Read on request.
 */
export const readRemapDocuments = async (store: EventStore, connection: string): Promise<RemapDocument[]> => {
  const kinds = await Promise.all([
    readSagas(store, connection, invoices), readSagas(store, connection, purchaseOrders),
    readSagas(store, connection, ownerInvoices), readSagas(store, connection, timecards),
  ]);
  return kinds.flat();
};
