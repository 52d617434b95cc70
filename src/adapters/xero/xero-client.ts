import type { XeroSideConfig } from '../../platform/config/connection.types.js';
import { apiError, type ApiResult } from '../../platform/http/api-result.js';
import { HttpApiClient, type HttpClientOptions } from '../../platform/http/http-client.js';
import { HeaderThrottle, xeroRateLimit } from '../../platform/http/throttle.js';
import type { TokenSource } from '../../platform/oauth/oauth-errors.js';

export type XeroObject = Record<string, unknown>;

export type XeroCollection = 'Invoices' | 'Payments' | 'Contacts' | 'CreditNotes' | 'PurchaseOrders' | 'TrackingCategories' | 'Accounts' | 'Items' | 'TaxRates' | 'Quotes';

/** Xero's longest Idempotency-Key (facts §2). */
export const MAX_IDEMPOTENCY_KEY = 128;

const PAGE_SIZE = 100;
const MAX_PAGES = 500;

/** Xero sends `If-Modified-Since` as an HTTP header; a UTC timestamp without offset is what the docs show. */
const ifModifiedSince = (since: Date): string => since.toISOString().replace(/Z$/, '');

/**
 * Xero Accounting API for one tenant (organisation): every call names the tenant and asks
 * for JSON (facts §1); 5 calls in flight per tenant, paced by X-MinLimit-Remaining.
 */
export class XeroClient {
  constructor(readonly http: HttpApiClient, readonly tenantId: string) {}

  static create(config: XeroSideConfig, tokens: TokenSource, options: Partial<HttpClientOptions> = {}): XeroClient {
    const http = new HttpApiClient({
      target: 'xero', baseUrl: config.apiBaseUrl, tokens, headers: { 'xero-tenant-id': config.tenantId },
      throttle: new HeaderThrottle(4, xeroRateLimit), ...options,
    });
    return new XeroClient(http, config.tenantId);
  }

  /** One object by id; a 404 (or an empty list) is `not_found`. */
  async read(collection: XeroCollection, id: string): Promise<ApiResult<XeroObject>> {
    const result = await this.http.get<Record<string, unknown>>(`/${collection}/${encodeURIComponent(id)}`);
    if (!result.ok) return result;
    const items = result.body[collection];
    const first = Array.isArray(items) ? (items[0] as XeroObject | undefined) : undefined;
    if (!first) return { ok: false, error: apiError('not_found', `${collection} ${id} not in the response`, { status: result.status }) };
    return { ...result, body: first };
  }

  /**
   * A write (PUT creates, POST creates or updates) carrying the Idempotency-Key, with
   * summarizeErrors=false so each object answers for itself (facts §1, §2). Not retried in
   * place: the dispatcher owns retries and must see every refusal.
   */
  write(method: 'PUT' | 'POST', path: string, body: unknown, idempotencyKey: string): Promise<ApiResult<Record<string, unknown>>> {
    return this.http.request<Record<string, unknown>>(method, path, {
      body, query: { summarizeErrors: 'false' }, headers: { 'Idempotency-Key': idempotencyKey.slice(0, MAX_IDEMPOTENCY_KEY) }, retryInPlace: false,
    });
  }

  /** One page of a collection narrowed by Xero's own filters (`where`, `InvoiceNumbers`, `ContactIDs`, ...). */
  async list(collection: XeroCollection, query: Readonly<Record<string, string | number>> = {}): Promise<ApiResult<XeroObject[]>> {
    const result = await this.http.get<Record<string, unknown>>(`/${collection}`, { query, retryInPlace: false });
    if (!result.ok) return result;
    const items = result.body[collection];
    if (!Array.isArray(items)) return { ok: false, error: apiError('invalid_response', `/${collection}: no ${collection} list`) };
    return { ...result, body: items as XeroObject[] };
  }

  /** Everything changed at or after `since` (all when omitted), page by page. */
  async listModifiedSince(collection: XeroCollection, since: Date | undefined): Promise<ApiResult<XeroObject[]>> {
    const rows: XeroObject[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const result = await this.http.get<Record<string, unknown>>(`/${collection}`, {
        query: { page, pageSize: PAGE_SIZE },
        headers: since ? { 'If-Modified-Since': ifModifiedSince(since) } : {},
      });
      if (!result.ok) return result;
      const items = result.body[collection];
      if (!Array.isArray(items)) return { ok: false, error: apiError('invalid_response', `/${collection}: no ${collection} list`) };
      rows.push(...(items as XeroObject[]));
      if (items.length < PAGE_SIZE) return { ...result, body: rows };
    }
    return { ok: false, error: apiError('invalid_response', `/${collection}: more than ${MAX_PAGES} pages`) };
  }
}

/** Xero's `/Date(1550793549320+0000)/` or an ISO string, as epoch milliseconds. */
export const xeroTime = (value: unknown): number | undefined => {
  if (typeof value !== 'string') return undefined;
  const legacy = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/.exec(value);
  if (legacy) return Number(legacy[1]);
  const iso = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`);
  return Number.isFinite(iso) ? iso : undefined;
};
