import type { DocumentRef, DocumentType } from '../../../domain/documents/document-ref.js';
import type { BooksObjectSnapshot } from '../../../domain/documents/snapshots.js';
import type { QuickBooksClient } from '../quickbooks-client.js';
import type { XeroClient } from '../../xero/xero-client.js';
import { isHubMarked, normaliseQboObject, normaliseQboPayment, normaliseXeroInvoice, normaliseXeroPayment } from './normalise-books.js';
import type { Json } from '../../pipeline/inbound/normalise/json-read.js';
import type { KnownObject, KnownObjects } from '../../pipeline/inbound/state/inbound-tables.js';
import type { Normalised } from '../../procore/inbound/normalise-contracts.js';
import { failedFetch, goneAt, ignored, refOf, type FetchContext, type FetchOutcome } from '../../pipeline/inbound/processing/observation.js';

export interface BooksFetchDeps {
  readonly quickBooks?: QuickBooksClient;
  readonly xero?: XeroClient;
  readonly known: KnownObjects;
}

/** QuickBooks transactions the hub creates; a change to one the hub did not make is a hand edit. */
export const QBO_OBJECTS: Readonly<Record<string, DocumentType>> = {
  Bill: 'bill', Invoice: 'invoice', PurchaseOrder: 'purchase_order', VendorCredit: 'vendor_credit', Estimate: 'estimate', TimeActivity: 'time_activity',
};
export const QBO_PAYMENTS: Readonly<Record<string, 'bill_payment' | 'payment'>> = { BillPayment: 'bill_payment', Payment: 'payment' };

/** Xero invoices and bills share one id space, recorded under this entity name in the known-objects table. */
export const XERO_INVOICE_ENTITY = 'Invoice';

const qboPayment = async (ctx: FetchContext, client: QuickBooksClient, kind: 'bill_payment' | 'payment'): Promise<FetchOutcome> => {
  const ref = refOf(ctx, 'quickbooks', kind);
  if (ctx.notice.action === 'delete') return { kind: 'gone', ref, at: goneAt(ctx) };
  const result = await client.read(ctx.notice.resource, ctx.notice.resourceId);
  if (!result.ok) return failedFetch(ctx, ref, result, 'quickbooks');
  const normalised = normaliseQboPayment(result.body, ctx.observedAt, kind);
  return { kind: 'observed', observation: { ref, version: normalised.version, snapshot: normalised.snapshot, raw: result.body } };
};

interface ObjectKey {
  readonly connection: string;
  readonly system: 'quickbooks' | 'xero';
  readonly entity: string;
  readonly id: string;
}

/**
 * The hub's object as it last knew it. The first sighting of a hub-marked object nobody
 * recorded, or the echo of the hub's own write (same version), becomes the baseline; a
 * version the hub did not write is compared with the baseline it has.
 */
const baselineFor = async (known: KnownObjects, key: ObjectKey, current: KnownObject | undefined, snapshot: BooksObjectSnapshot): Promise<unknown> => {
  if (current && current.baseline !== null && current.version !== snapshot.syncToken) return current.baseline;
  await known.rememberBaseline(key.connection, key.system, key.entity, key.id, snapshot.syncToken, snapshot);
  return snapshot;
};

/** An observation of one of the hub's books objects; once an edit by hand is recorded, the edited state is the new baseline. */
const hubObject = async (known: KnownObjects, key: ObjectKey, current: KnownObject | undefined, ref: DocumentRef, normalised: Normalised<BooksObjectSnapshot>, raw: unknown): Promise<FetchOutcome> => {
  const hubBaseline = await baselineFor(known, key, current, normalised.snapshot);
  const afterRecord = () => known.rememberBaseline(key.connection, key.system, key.entity, key.id, normalised.snapshot.syncToken, normalised.snapshot);
  return { kind: 'observed', observation: { ref, version: normalised.version, snapshot: normalised.snapshot, raw, hubBaseline, afterRecord } };
};

/**
 * The books still hold the version the hub knows (QuickBooks SyncToken): the echo of the
 * hub's own write, or a redelivery of a change already recorded. Decided on the version the
 * read returned, never on the notice's time: QuickBooks keeps times to the second, so a hand
 * edit within the second of the hub's write would pass for its echo. That costs a read per
 * notice (metered, on the shared 500/min); a missed hand edit costs more.
 */
const isKnownVersion = (known: KnownObject | undefined, syncToken: unknown): boolean =>
  known !== undefined && known.baseline !== null && typeof syncToken === 'string' && known.version === syncToken;

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

const xeroInvoice = async (ctx: FetchContext, deps: BooksFetchDeps & { xero: XeroClient }): Promise<FetchOutcome> => {
  const key: ObjectKey = { connection: ctx.notice.connection, system: 'xero', entity: XERO_INVOICE_ENTITY, id: ctx.notice.resourceId };
  const known = await deps.known.get(key.connection, key.system, key.entity, key.id);
  if (known?.deletedByHub) return ignored('deleted by the hub itself');
  const result = await deps.xero.read('Invoices', key.id);
  // Xero deletes and voids by status (an UPDATE event); a 404 means we cannot see it, not that it went.
  if (!result.ok) return result.error.kind === 'not_found' ? ignored('invoice not visible in Xero') : failedFetch(ctx, refOf(ctx, 'xero', 'bill'), result, 'xero');
  const raw: Json = result.body;
  if (!known && !isHubMarked(raw.Reference, raw.InvoiceNumber, raw.Url)) return ignored('not an object the hub created');
  const ref = refOf(ctx, 'xero', raw.Type === 'ACCREC' ? 'invoice' : 'bill');
  return hubObject(deps.known, key, known, ref, normaliseXeroInvoice(raw, ctx.observedAt), raw);
};

/** Xero has no payment webhooks (facts §9.1): payments arrive from the poll only. */
const xeroPayment = async (ctx: FetchContext, client: XeroClient): Promise<FetchOutcome> => {
  const result = await client.read('Payments', ctx.notice.resourceId);
  if (!result.ok) return failedFetch(ctx, refOf(ctx, 'xero', 'bill_payment'), result, 'xero');
  const normalised = normaliseXeroPayment(result.body, ctx.observedAt);
  const ref = refOf(ctx, 'xero', normalised.snapshot.kind);
  return { kind: 'observed', observation: { ref, version: normalised.version, snapshot: normalised.snapshot, raw: result.body } };
};

export const fetchXero = (ctx: FetchContext, deps: BooksFetchDeps): Promise<FetchOutcome> => {
  const client = deps.xero;
  if (!client) return Promise.resolve(ignored('this connection keeps its books in QuickBooks'));
  if (ctx.notice.resource === 'INVOICE') return xeroInvoice(ctx, { ...deps, xero: client });
  if (ctx.notice.resource === 'PAYMENT') return xeroPayment(ctx, client);
  return Promise.resolve(ignored(`Xero ${ctx.notice.resource} is not followed`));
};
