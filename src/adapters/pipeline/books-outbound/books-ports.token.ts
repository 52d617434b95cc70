/** The Nest token of the hub's `BooksPorts` (the connection's port by its books system), provided by PostingModule. */
export const BOOKS_PORTS = Symbol('BooksPorts');
