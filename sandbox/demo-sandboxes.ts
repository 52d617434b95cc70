import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { buildQwc } from '../src/adapters/qbd/qwc/qwc-file.js';
import type { TrestleConfig } from '../src/platform/config/connection.types.js';
import { demoBooks, demoConfig, DEMO_CONNECTION, type DemoBooks, type DemoConfigOptions, type DemoEndpoints, type ProcoreEndpoint } from './demo-config.js';
import type { DeliveryPolicy } from './kit/index.js';
import { RESOURCE_NAMES, startProcoreSandbox, type ProcoreSandbox, type RateWindow } from './procore/index.js';
import { createQbdSandbox, DEFAULT_COMPANY_FILE, type QbdSandbox } from './qbd/index.js';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startQuickBooksSandbox, type QuickBooksSandbox } from './quickbooks/index.js';
import { qbdBookkeeper, quickBooksBookkeeper, xeroBookkeeper } from './story/bookkeepers.js';
import type { StoryBookkeeper, StoryWorld } from './story/sample-story.js';
import { DEFAULT_SCOPES, startXeroSandbox, type XeroSandbox } from './xero/index.js';

/** The demo's Xero consent: the accounting scopes and Projects, where its timecards go (facts §11). */
const XERO_DEMO_SCOPES = [...DEFAULT_SCOPES, 'projects'];

/** One demo connection's world: its Procore sandbox and the bookkeeper of its books, for the story to play through. */
export interface DemoLane extends StoryWorld {
  readonly books: DemoBooks;
  readonly connection: string;
}

/**
 * The demo's simulators. As a StoryWorld it is the first connection's (QuickBooks Online's):
 * `procore` and `bookkeeper` are that connection's, which tests with a YAML connection of their
 * own on these sandboxes play the story through.
 */
export interface DemoSandboxes extends StoryWorld {
  readonly procore: ProcoreSandbox;
  readonly quickbooks: QuickBooksSandbox;
  readonly xero: XeroSandbox;
  /** The QuickBooks Desktop company and its Web Connector, once `connectWebhooks` gave it the .qwc (a `qbd` connection only). */
  readonly qbd: QbdSandbox | undefined;
  /** One per demo connection, in the config's order. */
  readonly lanes: readonly DemoLane[];
  readonly endpoints: DemoEndpoints;
  /** The demo's connections (one per books asked for), wired to these sandboxes. */
  readonly config: TrestleConfig;
  /** The port the hub must listen on: the QuickBooks Desktop connection's `appUrl` names it (chosen here when the hub's PORT is 0). */
  readonly hubPort: number | undefined;
  /**
   * Points every sandbox at the hub once it listens: on each connection's Procore a hook with a
   * trigger per resource and event, the QuickBooks webhook URL, Xero's subscription (which
   * passes intent-to-receive first, when a connection keeps its books in Xero), and the Web
   * Connector, given the .qwc of the QuickBooks Desktop connection, polling the hub's /qbwc on
   * its schedule. Throws when Xero's check fails. `connections` names the hub's connections on
   * the first Procore sandbox instead (a test's YAML-configured `acme`, say): then no Web
   * Connector starts.
   */
  connectWebhooks(hubUrl: string, connections?: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface DemoSandboxOptions extends DemoConfigOptions {
  /** QuickBooks payload shape (default CloudEvents, the one Intuit now requires). */
  readonly quickBooksFormat?: 'legacy' | 'cloudevents';
  /** Procore payload version of the demo hook (default v2). */
  readonly procorePayload?: 'v2' | 'v3' | 'v4';
  /** Faster webhook retries for tests. */
  readonly webhookPolicy?: DeliveryPolicy;
  /** Procore's hourly limit (benchmarks push more than the default 3600/hour through it). */
  readonly procoreRateLimit?: RateWindow;
  /** The QuickBooks sandbox's clock (MetaData times, webhook times): tests hold it to put two writes in one second. */
  readonly quickBooksNow?: () => Date;
  /**
   * How often the simulated Web Connector runs a session (default 10 s). The .qwc says every
   * minute, the shortest a real Web Connector schedules; the demo's story is ninety seconds long.
   */
  readonly webConnectorEveryMs?: number;
}

const secret = (prefix: string): string => `${prefix}-${randomBytes(18).toString('base64url')}`;

/** Procore's webhooks API, as an integrator sets it up (facts §6.1): one hook, one trigger per resource and event. */
const registerProcoreHook = async (procore: ProcoreSandbox, destination: string, authorization: string, version: string): Promise<void> => {
  const tokenResponse = await fetch(`${procore.baseUrl}/oauth/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: procore.clientId, client_secret: procore.clientSecret }).toString(),
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const call = async (path: string, body: unknown): Promise<{ id: number }> => {
    const response = await fetch(`${procore.baseUrl}${path}`, {
      method: 'POST', body: JSON.stringify(body),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'Procore-Company-Id': String(procore.companyId) },
    });
    if (!response.ok) throw new Error(`Procore sandbox ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: number };
  };
  const companyId = procore.companyId;
  const hook = await call('/rest/v1.0/webhooks/hooks', {
    company_id: companyId,
    hook: { api_version: version, namespace: `trestle-${randomBytes(4).toString('hex')}`, destination_url: destination, destination_headers: { Authorization: authorization } },
  });
  for (const resource of RESOURCE_NAMES) {
    for (const eventType of ['create', 'update', 'delete']) {
      await call(`/rest/v1.0/webhooks/hooks/${hook.id}/triggers`, { company_id: companyId, api_version: version, trigger: { resource_name: resource, event_type: eventType } });
    }
  }
};

/**
 * A free port for the hub, chosen before it starts because the QuickBooks Desktop connection's
 * config names it. Another process could take it before the hub listens: the hub then fails to
 * start (EADDRINUSE) rather than misbehave.
 */
const freePort = (): Promise<number> => new Promise((resolve, reject) => {
  const probe = createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as { port: number };
    probe.close(() => resolve(port));
  });
});

