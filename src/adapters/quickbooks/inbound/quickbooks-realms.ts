import type { ConnectionConfig, QuickBooksSideConfig } from '../../../platform/config/connection.types.js';

type QuickBooksConnection = ConnectionConfig & { accounting: QuickBooksSideConfig };

const onQuickBooks = (c: ConnectionConfig): c is QuickBooksConnection => c.accounting.system === 'quickbooks';

/** Intuit signs with one verifier token per app; connections of different apps may differ. */
export const quickBooksVerifierTokens = (connections: readonly ConnectionConfig[]): string[] =>
  [...new Set(connections.filter(onQuickBooks).map((c) => c.accounting.webhookVerifierToken).filter((token) => token !== ''))];

/** Connections on this realm whose app's token signed the delivery. */
export const quickBooksByRealm = (connections: readonly ConnectionConfig[], realmId: string, signedWith: readonly string[]): QuickBooksConnection[] =>
  connections.filter(onQuickBooks).filter((c) => c.accounting.realmId === realmId && signedWith.includes(c.accounting.webhookVerifierToken));
