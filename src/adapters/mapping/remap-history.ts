import { evolveInvoiceSync, initialInvoiceSyncState, type InvoiceSyncEvent, type InvoiceSyncState } from '../../domain/invoice-sync/index.js';
import type { RemapDocument } from '../../domain/remap/preview-postings.js';
import type { AllPosition, EventStore, RecordedEvent } from '../../eventstore/index.js';

const PAGE = 1000;
/** The invoice saga's instance streams; its state is what the preview replays. */
const INVOICE_SAGA = '.saga.invoice_sync-';

const remapDocumentOf = (sagaStream: string, state: InvoiceSyncState): RemapDocument | undefined => {
  if (state.status === 'Idle') return undefined;
  const posted = state.books === null ? null : { entity: state.books.entity, id: state.books.id };
  return { kind: 'subcontractor-invoice', doc: state.doc, posted, sagaStream };
};

/**
 * The history the preview replays: each subcontractor invoice as its saga folded it (the
 * latest version, approved or voided, and what the books hold), with the saga's own evolve,
 * so the preview starts from exactly what the saga knows. Read on request, page by page.
 */
export const readRemapDocuments = async (store: EventStore, connection: string): Promise<RemapDocument[]> => {
  const states = new Map<string, InvoiceSyncState>();
  const fold = (event: RecordedEvent) =>
    states.set(event.streamName, evolveInvoiceSync(states.get(event.streamName) ?? initialInvoiceSyncState, { type: event.type, data: event.data } as InvoiceSyncEvent));
  let after: AllPosition | undefined;
  for (;;) {
    const page = await store.readAll({ filter: { streamPrefixes: [`${connection}${INVOICE_SAGA}`] }, maxCount: PAGE, ...(after ? { after } : {}) });
    page.forEach(fold);
    if (page.length < PAGE) break;
    after = page.at(-1)?.position;
  }
  return [...states].sort(([a], [b]) => a.localeCompare(b)).flatMap(([stream, state]) => remapDocumentOf(stream, state) ?? []);
};
