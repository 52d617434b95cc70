import { describe, expect, it } from 'vitest';
import type { ConnectionConfig } from '../../../platform/config/connection.types.js';
import { quickBooksByRealm, quickBooksVerifierTokens } from './quickbooks-realms.js';

const connection = (name: string, accounting: Record<string, unknown>): ConnectionConfig => ({ name, accounting } as unknown as ConnectionConfig);

const CONNECTIONS = [
  connection('a', { system: 'quickbooks', realmId: '9130', webhookVerifierToken: 'token-1' }),
  connection('b', { system: 'quickbooks', realmId: '9130', webhookVerifierToken: 'token-2' }),
  connection('c', { system: 'quickbooks', realmId: '4620', webhookVerifierToken: 'token-1' }),
  connection('x', { system: 'xero', tenantId: '9130', webhookKey: 'token-1' }),
];

describe('QuickBooks webhook routing', () => {
  it('offers each Intuit app token once, and no Xero key', () => {
    expect(quickBooksVerifierTokens(CONNECTIONS)).toEqual(['token-1', 'token-2']);
    expect(quickBooksVerifierTokens([connection('x', { system: 'xero', tenantId: 't', webhookKey: 'k' })])).toEqual([]);
  });

  it('picks the realm\'s connections whose app signed the delivery', () => {
    expect(quickBooksByRealm(CONNECTIONS, '9130', ['token-2']).map((c) => c.name)).toEqual(['b']);
    expect(quickBooksByRealm(CONNECTIONS, '9130', ['token-1', 'token-2']).map((c) => c.name)).toEqual(['a', 'b']);
    expect(quickBooksByRealm(CONNECTIONS, '7777', ['token-1'])).toEqual([]);
  });
});
