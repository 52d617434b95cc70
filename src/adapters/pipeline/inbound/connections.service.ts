import { Inject, Injectable } from '@nestjs/common';
import type { ConnectionConfig, QuickBooksSideConfig, TrestleConfig, XeroSideConfig } from '../../../platform/config/connection.types.js';

/** DI token for the loaded TrestleConfig (connections file, or the demo's). */
export const TRESTLE_CONFIG = Symbol('TrestleConfig');

const unique = (values: readonly string[]): string[] => [...new Set(values.filter((v) => v !== ''))];

/** The configured connections, looked up the ways webhooks address them. */
@Injectable()
export class ConnectionsService {
  private readonly byName: ReadonlyMap<string, ConnectionConfig>;

  constructor(@Inject(TRESTLE_CONFIG) readonly config: TrestleConfig) {
    this.byName = new Map(config.connections.map((c) => [c.name, c]));
  }

  all(): readonly ConnectionConfig[] {
    return this.config.connections;
  }

  get(name: string): ConnectionConfig | undefined {
    return this.byName.get(name);
  }

  /** Intuit signs with one verifier token per app; connections of different apps may differ. */
  quickBooksVerifierTokens(): string[] {
    return unique(this.config.connections.flatMap((c) => (c.accounting.system === 'quickbooks' ? [c.accounting.webhookVerifierToken] : [])));
  }

  /** Connections on this realm whose app's token signed the delivery. */
  quickBooksByRealm(realmId: string, signedWith: readonly string[]): Array<ConnectionConfig & { accounting: QuickBooksSideConfig }> {
    return this.config.connections.filter((c): c is ConnectionConfig & { accounting: QuickBooksSideConfig } =>
      c.accounting.system === 'quickbooks' && c.accounting.realmId === realmId && signedWith.includes(c.accounting.webhookVerifierToken));
  }

  xeroWebhookKeys(): string[] {
    return unique(this.config.connections.flatMap((c) => (c.accounting.system === 'xero' ? [c.accounting.webhookKey] : [])));
  }

  xeroByTenant(tenantId: string, signedWith: readonly string[]): Array<ConnectionConfig & { accounting: XeroSideConfig }> {
    return this.config.connections.filter((c): c is ConnectionConfig & { accounting: XeroSideConfig } =>
      c.accounting.system === 'xero' && c.accounting.tenantId.toLowerCase() === tenantId.toLowerCase() && signedWith.includes(c.accounting.webhookKey));
  }
}
