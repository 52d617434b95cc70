import type { TrestleConfig } from '../src/platform/config/connection.types.js';
import { parseTrestleConfig } from '../src/platform/config/connections.js';
import { projectRoot } from '../src/platform/config/project-root.js';

/** Which books a demo connection keeps: each is one connection of its own, with a Procore sandbox of its own. */
export type DemoBooks = 'quickbooks' | 'xero' | 'qbd';
/** What `npm start` runs: the sample story side by side in all three books. */
export const ALL_DEMO_BOOKS: readonly DemoBooks[] = ['quickbooks', 'xero', 'qbd'];
/** The connections' names (the QuickBooks Online one keeps `demo`, what the README's curl lines and the tests name). */
export const DEMO_CONNECTION: Readonly<Record<DemoBooks, string>> = { quickbooks: 'demo', xero: 'demo-xero', qbd: 'demo-qbd' };

export interface ProcoreEndpoint {
  readonly baseUrl: string;
  readonly companyId: string;
  readonly projectId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly webhookAuthorization: string;
}

/** What the demo needs to know about the in-process sandboxes (see startDemoSandboxes). */
export interface DemoEndpoints {
  /** The QuickBooks Online connection's Procore (and every connection's, unless `procoreOf` names another). */
  readonly procore: ProcoreEndpoint;
  /** A Procore sandbox of its own per connection, so one connection's write-backs (payments) never reach another's documents. */
  readonly procoreOf?: { readonly [books in DemoBooks]?: ProcoreEndpoint };
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
  /** The Web Connector's user and password (the bookkeeper types it), and the company file it opens. */
  readonly qbd?: {
    readonly userName: string;
    readonly password: string;
    readonly companyFile: string;
  };
}

export interface DemoConfigOptions {
  /** Reconciliation poll interval (default 60 s: the demo's story is short). */
  readonly pollSeconds?: number;
  /** The demo's connections by books (default: QuickBooks Online only; `npm start` asks for ALL_DEMO_BOOKS). */
  readonly books?: readonly DemoBooks[];
  /** Also build `demo-xero` (books: quickbooks and xero). */
  readonly withXero?: boolean;
  /** The port the hub will listen on, when known before it starts: the QuickBooks Desktop connection's `appUrl` (its .qwc). */
  readonly hubPort?: number;
}

/** The sample project's mappings ship with the repository, one per books system. */
export const SAMPLE_MAPPING_FILE = 'config/mapping.sample.yaml';
export const SAMPLE_XERO_MAPPING_FILE = 'config/mapping.xero.sample.yaml';
export const SAMPLE_QBD_MAPPING_FILE = 'config/mapping.qbd.sample.yaml';

/** The books of the demo's connections, in order (the QuickBooks Online one first). */
export const demoBooks = (options: DemoConfigOptions): DemoBooks[] => {
  const asked = new Set<DemoBooks>(options.books ?? ['quickbooks']);
  if (options.withXero) asked.add('xero');
  return ALL_DEMO_BOOKS.filter((books) => asked.has(books));
};

const constructionSide = (procore: ProcoreEndpoint) => ({
  system: 'procore', apiBaseUrl: procore.baseUrl, tokenUrl: `${procore.baseUrl}/oauth/token`, clientId: procore.clientId,
  clientSecret: procore.clientSecret, companyId: procore.companyId, grant: 'client_credentials',
  webhookAuthorization: procore.webhookAuthorization, projectIds: [procore.projectId],
});

/** Each books system's `accounting` section and mapping file, as a customer writes them; undefined when its sandbox is not running. */
const booksSide = (books: DemoBooks, endpoints: DemoEndpoints, options: DemoConfigOptions): { accounting: Record<string, unknown>; mappingFile: string } | undefined => {
  const { quickbooks, xero, qbd } = endpoints;
  if (books === 'quickbooks') {
    return {
      mappingFile: SAMPLE_MAPPING_FILE,
      accounting: {
        system: 'quickbooks', apiBaseUrl: quickbooks.baseUrl, tokenUrl: quickbooks.tokenUrl, clientId: quickbooks.clientId,
        clientSecret: quickbooks.clientSecret, refreshToken: quickbooks.refreshToken, realmId: quickbooks.realmId,
        webhookVerifierToken: quickbooks.webhookVerifierToken, minorVersion: 75,
      },
    };
  }
  if (books === 'xero') {
    return xero && {
      mappingFile: SAMPLE_XERO_MAPPING_FILE,
      accounting: {
        system: 'xero', apiBaseUrl: xero.apiBaseUrl, tokenUrl: xero.tokenUrl, clientId: xero.clientId, clientSecret: xero.clientSecret,
        refreshToken: xero.refreshToken, tenantId: xero.tenantId, webhookKey: xero.webhookKey,
      },
    };
  }
  // The Web Connector reaches the hub on this machine: http://localhost is the one plain-HTTP AppURL it accepts (qbd §3).
  const appUrl = options.hubPort ? { appUrl: `http://localhost:${options.hubPort}/qbwc` } : {};
  return qbd && {
    mappingFile: SAMPLE_QBD_MAPPING_FILE,
    accounting: { system: 'qbd', userName: qbd.userName, password: qbd.password, companyFile: qbd.companyFile, ...appUrl, runEveryMinutes: 1 },
  };
};

/**
 * The demo's connections file, exactly as a customer would write it (config/trestle.example.yaml):
 * one connection per books system asked for, each with its own sample Procore company posting
 * live to its books, every endpoint pointing at the in-process sandboxes, each system's sample
 * mapping file. Nothing here is a real secret.
 */
export const demoConfigDocument = (endpoints: DemoEndpoints, options: DemoConfigOptions = {}): Record<string, unknown> => {
  const connections: Record<string, unknown> = {};
  for (const books of demoBooks(options)) {
    const side = booksSide(books, endpoints, options);
    if (!side) continue;
    connections[DEMO_CONNECTION[books]] = {
      construction: constructionSide(endpoints.procoreOf?.[books] ?? endpoints.procore),
      ...side,
      polling: { intervalSeconds: options.pollSeconds ?? 60 },
      postingMode: 'live',
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
