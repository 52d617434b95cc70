export * from './invoice-sync.inputs.js';
export * from './invoice-sync.outputs.js';
export type { ActiveState, BooksObject, InvoiceDoc, InvoiceSyncEvent, InvoiceSyncState, Park, PendingRequest, SyncMemory } from './invoice-sync.state.js';
export { initialInvoiceSyncState } from './invoice-sync.state.js';
export { evolveInvoiceSync } from './evolve-invoice-sync.js';
export { decideInvoiceSync, invoiceSyncStream } from './decide-invoice-sync.js';
export { booksTotal, draftBooksDocument, entityFor, hubMarker } from './draft-books-document.js';
export { DOC_NUMBER_MAX, docNumberOf, validateInvoice } from './validate-invoice.js';
export type { ValidationFailure } from './validate-invoice.js';
