import type { ApiResult } from '../../platform/http/api-result.js';
import type { QuickBooksClient } from './quickbooks-client.js';

/**
 * Where a company tracks classes (Preferences.AccountingInfoPrefs, facts §2.10): one class per
 * transaction, one per line, or none. QuickBooks ignores a ClassRef anywhere else.
 */
export interface ClassTracking {
  readonly perTxn: boolean;
  readonly perLine: boolean;
}

type PreferencesBody = { Preferences?: { AccountingInfoPrefs?: { ClassTrackingPerTxn?: unknown; ClassTrackingPerLine?: unknown } } };

/** `GET /preferences`: a setting the answer leaves out is off. */
export const readClassTracking = async (client: QuickBooksClient): Promise<ApiResult<ClassTracking>> => {
  const result = await client.send<PreferencesBody>('GET', '/preferences');
  if (!result.ok) return result;
  const prefs = result.body.Preferences?.AccountingInfoPrefs;
  return { ...result, body: { perTxn: prefs?.ClassTrackingPerTxn === true, perLine: prefs?.ClassTrackingPerLine === true } };
};

/** A company changes this setting rarely: ten minutes old is fresh enough. */
const DEFAULT_TTL_MS = 10 * 60_000;

/**
 * Each realm's class tracking, read once and kept (a read is metered, and every write needs
 * it). Read again after `ttlMs`, or at the next write after `forget`.
 */
export class CompanyPreferences {
  private readonly cached = new Map<string, { readonly value: ClassTracking; readonly at: number }>();

  constructor(private readonly ttlMs = DEFAULT_TTL_MS, private readonly now: () => number = Date.now) {}

  async classTracking(client: QuickBooksClient): Promise<ApiResult<ClassTracking>> {
    const hit = this.cached.get(client.realmId);
    if (hit && this.now() - hit.at < this.ttlMs) return { ok: true, status: 200, body: hit.value, headers: new Headers() };
    const result = await readClassTracking(client);
    if (result.ok) this.cached.set(client.realmId, { value: result.body, at: this.now() });
    return result;
  }

  forget(realmId: string): void {
    this.cached.delete(realmId);
  }
}
