import { ApiCallError, type ApiResult } from '../../../platform/http/api-result.js';
import type { Json, ProcoreClient } from '../procore-client.js';
import { idOf, list, obj, text } from '../../pipeline/inbound/normalise/json-read.js';

const HOOKS = '/rest/v1.0/webhooks/hooks';

export interface RemoteHook {
  readonly id: string;
  readonly namespace: string;
  readonly destinationUrl: string;
  readonly authorization: string | undefined;
}

export interface RemoteTrigger { readonly id: string; readonly resourceName: string; readonly eventType: string }

/** What a hook is set up with: company scope, payload version, destination and the header the hub verifies. */
export interface HookSpec {
  readonly namespace: string;
  readonly apiVersion: string;
  readonly destinationUrl: string;
  readonly authorization: string;
}

const need = <T>(result: ApiResult<T>): T => {
  if (!result.ok) throw new ApiCallError('procore', result.error);
  return result.body;
};

/** Header names are case-insensitive; Procore echoes `destination_headers` as given. */
const authorizationOf = (headers: Json | undefined): string | undefined => {
  const entry = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization');
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
};

const hookOf = (raw: Json): RemoteHook => ({
  id: idOf(raw.id) ?? '', namespace: text(raw.namespace) ?? '', destinationUrl: text(raw.destination_url) ?? '',
  authorization: authorizationOf(obj(raw.destination_headers)),
});

const hookBody = (spec: HookSpec): Json => ({
  api_version: spec.apiVersion, namespace: spec.namespace, destination_url: spec.destinationUrl,
  destination_headers: { Authorization: spec.authorization },
});

/**
 * Procore's webhooks API (facts §6.1), company scope: hooks (destination + headers) and their
 * triggers (resource + event). Every call sends `company_id`, as hook and trigger must share
 * scope (and api_version) for anything to be delivered.
 */
export class ProcoreWebhooksApi {
  constructor(private readonly client: ProcoreClient) {}

  private get scope(): Json {
    return { company_id: this.client.companyId };
  }

  /** The resource names this company can subscribe to; the docs publish only some (facts §6.1). */
  async resourceNames(): Promise<string[]> {
    const rows = need(await this.client.http.get<unknown>('/rest/v1.0/webhooks/resources', { query: { company_id: this.client.companyId } }));
    if (!Array.isArray(rows)) return [];
    return rows.flatMap((row: unknown) => {
      const name = typeof row === 'string' ? row : text(obj(row)?.name) ?? text(obj(row)?.resource_name);
      return name ? [name] : [];
    });
  }

  /** Hooks of the company, filtered here by namespace (a server-side filter is not documented). */
  async hooksIn(namespace: string): Promise<RemoteHook[]> {
    const rows = need(await this.client.listAll(HOOKS, { company_id: this.client.companyId }));
    return rows.map(hookOf).filter((h) => h.namespace === namespace);
  }

  async createHook(spec: HookSpec): Promise<RemoteHook> {
    return hookOf(need(await this.client.http.request<Json>('POST', HOOKS, { body: { ...this.scope, hook: hookBody(spec) } })));
  }

  async updateHook(id: string, spec: HookSpec): Promise<RemoteHook> {
    return hookOf(need(await this.client.http.request<Json>('PATCH', `${HOOKS}/${encodeURIComponent(id)}`, { body: { ...this.scope, hook: hookBody(spec) } })));
  }

  async triggersOf(hookId: string): Promise<RemoteTrigger[]> {
    const rows = need(await this.client.http.get<unknown>(`${HOOKS}/${encodeURIComponent(hookId)}/triggers`, { query: { company_id: this.client.companyId } }));
    return list(rows).map((t) => ({ id: idOf(t.id) ?? '', resourceName: text(t.resource_name) ?? '', eventType: text(t.event_type) ?? '' }));
  }

  async createTrigger(hookId: string, apiVersion: string, resourceName: string, eventType: string): Promise<RemoteTrigger> {
    const body = { ...this.scope, api_version: apiVersion, trigger: { resource_name: resourceName, event_type: eventType } };
    const raw = need(await this.client.http.request<Json>('POST', `${HOOKS}/${encodeURIComponent(hookId)}/triggers`, { body }));
    return { id: idOf(raw.id) ?? '', resourceName, eventType };
  }
}
