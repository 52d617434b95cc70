import type { DocumentType } from '../../../domain/documents/document-ref.js';
import type { QuickBooksClient } from '../../quickbooks/quickbooks-client.js';
import type { XeroClient } from '../../xero/xero-client.js';
import { isHubMarked, normaliseQboObject, normaliseQboPayment, normaliseXeroInvoice, normaliseXeroPayment } from '../normalise/books.js';
import type { Json } from '../normalise/json-read.js';
import type { KnownObjects } from '../state/inbound-tables.js';
import { failedFetch, goneAt, ignored, refOf, type FetchContext, type FetchOutcome } from './observation.js';

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

/**
 * A QuickBooks transaction matters only when the hub created it: it is in the known-objects
 * table (outbound records its writes) or carries the hub's `trestle:` marker. The first
 * sighting of a marked object nobody recorded becomes its baseline.
 */
const qboObject = async (ctx: FetchContext, deps: BooksFetchDeps & { quickBooks: QuickBooksClient }, type: DocumentType): Promise<FetchOutcome> => {
  const { connection, resource: entity, resourceId: id } = ctx.notice;
  const ref = refOf(ctx, 'quickbooks', type);
  const known = await deps.known.get(connection, 'quickbooks', entity, id);
  if (known?.deletedByHub) return ignored('deleted by the hub itself');
  const gone = (): FetchOutcome => (known ? { kind: 'gone', ref, at: goneAt(ctx), hubVersion: known.version } : ignored('not an object the hub created'));
  if (ctx.notice.action === 'delete') return gone();
  const result = await deps.quickBooks.read(entity, id);
  if (!result.ok) return result.error.kind === 'not_found' ? gone() : failedFetch(ctx, ref, result, 'quickbooks');
  if (!known && !isHubMarked(result.body.PrivateNote, result.body.DocNumber)) return ignored('not an object the hub created');
  const normalised = normaliseQboObject(result.body, ctx.observedAt, entity);
  let hubVersion = known?.version;
  if (hubVersion === undefined) {
    hubVersion = normalised.snapshot.syncToken;
    await deps.known.recordBaseline(connection, 'quickbooks', entity, id, hubVersion);
  }
  return { kind: 'observed', observation: { ref, version: normalised.version, snapshot: normalised.snapshot, raw: result.body, hubVersion } };
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
  const { connection, resourceId: id } = ctx.notice;
  const known = await deps.known.get(connection, 'xero', XERO_INVOICE_ENTITY, id);
  if (known?.deletedByHub) return ignored('deleted by the hub itself');
  const result = await deps.xero.read('Invoices', id);
  // Xero deletes and voids by status (an UPDATE event); a 404 means we cannot see it, not that it went.
  if (!result.ok) return result.error.kind === 'not_found' ? ignored('invoice not visible in Xero') : failedFetch(ctx, refOf(ctx, 'xero', 'bill'), result, 'xero');
  const raw: Json = result.body;
  if (!known && !isHubMarked(raw.Reference, raw.InvoiceNumber, raw.Url)) return ignored('not an object the hub created');
  const normalised = normaliseXeroInvoice(raw, ctx.observedAt);
  let hubVersion = known?.version;
  if (hubVersion === undefined) {
    hubVersion = normalised.snapshot.syncToken;
    await deps.known.recordBaseline(connection, 'xero', XERO_INVOICE_ENTITY, id, hubVersion);
  }
  const ref = refOf(ctx, 'xero', raw.Type === 'ACCREC' ? 'invoice' : 'bill');
  return { kind: 'observed', observation: { ref, version: normalised.version, snapshot: normalised.snapshot, raw, hubVersion } };
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
