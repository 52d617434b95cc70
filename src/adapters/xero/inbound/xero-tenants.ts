import type { ConnectionConfig, XeroSideConfig } from '../../../platform/config/connection.types.js';

type XeroConnection = ConnectionConfig & { accounting: XeroSideConfig };

const onXero = (c: ConnectionConfig): c is XeroConnection => c.accounting.system === 'xero';

/** Each Xero app signs with its own webhook key; connections of different apps may differ. */
export const xeroWebhookKeys = (connections: readonly ConnectionConfig[]): string[] =>
  [...new Set(connections.filter(onXero).map((c) => c.accounting.webhookKey).filter((key) => key !== ''))];

/** Connections on this tenant (Xero's ids compare case-insensitively) whose app's key signed the delivery. */
export const xeroByTenant = (connections: readonly ConnectionConfig[], tenantId: string, signedWith: readonly string[]): XeroConnection[] =>
  connections.filter(onXero).filter((c) => c.accounting.tenantId.toLowerCase() === tenantId.toLowerCase() && signedWith.includes(c.accounting.webhookKey));
