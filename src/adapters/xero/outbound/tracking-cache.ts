import type { ApiResult } from '../../../platform/http/api-result.js';
import type { XeroClient, XeroObject } from '../xero-client.js';

export interface TrackingOption {
  readonly id: string;
  readonly name: string;
}

export interface TrackingCategory {
  readonly id: string;
  readonly name: string;
  readonly options: readonly TrackingOption[];
}

/** What a line's `Tracking[]` entry names: by ids, with the names Xero shows. */
export interface LineTracking {
  readonly TrackingCategoryID: string;
  readonly TrackingOptionID: string;
  readonly Name: string;
  readonly Option: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const categoryOf = (raw: XeroObject): TrackingCategory => ({
  id: text(raw.TrackingCategoryID).toLowerCase(),
  name: text(raw.Name),
  options: (Array.isArray(raw.Options) ? raw.Options as XeroObject[] : [])
    .filter((o) => o.Status === undefined || o.Status === 'ACTIVE')
    .map((o) => ({ id: text(o.TrackingOptionID).toLowerCase(), name: text(o.Name) })),
});

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Each tenant's active tracking categories and options, read once and again after the hub
 * adds an option (or a reference names one it has not seen: someone added it in Xero).
 */
export class TrackingCache {
  private readonly byTenant = new Map<string, Promise<ApiResult<TrackingCategory[]>>>();

  load(client: XeroClient, fresh = false): Promise<ApiResult<TrackingCategory[]>> {
    const cached = this.byTenant.get(client.tenantId);
    if (cached && !fresh) return cached;
    const loading = client.list('TrackingCategories').then((r): ApiResult<TrackingCategory[]> => (r.ok ? { ...r, body: r.body.map(categoryOf) } : r));
    this.byTenant.set(client.tenantId, loading);
    void loading.then((r) => {
      if (!r.ok && this.byTenant.get(client.tenantId) === loading) this.byTenant.delete(client.tenantId);
    });
    return loading;
  }

  forget(client: XeroClient): void {
    this.byTenant.delete(client.tenantId);
  }
}

/**
 * A tracking reference as the mapping names it: a TrackingOptionID, or `Category/Option`
 * by names (what a bookkeeper reads in Xero). Undefined when no active option matches.
 */
export const findTracking = (categories: readonly TrackingCategory[], value: string): LineTracking | undefined => {
  const slash = value.indexOf('/');
  for (const category of categories) {
    const option = slash > 0
      ? (same(category.name, value.slice(0, slash)) ? category.options.find((o) => same(o.name, value.slice(slash + 1))) : undefined)
      : category.options.find((o) => o.id === value.toLowerCase());
    if (option) return { TrackingCategoryID: category.id, TrackingOptionID: option.id, Name: category.name, Option: option.name };
  }
  return undefined;
};

export const categoryNamed = (categories: readonly TrackingCategory[], name: string): TrackingCategory | undefined =>
  categories.find((c) => same(c.name, name) || c.id === name.toLowerCase());
