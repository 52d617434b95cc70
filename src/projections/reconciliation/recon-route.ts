import type { BooksEvent } from '../../domain/documents/document-events.js';
import { isConstructionSource, parseDocumentStream } from '../../domain/documents/document-ref.js';
import type { RecordedEvent } from '../../eventstore/index.js';
import { cents, list, meta, obj, str } from '../shared/read-json.js';
import { isConstructionType } from './evolve-construction.js';
import { WRITE_OUTCOMES } from './evolve-sync.js';
import { booksKey } from './recon-doc.js';
import type { Applied, IndexLookup } from './recon-index.js';

/** What an event is to the reconciliation, decided from its stream, type and metadata alone. */
export type ReconRoute =
  | { readonly kind: 'construction' }
  | { readonly kind: 'saga'; readonly saga: string; readonly input: string | undefined }
  | { readonly kind: 'outbound'; readonly saga: string }
  | { readonly kind: 'books-object'; readonly booksKey: string }
  | { readonly kind: 'payment'; readonly applied: Applied }
  | { readonly kind: 'ignore' };

/** The index as routing reads and changes it: the real one, or a batch's look-ahead overlay. */
export interface IndexView extends IndexLookup {
  appliedBy(payment: string): Applied;
  linkSaga(saga: string, doc: string): void;
  linkBooks(booksKey: string, doc: string): void;
  setPayment(payment: string, applied: Applied): void;
}

const IGNORE: ReconRoute = { kind: 'ignore' };
const OUTBOUND_STREAM = /^[a-z0-9][a-z0-9_-]*\.outbound\./;
const BOOKS_OBJECT_TYPES: ReadonlySet<string> = new Set(['BooksObjectEditedByHand.v1', 'BooksObjectDeletedByHand.v1'] satisfies readonly BooksEvent['type'][]);
/** Payments in the books: to vendors on bills, and from customers (the owner) on invoices. */
export const BILL_PAYMENT_TYPES: ReadonlySet<string> = new Set(['BillPaymentRecorded.v1', 'BillPaymentChanged.v1', 'PaymentReceived.v1', 'PaymentChanged.v1'] satisfies readonly BooksEvent['type'][]);
/** Xero names what a payment applies to by invoice type; QuickBooks by entity. */
const TXN_ENTITY: Readonly<Record<string, string>> = { accpay: 'bill', accpaycredit: 'vendorcredit' };

export const connectionOf = (stream: string): string => stream.split('.', 1)[0] ?? stream;

/** What a books payment applies to: [books key, cents] per application; nothing once deleted. */
export const appliedOf = (connection: string, data: unknown): Applied => {
  const snapshot = obj(obj(data)?.snapshot);
  if (!snapshot || snapshot.deleted === true) return [];
  return list(snapshot.appliedTo).flatMap((value) => {
    const applied = obj(value);
    const id = str(applied?.txnId);
    const type = (str(applied?.txnType) ?? 'Bill').toLowerCase();
    return id ? [[booksKey(connection, TXN_ENTITY[type] ?? type, id), cents(applied?.amount)] as const] : [];
  });
};

const booksSideRoute = (event: RecordedEvent, connection: string): ReconRoute => {
  if (BILL_PAYMENT_TYPES.has(event.type)) return { kind: 'payment', applied: appliedOf(connection, event.data) };
  if (!BOOKS_OBJECT_TYPES.has(event.type)) return IGNORE;
  const snapshot = obj(obj(event.data)?.snapshot);
  const entity = str(snapshot?.entity);
  const id = str(snapshot?.id);
  return entity && id ? { kind: 'books-object', booksKey: booksKey(connection, entity, id) } : IGNORE;
};

export const routeOf = (event: RecordedEvent): ReconRoute => {
  const inputStream = meta(event.metadata, 'inputStream');
  if (inputStream !== undefined || meta(event.metadata, 'processManager') !== undefined) {
    const input = inputStream !== undefined && parseDocumentStream(inputStream) ? inputStream : undefined;
    return { kind: 'saga', saga: event.streamName, input };
  }
  if (OUTBOUND_STREAM.test(event.streamName)) {
    const saga = meta(event.metadata, 'sagaStream') ?? str(obj(event.data)?.sagaStream);
    return saga ? { kind: 'outbound', saga } : IGNORE;
  }
  const ref = parseDocumentStream(event.streamName);
  if (!ref) return IGNORE;
  if (isConstructionSource(ref.source)) return isConstructionType(event.type) ? { kind: 'construction' } : IGNORE;
  return booksSideRoute(event, ref.connection);
};

/** The documents an event changes (before its index effects: a payment's old applications count too). */
export const docKeysOf = (event: RecordedEvent, route: ReconRoute, index: IndexView): string[] => {
  switch (route.kind) {
    case 'construction': return [event.streamName];
    case 'saga': return present([route.input ?? index.sagaDoc(route.saga)]);
    case 'outbound': return present([index.sagaDoc(route.saga)]);
    case 'books-object': return present([index.booksDoc(route.booksKey)]);
    case 'payment': {
      const keys = [...index.appliedBy(event.streamName), ...route.applied].map(([key]) => index.booksDoc(key));
      return [...new Set(present(keys))];
    }
    case 'ignore': return [];
  }
};

const present = (keys: ReadonlyArray<string | undefined>): string[] => keys.filter((k): k is string => k !== undefined);

/** Links the event establishes: saga to document, books object to document, payment applications. */
export const applyIndexEffects = (event: RecordedEvent, route: ReconRoute, index: IndexView): void => {
  if (route.kind === 'payment') return index.setPayment(event.streamName, route.applied);
  if (route.kind !== 'saga') return;
  if (route.input) index.linkSaga(route.saga, route.input);
  const write = WRITE_OUTCOMES[event.type];
  const doc = route.input ?? index.sagaDoc(route.saga);
  const id = write && str(obj(event.data)?.[write.idField]);
  if (doc && write && id) index.linkBooks(booksKey(connectionOf(doc), write.entity, id), doc);
  // A Buildertrend bill linked to the one the books held: payments on it are this document's.
  if (doc && event.type === 'InvoiceMatchedInBooks.v1') {
    const matched = obj(event.data);
    const entity = str(matched?.entity);
    const booksId = str(matched?.booksId);
    if (entity && booksId) index.linkBooks(booksKey(connectionOf(doc), entity, booksId), doc);
  }
  // An owner invoice's books invoices, which customer payments name.
  if (doc && event.type === 'OwnerInvoiceSynced.v1') {
    for (const field of ['progressInvoiceId', 'releaseInvoiceId']) {
      const invoiceId = str(obj(event.data)?.[field]);
      if (invoiceId) index.linkBooks(booksKey(connectionOf(doc), 'Invoice', invoiceId), doc);
    }
  }
};