const procoreEndpoint = (procore: ProcoreSandbox, webhookAuthorization: string): ProcoreEndpoint => ({
  baseUrl: procore.baseUrl, companyId: String(procore.companyId), projectId: String(procore.projectId),
  clientId: procore.clientId, clientSecret: procore.clientSecret, webhookAuthorization,
});

/** The Web Connector reaches the hub on this machine as http://localhost (the one plain-HTTP AppURL it takes, qbd §3). */
const localAppUrl = (hubUrl: string): string => `http://localhost:${new URL(hubUrl).port}/qbwc`;

/**
 * Starts the sandboxes in this process, seeded with the sample project, and returns the demo's
 * connections wired to them (by default QuickBooks Online's alone; `npm start` asks for all
 * three books): what `npm start` runs with no TRESTLE_CONFIG. Each connection gets a Procore
 * sandbox of its own: the hub writes payments back to Procore, and three books paying one
 * requisition would pay it three times. Webhooks start flowing after `connectWebhooks(hub.url)`.
 */
export const startDemoSandboxes = async (options: DemoSandboxOptions = {}): Promise<DemoSandboxes> => {
  const procoreHook = `Bearer ${secret('procore-hook')}`;
  const verifierToken = secret('intuit-verifier');
  const webhookKey = secret('xero-key');
  const policy = options.webhookPolicy ? { policy: options.webhookPolicy } : {};
  const books = demoBooks(options);
  const procoreOptions = { ...(options.webhookPolicy ? { webhookPolicy: options.webhookPolicy } : {}), ...(options.procoreRateLimit ? { rateLimit: options.procoreRateLimit } : {}) };
  const procores = await Promise.all((books.length > 0 ? books : ['quickbooks']).map(() => startProcoreSandbox(procoreOptions)));
  const procore = procores[0]!;
  const quickbooks = await startQuickBooksSandbox({
    webhook: { verifierToken, format: options.quickBooksFormat ?? 'cloudevents', ...policy }, ...(options.quickBooksNow ? { now: options.quickBooksNow } : {}),
  });
  const xero = await startXeroSandbox({ webhook: { webhookKey, ...policy } });
  let qbd: QbdSandbox | undefined;
  const endpoints: DemoEndpoints = {
    procore: procoreEndpoint(procore, procoreHook),
    procoreOf: Object.fromEntries(books.map((b, i) => [b, procoreEndpoint(procores[i]!, procoreHook)])),
    quickbooks: {
      baseUrl: quickbooks.baseUrl, tokenUrl: quickbooks.tokenUrl, realmId: quickbooks.realmId, clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET, refreshToken: quickbooks.issueTokens().refresh_token, webhookVerifierToken: verifierToken,
    },
    xero: {
      apiBaseUrl: xero.apiBaseUrl, tokenUrl: xero.tokenUrl, tenantId: xero.state.tenantIds()[0] ?? '', clientId: xero.clientId,
      clientSecret: xero.clientSecret, refreshToken: (await xero.state.issueTokens({ scopes: XERO_DEMO_SCOPES })).refresh_token ?? '', webhookKey,
    },
    qbd: { userName: 'harbor-point-qbwc', password: secret('qbwc'), companyFile: DEFAULT_COMPANY_FILE },
  };
  const hubPort = books.includes('qbd') && !options.hubPort ? await freePort() : options.hubPort || undefined;
  const config = demoConfig(endpoints, { ...options, hubPort });
  const bookkeepers: Record<DemoBooks, StoryBookkeeper> = {
    quickbooks: quickBooksBookkeeper(quickbooks), xero: xeroBookkeeper(xero), qbd: qbdBookkeeper(() => qbd),
  };
  const lanes: DemoLane[] = books.map((b, i) => ({ books: b, connection: DEMO_CONNECTION[b], procore: procores[i]!, bookkeeper: bookkeepers[b] }));
  /** The bookkeeper adds the .qwc the operator made for the connection (`trestle qbd qwc`) and leaves the Web Connector on its schedule. */
  const startWebConnector = (hubUrl: string) => {
    const connection = config.connections.find((c) => c.accounting.system === 'qbd');
    if (!connection || connection.accounting.system !== 'qbd' || !endpoints.qbd) return;
    const side = connection.accounting;
    const qwc = buildQwc({ connection: connection.name, appUrl: side.appUrl || localAppUrl(hubUrl), userName: side.userName, runEveryMinutes: side.runEveryMinutes });
    qbd = createQbdSandbox({ qwc, password: endpoints.qbd.password, companyFile: side.companyFile || DEFAULT_COMPANY_FILE });
    qbd.connector.start(options.webConnectorEveryMs ?? 10_000);
  };
  return {
    procore, quickbooks, xero, endpoints, config, hubPort, lanes, bookkeeper: bookkeepers.quickbooks,
    get qbd() {
      return qbd;
    },
    connectWebhooks: async (hubUrl, names) => {
      const hooks = names ? names.map((name) => ({ name, procore })) : lanes.map((lane) => ({ name: lane.connection, procore: lane.procore }));
      for (const { name, procore: company } of hooks) {
        await registerProcoreHook(company, `${hubUrl}/webhooks/procore/${name}`, procoreHook, options.procorePayload ?? 'v2');
      }
      quickbooks.webhooks.configure({ url: `${hubUrl}/webhooks/quickbooks` });
      if (!names) startWebConnector(hubUrl);
      if (!config.connections.some((c) => c.accounting.system === 'xero')) return;
      const itr = await xero.state.runIntentToReceive(`${hubUrl}/webhooks/xero`);
      if (!itr.passed) throw new Error(`Xero intent to receive failed: ${itr.attempts.map((a) => a.reason ?? a.status).join('; ')}`);
    },
    close: async () => {
      await qbd?.stop();
      await Promise.allSettled([...procores.map((p) => p.close()), quickbooks.close(), xero.close()]);
    },
  };
};
