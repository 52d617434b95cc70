import { randomBytes } from 'node:crypto';
import type { TrestleConfig } from '../src/platform/config/connection.types.js';
import { demoConfig, type DemoConfigOptions, type DemoEndpoints } from './demo-config.js';
import type { DeliveryPolicy } from './kit/index.js';
import { RESOURCE_NAMES, startProcoreSandbox, type ProcoreSandbox, type RateWindow } from './procore/index.js';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startQuickBooksSandbox, type QuickBooksSandbox } from './quickbooks/index.js';
import { DEFAULT_SCOPES, startXeroSandbox, type XeroSandbox } from './xero/index.js';

/** The demo's Xero consent: the accounting scopes and Projects, where its timecards go (facts §11). */
const XERO_DEMO_SCOPES = [...DEFAULT_SCOPES, 'projects'];

export interface DemoSandboxes {
  readonly procore: ProcoreSandbox;
  readonly quickbooks: QuickBooksSandbox;
  readonly xero: XeroSandbox;
  readonly endpoints: DemoEndpoints;
  /** The `demo` connection (and `demo-xero` when asked for), wired to these sandboxes. */
  readonly config: TrestleConfig;
  /**
   * Points every sandbox's webhooks at the hub once it listens: a Procore hook with a
   * trigger per resource and event, the QuickBooks webhook URL, and Xero's subscription
   * (which passes intent-to-receive first, when a connection keeps its books in Xero).
   * Throws when Xero's check fails. `connections` names the hub's connections on these
   * sandboxes (default the demo's; a test's YAML-configured `acme`, say).
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
 * Starts Procore, QuickBooks and Xero sandboxes in this process, seeded with the sample
 * project, and returns the demo connection wired to them: what `npm start` runs with no
 * TRESTLE_CONFIG. Webhooks start flowing after `connectWebhooks(hub.url)`.
 */
export const startDemoSandboxes = async (options: DemoSandboxOptions = {}): Promise<DemoSandboxes> => {
  const procoreHook = `Bearer ${secret('procore-hook')}`;
  const verifierToken = secret('intuit-verifier');
  const webhookKey = secret('xero-key');
  const policy = options.webhookPolicy ? { policy: options.webhookPolicy } : {};
  const procore = await startProcoreSandbox({
    ...(options.webhookPolicy ? { webhookPolicy: options.webhookPolicy } : {}), ...(options.procoreRateLimit ? { rateLimit: options.procoreRateLimit } : {}),
  });
  const quickbooks = await startQuickBooksSandbox({
    webhook: { verifierToken, format: options.quickBooksFormat ?? 'cloudevents', ...policy }, ...(options.quickBooksNow ? { now: options.quickBooksNow } : {}),
  });
  const xero = await startXeroSandbox({ webhook: { webhookKey, ...policy } });
  const endpoints: DemoEndpoints = {
    procore: {
      baseUrl: procore.baseUrl, companyId: String(procore.companyId), projectId: String(procore.projectId),
      clientId: procore.clientId, clientSecret: procore.clientSecret, webhookAuthorization: procoreHook,
    },
    quickbooks: {
      baseUrl: quickbooks.baseUrl, tokenUrl: quickbooks.tokenUrl, realmId: quickbooks.realmId, clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET, refreshToken: quickbooks.issueTokens().refresh_token, webhookVerifierToken: verifierToken,
    },
    xero: {
      apiBaseUrl: xero.apiBaseUrl, tokenUrl: xero.tokenUrl, tenantId: xero.state.tenantIds()[0] ?? '', clientId: xero.clientId,
      clientSecret: xero.clientSecret, refreshToken: (await xero.state.issueTokens({ scopes: XERO_DEMO_SCOPES })).refresh_token ?? '', webhookKey,
    },
  };
  const config = demoConfig(endpoints, options);
  return {
    procore, quickbooks, xero, endpoints, config,
    connectWebhooks: async (hubUrl, names = config.connections.map((c) => c.name)) => {
      for (const name of names) {
        await registerProcoreHook(procore, `${hubUrl}/webhooks/procore/${name}`, procoreHook, options.procorePayload ?? 'v2');
      }
      quickbooks.webhooks.configure({ url: `${hubUrl}/webhooks/quickbooks` });
      if (!config.connections.some((c) => c.accounting.system === 'xero')) return;
      const itr = await xero.state.runIntentToReceive(`${hubUrl}/webhooks/xero`);
      if (!itr.passed) throw new Error(`Xero intent to receive failed: ${itr.attempts.map((a) => a.reason ?? a.status).join('; ')}`);
    },
    close: async () => {
      await Promise.allSettled([procore.close(), quickbooks.close(), xero.close()]);
    },
  };
};
