import type { BooksRef } from '../../domain/shared/books-ref.js';
import { select, type Sql } from '../engine/projection.js';
import type { KeyedFold } from './keyed-rows.js';

/**
 * The books vendor or job the dispatcher resolved for a construction-side party, latest
 * first: `vendor|{vendorId}` and `job|{projectId}` per connection.
 */
export const booksLinksFold: KeyedFold<BooksRef> = {
  base: 'saga_books_links',
  eventTypes: ['BooksVendorResolved.v1', 'BooksJobResolved.v1'],
  readsCurrent: false,
  keysOf: (event) => {
    const connection = event.metadata.connection;
    const data = event.data as { vendorId?: unknown; projectId?: unknown } | null;
    if (!connection) return [];
    if (event.type === 'BooksVendorResolved.v1' && typeof data?.vendorId === 'string') return [{ connection, key: `vendor|${data.vendorId}` }];
    if (event.type === 'BooksJobResolved.v1' && typeof data?.projectId === 'string') return [{ connection, key: `job|${data.projectId}` }];
    return [];
  },
  evolve: (_current, event) => {
    const data = event.data as { vendorRef?: BooksRef; customerRef?: BooksRef };
    const ref = event.type === 'BooksVendorResolved.v1' ? data.vendorRef : data.customerRef;
    return ref ? { grp: null, value: ref } : null;
  },
};

export const readBooksLink = async (db: Sql, connection: string, kind: 'vendor' | 'job', externalId: string): Promise<BooksRef | null> => {
  const [row] = await select<{ value: BooksRef }>(db, 'SELECT value FROM projections.saga_books_links WHERE connection = $1 AND key = $2', [connection, `${kind}|${externalId}`]);
  return row?.value ?? null;
};
