import type { BooksPorts } from '../../../domain/books/index.js';
import type { OutboundHandler } from '../outbound/index.js';
import { invoiceSyncBooksHandlers } from './invoice-sync-operations.js';
import { projectSyncBooksHandlers } from './project-sync-operations.js';

/** Every request type the books port serves: register them with the dispatcher (`OutboundHandlerRegistry.register`). */
export const booksHandlers = (ports: BooksPorts): OutboundHandler[] => [...invoiceSyncBooksHandlers(ports), ...projectSyncBooksHandlers(ports)];

export { invoiceSyncBooksHandlers, projectSyncBooksHandlers };
export { portHandler, connectionOf, type PortOperation } from './port-handler.js';
export { invoiceSyncFailure, projectSyncFailure, postingFailure, type InvoiceRequestData, type ProjectRequestData } from './failure-outcomes.js';
export { BooksPortDirectory } from './books-port-directory.js';
export { BOOKS_PORTS } from './books-ports.token.js';
