import { isHubMarked } from '../../pipeline/inbound/normalise/books-marker.js';
import type { Json } from '../../pipeline/inbound/normalise/json-read.js';
import type { KnownObjects } from '../../pipeline/inbound/state/inbound-tables.js';
import { hubObject, type ObjectKey } from '../../pipeline/inbound/processing/books-objects.js';
import { failedFetch, ignored, refOf, type FetchContext, type FetchOutcome } from '../../pipeline/inbound/processing/observation.js';
import type { XeroClient } from '../xero-client.js';
import { isInvoicePayment, normaliseXeroInvoice, normaliseXeroPayment } from './normalise-xero.js';

export interface XeroFetchDeps {
  readonly xero?: XeroClient;
  readonly known: KnownObjects;
}

/** Xero invoices and bills share one id space, recorded under this entity name in the known-objects table. */
export const XERO_INVOICE_ENTITY = 'Invoice';

const xeroInvoice = async (ctx: FetchContext, deps: XeroFetchDeps & { xero: XeroClient }): Promise<FetchOutcome> => {
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
  if (!isInvoicePayment(result.body)) return ignored('a Xero payment on neither a bill nor a sales invoice (credit note, prepayment, overpayment)');
  const normalised = normaliseXeroPayment(result.body, ctx.observedAt);
  const ref = refOf(ctx, 'xero', normalised.snapshot.kind);
  return { kind: 'observed', observation: { ref, version: normalised.version, snapshot: normalised.snapshot, raw: result.body } };
};

export const fetchXero = (ctx: FetchContext, deps: XeroFetchDeps): Promise<FetchOutcome> => {
  const client = deps.xero;
  if (!client) return Promise.resolve(ignored('this connection keeps its books in QuickBooks'));
  if (ctx.notice.resource === 'INVOICE') return xeroInvoice(ctx, { ...deps, xero: client });
  if (ctx.notice.resource === 'PAYMENT') return xeroPayment(ctx, client);
  return Promise.resolve(ignored(`Xero ${ctx.notice.resource} is not followed`));
};
