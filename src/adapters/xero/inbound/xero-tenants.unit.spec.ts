import { describe, expect, it } from 'vitest';
import type { ConnectionConfig } from '../../../platform/config/connection.types.js';
import { xeroByTenant, xeroWebhookKeys } from './xero-tenants.js';

const connection = (name: string, accounting: Record<string, unknown>): ConnectionConfig => ({ name, accounting } as unknown as ConnectionConfig);

const CONNECTIONS = [
  connection('a', { system: 'xero', tenantId: 'AAAA-1111', webhookKey: 'key-1' }),
  connection('b', { system: 'xero', tenantId: 'aaaa-1111', webhookKey: 'key-2' }),
  connection('c', { system: 'xero', tenantId: 'bbbb-2222', webhookKey: 'key-1' }),
  connection('q', { system: 'quickbooks', realmId: 'aaaa-1111', webhookVerifierToken: 'key-1' }),
];

describe('Xero webhook routing', () => {
  it('offers each Xero app key once, and no QuickBooks token', () => {
    expect(xeroWebhookKeys(CONNECTIONS)).toEqual(['key-1', 'key-2']);
    expect(xeroWebhookKeys([connection('q', { system: 'quickbooks', realmId: 'r', webhookVerifierToken: 't' })])).toEqual([]);
  });

  it('picks the tenant\'s connections whose app signed, whatever the case of the tenant id', () => {
    expect(xeroByTenant(CONNECTIONS, 'aaaa-1111', ['key-1']).map((c) => c.name)).toEqual(['a']);
    expect(xeroByTenant(CONNECTIONS, 'AAAA-1111', ['key-1', 'key-2']).map((c) => c.name)).toEqual(['a', 'b']);
    expect(xeroByTenant(CONNECTIONS, 'cccc-3333', ['key-1'])).toEqual([]);
  });
});
