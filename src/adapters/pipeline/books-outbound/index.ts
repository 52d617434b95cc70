import type { BooksPorts } from '../../../domain/books/index.js';
import type { OutboundHandler } from '../../outbound/index.js';
import { invoiceSyncOperations } from './invoice-sync-operations.js';
import { portHandler, type PortOperation } from './port-handler.js';
import { projectSyncOperations } from './project-sync-operations.js';

const handlersOf = (ports: BooksPorts, operations: ReadonlyArray<PortOperation<never, never>>): OutboundHandler[] =>
  operations.map((op) => portHandler(ports, op) as OutboundHandler);

/**
 * The books side of invoice-sync, one outbound handler per request type, for every books
 * system: each call goes to the port the request's connection chooses. Register them with the
 * dispatcher (`OutboundHandlerRegistry.register`).
 */
export const invoiceSyncBooksHandlers = (ports: BooksPorts): OutboundHandler[] =>
  handlersOf(ports, invoiceSyncOperations as unknown as ReadonlyArray<PortOperation<never, never>>);

/** The books side of the project sagas (commitment POs, estimates, owner invoices, timecards). */
export const projectSyncBooksHandlers = (ports: BooksPorts): OutboundHandler[] =>
  handlersOf(ports, projectSyncOperations as unknown as ReadonlyArray<PortOperation<never, never>>);

/** Every request type the books port serves. */
export const booksHandlers = (ports: BooksPorts): OutboundHandler[] => [...invoiceSyncBooksHandlers(ports), ...projectSyncBooksHandlers(ports)];

export { portHandler, connectionOf, type PortOperation } from './port-handler.js';
export { invoiceSyncFailure, projectSyncFailure, postingFailure, type InvoiceRequestData, type ProjectRequestData } from './failure-outcomes.js';
export { BooksPortDirectory } from './books-port-directory.js';
export { BOOKS_PORTS } from './books-ports.token.js';
