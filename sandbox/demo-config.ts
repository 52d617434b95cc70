import type { TrestleConfig } from '../src/platform/config/connection.types.js';
import { parseTrestleConfig } from '../src/platform/config/connections.js';
import { projectRoot } from '../src/platform/config/project-root.js';

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

/** The sample project's mappings ship with the repository: QuickBooks Online's for `demo`, Xero's (account codes, tracking options) for `demo-xero`. */
export const SAMPLE_MAPPING_FILE = 'config/mapping.sample.yaml';
export const SAMPLE_XERO_MAPPING_FILE = 'config/mapping.xero.sample.yaml';

/**
 * The demo's connections file, exactly as a customer would write it (config/trestle.example.yaml):
 * the sample Procore company posting live to the sample QuickBooks company (and, when asked,
 * to Xero as `demo-xero`), every endpoint pointing at the in-process sandboxes, the sample
 * mapping file. Nothing here is a real secret.
 */
export const demoConfigDocument = (endpoints: DemoEndpoints, options: DemoConfigOptions = {}): Record<string, unknown> => {
  const { procore, quickbooks, xero } = endpoints;
  const construction = {
    system: 'procore', apiBaseUrl: procore.baseUrl, tokenUrl: `${procore.baseUrl}/oauth/token`, clientId: procore.clientId,
    clientSecret: procore.clientSecret, companyId: procore.companyId, grant: 'client_credentials',
    webhookAuthorization: procore.webhookAuthorization, projectIds: [procore.projectId],
  };
  const shared = { construction, mappingFile: SAMPLE_MAPPING_FILE, polling: { intervalSeconds: options.pollSeconds ?? 60 }, postingMode: 'live' };
  const connections: Record<string, unknown> = {
    demo: {
      ...shared,
      accounting: {
        system: 'quickbooks', apiBaseUrl: quickbooks.baseUrl, tokenUrl: quickbooks.tokenUrl, clientId: quickbooks.clientId,
        clientSecret: quickbooks.clientSecret, refreshToken: quickbooks.refreshToken, realmId: quickbooks.realmId,
        webhookVerifierToken: quickbooks.webhookVerifierToken, minorVersion: 75,
      },
    },
  };
  if (options.withXero && xero) {
    connections['demo-xero'] = {
      ...shared,
      mappingFile: SAMPLE_XERO_MAPPING_FILE,
      accounting: {
        system: 'xero', apiBaseUrl: xero.apiBaseUrl, tokenUrl: xero.tokenUrl, clientId: xero.clientId, clientSecret: xero.clientSecret,
        refreshToken: xero.refreshToken, tenantId: xero.tenantId, webhookKey: xero.webhookKey,
      },
    };
  }
  return { connections };
};

/**
 * The demo's config: its connections file read by the same loader as TRESTLE_CONFIG (paths
 * relative to the repository), so everything the demo does a customer's file can do too.
 */
export const demoConfig = (endpoints: DemoEndpoints, options: DemoConfigOptions = {}): TrestleConfig =>
  ({ ...parseTrestleConfig(demoConfigDocument(endpoints, options), {}, projectRoot()), demo: true });
