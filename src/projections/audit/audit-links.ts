import { isConstructionSource, parseDocumentStream } from '../../domain/documents/document-ref.js';
import type { RecordedEvent } from '../../eventstore/index.js';
import { booksKey } from '../reconciliation/recon-doc.js';
import { appliedOf, BILL_PAYMENT_TYPES, connectionOf } from '../reconciliation/recon-route.js';
import { meta, obj, str } from '../shared/read-json.js';

/**
 * The correlation index: document → saga stream(s) → outbound request streams and the
 * books objects they created → the books payments applied to those. History and correlation queries walk it instead of scanning
 * the store.
 */
export type LinkKind = 'document-saga' | 'saga-request' | 'saga-books' | 'books-payment';

export interface AuditLink {
  readonly from: string;
  readonly to: string;
  readonly kind: LinkKind;
  readonly connection: string;
  /** For books objects: the entity as the books name it (the key lower-cases it). */
  readonly detail: string | null;
}

const OUTBOUND_STREAM = /^[a-z0-9][a-z0-9_-]*\.outbound\./;

/** Data fields that name a books object, and its entity. */
const BOOKS_ID_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['billId', 'Bill'], ['vendorCreditId', 'VendorCredit'], ['purchaseOrderId', 'PurchaseOrder'], ['journalEntryId', 'JournalEntry'],
];

const booksObjectsOf = (data: unknown): Array<{ entity: string; id: string }> => {
  const payload = obj(data);
  if (!payload) return [];
  const found = BOOKS_ID_FIELDS.flatMap(([field, entity]) => {
    const id = str(payload[field]);
    return id ? [{ entity, id }] : [];
  });
  const entity = str(payload.entity);
  const id = str(payload.booksId);
  return entity && id ? [...found, { entity, id }] : found;
};

/** Payments seen on a construction-side document stream are not the books' own. */
const fromConstruction = (stream: string): boolean => {
  const source = parseDocumentStream(stream)?.source;
  return source !== undefined && isConstructionSource(source);
};

/** Links one event establishes; most events establish none. */
export const auditLinksOf = (event: RecordedEvent): AuditLink[] => {
  const stream = event.streamName;
  const connection = event.metadata.connection ?? connectionOf(stream);
  const link = (from: string, to: string, kind: LinkKind, detail: string | null = null): AuditLink => ({ from, to, kind, connection, detail });
  const links: AuditLink[] = [];
  const inputStream = meta(event.metadata, 'inputStream');
  const inSaga = meta(event.metadata, 'processManager') !== undefined || inputStream !== undefined;
  const outbound = OUTBOUND_STREAM.test(stream);
  const saga = inSaga ? stream : outbound ? meta(event.metadata, 'sagaStream') ?? str(obj(event.data)?.sagaStream) : undefined;
  if (inSaga && inputStream) {
    if (parseDocumentStream(inputStream)) links.push(link(inputStream, stream, 'document-saga'));
    else if (OUTBOUND_STREAM.test(inputStream)) links.push(link(stream, inputStream, 'saga-request'));
  }
  if (outbound && saga) {
    links.push(link(saga, stream, 'saga-request'));
    const documentStream = str(obj(event.data)?.documentStream);
    if (documentStream && documentStream !== saga && parseDocumentStream(documentStream)) links.push(link(documentStream, saga, 'document-saga'));
  }
  if (saga) for (const { entity, id } of booksObjectsOf(event.data)) links.push(link(saga, booksKey(connection, entity, id), 'saga-books', entity));
  if (BILL_PAYMENT_TYPES.has(event.type) && !fromConstruction(stream)) {
    for (const [key] of appliedOf(connection, event.data)) links.push(link(key, stream, 'books-payment'));
  }
  return links;
};
