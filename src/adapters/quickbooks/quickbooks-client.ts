import type { QuickBooksSideConfig } from '../../platform/config/connection.types.js';
import { apiError, type ApiError, type ApiResult } from '../../platform/http/api-result.js';
import { HttpApiClient, type HttpClientOptions, type RequestOptions } from '../../platform/http/http-client.js';
import { HeaderThrottle } from '../../platform/http/throttle.js';
import type { TokenSource } from '../../platform/oauth/oauth-errors.js';

export type QboObject = Record<string, unknown> & { readonly Id?: string; readonly SyncToken?: string };

export interface QboFaultError {
  readonly code: string;
  readonly message: string;
  readonly detail: string;
}

/** Faults come as `Fault.Error[]` and, for 401s, lower-cased (facts §6): read both. */
export const faultOf = (body: unknown): { type: string; errors: QboFaultError[] } | undefined => {
  if (typeof body !== 'object' || body === null) return undefined;
  const fault = (body as Record<string, unknown>).Fault ?? (body as Record<string, unknown>).fault;
  if (typeof fault !== 'object' || fault === null) return undefined;
  const f = fault as Record<string, unknown>;
  const list = (f.Error ?? f.error) as unknown;
  const errors = (Array.isArray(list) ? list : []).map((e: Record<string, unknown>) => ({
    code: String(e.code ?? ''), message: String(e.Message ?? e.message ?? ''), detail: String(e.Detail ?? e.detail ?? ''),
  }));
  return { type: String(f.type ?? ''), errors };
};

/** 610 "Object Not Found" is how QuickBooks answers a read of a deleted transaction (facts §6). */
const classifyFault = (result: ApiResult<unknown>): ApiResult<unknown> => {
  if (result.ok) {
    const fault = faultOf(result.body);
    if (!fault) return result;
    return { ok: false, error: faultError(result.status, fault) };
  }
  const fault = faultOf(result.error.body);
  if (!fault || result.error.kind !== 'rejected') return result;
  return { ok: false, error: faultError(result.error.status ?? 400, fault) };
};

const faultError = (status: number, fault: { type: string; errors: QboFaultError[] }): ApiError => {
  const first = fault.errors[0];
  const message = `Fault ${fault.type} ${first?.code ?? ''} ${first?.message ?? ''}`.trim();
  if (first?.code === '610') return apiError('not_found', message, { status, body: fault });
  if (first?.code === '3001') return apiError('throttled', message, { status, body: fault });
  return apiError('rejected', message, { status, body: fault });
};

/**
 * QuickBooks Online API v3 for one realm. Reads and CDC live here; writes (another
 * engineer) go through `send`, which adds minorversion and reads faults the same way.
 */
export class QuickBooksClient {
  constructor(readonly http: HttpApiClient, readonly realmId: string, readonly minorVersion: number) {}

  static create(config: QuickBooksSideConfig, tokens: TokenSource, options: Partial<HttpClientOptions> = {}): QuickBooksClient {
    const http = new HttpApiClient({
      // QuickBooks sends no rate headers: 10 in flight per realm is the ceiling (facts §9); stay well under.
      target: 'quickbooks', baseUrl: config.apiBaseUrl, tokens, throttle: new HeaderThrottle(4), ...options,
    });
    return new QuickBooksClient(http, config.realmId, config.minorVersion);
  }

  private path(rest: string): string {
    return `/v3/company/${encodeURIComponent(this.realmId)}${rest}`;
  }

  /** Any call under /v3/company/{realm}, with minorversion, faults turned into typed errors. */
  async send<T>(method: string, rest: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
    const result = await this.http.request<unknown>(method, this.path(rest), { ...options, query: { minorversion: this.minorVersion, ...options.query } });
    return classifyFault(result) as ApiResult<T>;
  }

  /** One entity by id; the body is the entity itself (unwrapped from `{ "Bill": {...} }`). */
  async read(entity: string, id: string): Promise<ApiResult<QboObject>> {
    const result = await this.send<Record<string, unknown>>('GET', `/${entity.toLowerCase()}/${encodeURIComponent(id)}`);
    if (!result.ok) return result;
    const object = result.body[entity] ?? Object.entries(result.body).find(([key]) => key.toLowerCase() === entity.toLowerCase())?.[1];
    if (typeof object !== 'object' || object === null) return { ok: false, error: apiError('invalid_response', `no ${entity} in the response`) };
    return { ...result, body: object as QboObject };
  }

  /**
   * Change data capture since a moment (at most 30 days back, 1000 objects per answer;
   * facts §4). Deleted objects come as `{ status: "Deleted", Id, MetaData }`.
   */
  async changedSince(entities: readonly string[], since: Date): Promise<ApiResult<Array<{ entity: string; object: QboObject }>>> {
    const result = await this.send<Record<string, unknown>>('GET', '/cdc', { query: { entities: entities.join(','), changedSince: since.toISOString() } });
    if (!result.ok) return result;
    const changes: Array<{ entity: string; object: QboObject }> = [];
    const cdc = result.body.CDCResponse;
    for (const response of Array.isArray(cdc) ? cdc : []) {
      const groups = (response as { QueryResponse?: unknown }).QueryResponse;
      for (const group of Array.isArray(groups) ? groups : []) {
        for (const [entity, objects] of Object.entries(group as Record<string, unknown>)) {
          if (Array.isArray(objects)) for (const object of objects) changes.push({ entity, object: object as QboObject });
        }
      }
    }
    return { ...result, body: changes };
  }
}
