import type { DemoSandboxes } from '../../../sandbox/demo-sandboxes.js';

/**
 * The two sides of a connection as a customer writes them in YAML (config/trestle.example.yaml),
 * every endpoint and credential pointing at the demo sandboxes: nothing of the demo's own
 * configuration is used.
 */
export const procoreSide = (s: DemoSandboxes) => ({
  system: 'procore', apiBaseUrl: s.endpoints.procore.baseUrl, tokenUrl: `${s.endpoints.procore.baseUrl}/oauth/token`,
  companyId: s.endpoints.procore.companyId, clientId: s.endpoints.procore.clientId, clientSecret: s.endpoints.procore.clientSecret,
  grant: 'client_credentials', webhookAuthorization: s.endpoints.procore.webhookAuthorization, projectIds: [s.endpoints.procore.projectId],
});

export const quickBooksSide = (s: DemoSandboxes) => ({
  system: 'quickbooks', apiBaseUrl: s.endpoints.quickbooks.baseUrl, tokenUrl: s.endpoints.quickbooks.tokenUrl, realmId: s.endpoints.quickbooks.realmId,
  clientId: s.endpoints.quickbooks.clientId, clientSecret: s.endpoints.quickbooks.clientSecret, refreshToken: s.endpoints.quickbooks.refreshToken,
  webhookVerifierToken: s.endpoints.quickbooks.webhookVerifierToken,
});

/** Bills AUTHORISED (posted, not drafts), as the sample story expects. */
export const xeroSide = (s: DemoSandboxes) => ({ system: 'xero', ...s.endpoints.xero, documentStatus: 'AUTHORISED' });

/** Keystone Mechanical's connection on Xero, the mapping in `keystone.mapping.yaml` beside the config, with an admin key. */
export const keystoneXeroConfig = (s: DemoSandboxes, adminKey: string) => ({
  connections: {
    keystone: { construction: procoreSide(s), accounting: xeroSide(s), mappingFile: './keystone.mapping.yaml', polling: { intervalSeconds: 60 }, postingMode: 'live' },
  },
  apiKeys: [{ role: 'admin', key: adminKey, name: 'operator' }],
});
