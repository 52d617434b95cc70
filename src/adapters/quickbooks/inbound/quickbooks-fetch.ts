import type { DocumentType } from '../../../domain/documents/document-ref.js';
import type { QuickBooksClient } from '../quickbooks-client.js';
import { isHubMarked, normaliseQboObject } from './normalise-books.js';
import { readQboPayment } from './read-payment.js';
import type { KnownObjects } from '../../pipeline/inbound/state/inbound-tables.js';
import { hubObject, isKnownVersion, type ObjectKey } from '../../pipeline/inbound/processing/books-objects.js';
import { failedFetch, goneAt, ignored, refOf, type FetchContext, type FetchOutcome } from '../../pipeline/inbound/processing/observation.js';

export interface BooksFetchDeps {
  readonly quickBooks?: QuickBooksClient;
  readonly known: KnownObjects;
}

/** QuickBooks transactions the hub creates; a change to one the hub did not make is a hand edit. */
export const QBO_OBJECTS: Readonly<Record<string, DocumentType>> = {
  Bill: 'bill', Invoice: 'invoice', PurchaseOrder: 'purchase_order', VendorCredit: 'vendor_credit', Estimate: 'estimate', TimeActivity: 'time_activity',
};
export const QBO_PAYMENTS: Readonly<Record<string, 'bill_payment' | 'payment'>> = { BillPayment: 'bill_payment', Payment: 'payment' };

const qboPayment = async (ctx: FetchContext, client: QuickBooksClient, kind: 'bill_payment' | 'payment'): Promise<FetchOutcome> => {
  const ref = refOf(ctx, 'quickbooks', kind);
  if (ctx.notice.action === 'delete') return { kind: 'gone', ref, at: goneAt(ctx) };
  const result = await readQboPayment(client, kind, ctx.notice.resourceId, ctx.observedAt);
  if (!result.ok) return failedFetch(ctx, ref, result, 'quickbooks');
  const { normalised, raw } = result.body;
  return { kind: 'observed', observation: { ref, version: normalised.version, snapshot: normalised.snapshot, raw } };
};

/**
 * A QuickBooks transaction matters only when the hub created it: it is in the known-objects
 * table (outbound records its writes) or carries the hub's `trestle:` marker.
 */
const qboObject = async (ctx: FetchContext, deps: BooksFetchDeps & { quickBooks: QuickBooksClient }, type: DocumentType): Promise<FetchOutcome> => {
  const key: ObjectKey = { connection: ctx.notice.connection, system: 'quickbooks', entity: ctx.notice.resource, id: ctx.notice.resourceId };
  const ref = refOf(ctx, 'quickbooks', type);
  const known = await deps.known.get(key.connection, key.system, key.entity, key.id);
  if (known?.deletedByHub) return ignored('deleted by the hub itself');
  const gone = (): FetchOutcome => (known ? { kind: 'gone', ref, at: goneAt(ctx), hubBaseline: known.baseline ?? {} } : ignored('not an object the hub created'));
  if (ctx.notice.action === 'delete') return gone();
  const result = await deps.quickBooks.read(key.entity, key.id);
  if (!result.ok) return result.error.kind === 'not_found' ? gone() : failedFetch(ctx, ref, result, 'quickbooks');
  if (isKnownVersion(known, result.body.SyncToken)) return ignored('the version the hub wrote or already recorded');
  if (!known && !isHubMarked(result.body.PrivateNote, result.body.DocNumber)) return ignored('not an object the hub created');
  return hubObject(deps.known, key, known, ref, normaliseQboObject(result.body, ctx.observedAt, key.entity), result.body);
};

export const fetchQuickBooks = (ctx: FetchContext, deps: BooksFetchDeps): Promise<FetchOutcome> => {
  const client = deps.quickBooks;
  if (!client) return Promise.resolve(ignored('this connection keeps its books in Xero'));
  const payment = QBO_PAYMENTS[ctx.notice.resource];
  if (payment) return qboPayment(ctx, client, payment);
  const type = QBO_OBJECTS[ctx.notice.resource];
  if (type) return qboObject(ctx, { ...deps, quickBooks: client }, type);
  return Promise.resolve(ignored(`QuickBooks ${ctx.notice.resource} is not followed`));
};
