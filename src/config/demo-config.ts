import type { ConnectionConfig, TrestleConfig } from './connection.types.js';

/** What the demo needs to know about the in-process sandboxes (see startDemoSandboxes). */
export interface DemoEndpoints {
  readonly procore: {
    readonly baseUrl: string;
    readonly companyId: string;
    readonly projectId: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly webhookAuthorization: string;
  };
  readonly quickbooks: {
    readonly baseUrl: string;
    readonly tokenUrl: string;
    readonly realmId: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly refreshToken: string;
    readonly webhookVerifierToken: string;
  };
  readonly xero?: {
    readonly apiBaseUrl: string;
    readonly tokenUrl: string;
    readonly tenantId: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly refreshToken: string;
    readonly webhookKey: string;
  };
}

export interface DemoConfigOptions {
  /** Reconciliation poll interval (default 60 s: the demo's story is short). */
  readonly pollSeconds?: number;
  /** Also build `demo-xero` (same Procore company, books in Xero) when the Xero sandbox is given. */
  readonly withXero?: boolean;
}

/**
 * The `demo` connection: the sample Procore company posting live to the sample
 * QuickBooks company, all on the in-process sandboxes. Nothing here is a real secret.
 */
export const demoConfig = (endpoints: DemoEndpoints, options: DemoConfigOptions = {}): TrestleConfig => {
  const { procore, quickbooks, xero } = endpoints;
  const construction = {
    system: 'procore', apiBaseUrl: procore.baseUrl, tokenUrl: `${procore.baseUrl}/oauth/token`, clientId: procore.clientId,
    clientSecret: procore.clientSecret, companyId: procore.companyId, grant: 'client_credentials',
    webhookAuthorization: procore.webhookAuthorization, projectIds: [procore.projectId],
  } as const;
  const polling = { intervalSeconds: options.pollSeconds ?? 60 };
  const demo: ConnectionConfig = {
    name: 'demo', construction, polling, postingMode: 'live',
    accounting: {
      system: 'quickbooks', apiBaseUrl: quickbooks.baseUrl, tokenUrl: quickbooks.tokenUrl, clientId: quickbooks.clientId,
      clientSecret: quickbooks.clientSecret, refreshToken: quickbooks.refreshToken, realmId: quickbooks.realmId,
      webhookVerifierToken: quickbooks.webhookVerifierToken, minorVersion: 75,
    },
  };
  const connections: ConnectionConfig[] = [demo];
  if (options.withXero && xero) {
    connections.push({
      name: 'demo-xero', construction, polling, postingMode: 'live',
      accounting: {
        system: 'xero', apiBaseUrl: xero.apiBaseUrl, tokenUrl: xero.tokenUrl, clientId: xero.clientId, clientSecret: xero.clientSecret,
        refreshToken: xero.refreshToken, tenantId: xero.tenantId, webhookKey: xero.webhookKey,
      },
    });
  }
  return { connections, apiKeys: [], demo: true };
};
