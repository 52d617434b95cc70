import { select, type Sql } from '../engine/projection.js';
import { booksKey } from '../reconciliation/recon-doc.js';

export interface BooksObjectRef {
  readonly connection: string;
  readonly entity: string;
  readonly id: string;
  /** Document streams the books side may keep for it (hand edits, deletions). */
  readonly streams: readonly string[];
}

export interface Correlation {
  readonly document: string;
  readonly sagas: readonly string[];
  readonly requests: readonly string[];
  readonly booksObjects: readonly BooksObjectRef[];
  /** Books payment streams applied to those objects. */
  readonly payments: readonly string[];
}

interface LinkRow { from_key: string; to_key: string; kind: string; detail: string | null }

/** 'VendorCredit' -> 'vendor_credit': how the books side names its document streams. */
const snake = (entity: string): string => entity.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

const booksObject = (key: string, detail: string | null): BooksObjectRef => {
  const [connection = '', lower = '', id = ''] = key.split('|');
  const entity = detail ?? lower;
  return { connection, entity, id, streams: ['quickbooks', 'xero'].map((system) => `${connection}.${system}.${snake(entity)}-${id}`) };
};

/** Three hops in one round trip: the document's sagas, what each saga links to, and payments on its books objects. */
export const correlate = async (db: Sql, document: string): Promise<Correlation> => {
  const rows = await select<LinkRow>(db, `
    SELECT from_key, to_key, kind, detail FROM projections.audit_links WHERE from_key = $1
    UNION ALL
    SELECT l.from_key, l.to_key, l.kind, l.detail
    FROM projections.audit_links d JOIN projections.audit_links l ON l.from_key = d.to_key
    WHERE d.from_key = $1 AND d.kind = 'document-saga'
    UNION ALL
    SELECT p.from_key, p.to_key, p.kind, p.detail
    FROM projections.audit_links d JOIN projections.audit_links b ON b.from_key = d.to_key AND b.kind = 'saga-books'
      JOIN projections.audit_links p ON p.from_key = b.to_key AND p.kind = 'books-payment'
    WHERE d.from_key = $1 AND d.kind = 'document-saga'`, [document]);
  const unique = (kind: string) => [...new Set(rows.filter((r) => r.kind === kind).map((r) => r.to_key))].sort();
  const books = new Map(rows.filter((r) => r.kind === 'saga-books').map((r) => [r.to_key, booksObject(r.to_key, r.detail)]));
  return { document, sagas: unique('document-saga'), requests: unique('saga-request'), booksObjects: [...books.values()], payments: unique('books-payment') };
};

/** Back again: the documents whose sagas created this books object. */
export const documentsOfBooksObject = async (db: Sql, connection: string, entity: string, id: string): Promise<string[]> => {
  const rows = await select<{ document: string }>(db, `
    SELECT DISTINCT d.from_key AS document
    FROM projections.audit_links b JOIN projections.audit_links d ON d.to_key = b.from_key AND d.kind = 'document-saga'
    WHERE b.to_key = $1 AND b.kind = 'saga-books' ORDER BY 1`, [booksKey(connection, entity, id)]);
  return rows.map((r) => r.document);
};
