import type { FastifyInstance } from 'fastify';
import { createSandboxServer, FaultInjector, listen, type DeliveryPolicy } from '../kit/index.js';
import { SAMPLE_COMPANY, SAMPLE_XERO } from '../sample/sample-project.js';
import { registerAdminRoutes } from './admin/routes.js';
import { accountingGuard } from './auth/guard.js';
import { sandboxUser } from './auth/claims.js';
import { registerDiscovery } from './auth/discovery-routes.js';
import { processSigningKey, type SigningKey } from './auth/signing-key.js';
import { registerIdentity } from './auth/token-routes.js';
import { TokenAuthority } from './auth/tokens.js';
import { registerContactRoutes } from './contacts/routes.js';
import { registerLedgerRoutes } from './documents/routes.js';
import type { ApiDeps } from './http/write.js';
import { registerInvoiceRoutes } from './invoices/routes.js';
import type { Organisation } from './org/organisation.js';
import { emptyOrganisation, seedSampleOrganisation } from './org/seed.js';
import { registerPaymentRoutes } from './payments/routes.js';
import { ProjectsStore } from './projects/model.js';
import { registerProjectsApi } from './projects/routes.js';
import { registerSettingsRoutes } from './settings/routes.js';
import { XeroSandboxState } from './state.js';
import { installErrorHandlers, xeroServiceErrors } from './support/errors.js';
import { IdempotencyStore } from './traffic/idempotency.js';
import { XeroLimits, type XeroLimitOptions } from './traffic/limits.js';
import { XeroWebhooks } from './webhooks/publisher.js';

export interface XeroSandboxOptions {
  readonly port?: number;
  readonly limits?: XeroLimitOptions;
  readonly webhook?: { readonly url?: string; readonly webhookKey: string; readonly policy?: DeliveryPolicy };
  readonly accessTokenTtlSeconds?: number;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** false: an empty organisation (bank and sales accounts only) under the sample tenant id. */
  readonly seed?: boolean;
  /** Drives token expiry, rate-limit windows, idempotency retention and timestamps; faults and webhook retries use the wall clock. */
  readonly now?: () => Date;
  /** The app name Xero echoes as ProviderName. */
  readonly providerName?: string;
}

export interface XeroSandbox {
  /** Also the OpenID issuer: discovery at `${baseUrl}/.well-known/openid-configuration`. */
  readonly baseUrl: string;
  readonly discoveryUrl: string;
  /** What a connection's apiBaseUrl points at. */
  readonly apiBaseUrl: string;
  /** What a connection's projectsApiBaseUrl points at (the Projects API). */
  readonly projectsApiBaseUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly faults: FaultInjector;
  readonly state: XeroSandboxState;
  readonly webhooks: XeroWebhooks;
  /** The Projects API's data (projects.xro/2.0), per tenant. */
  readonly projects: ProjectsStore;
  close(): Promise<void>;
}

export const DEFAULT_CLIENT_ID = 'trestle-xero-sandbox-client';
export const DEFAULT_CLIENT_SECRET = 'trestle-xero-sandbox-secret';

const firstOrganisation = (seed: boolean, nowMs: number): Organisation =>
  (seed ? seedSampleOrganisation(nowMs) : emptyOrganisation(SAMPLE_XERO.tenantId, SAMPLE_COMPANY.name, nowMs));

/** The Accounting API under /api.xro/2.0: JSON only, every call through the guard. */
const registerAccounting = async (app: FastifyInstance, deps: ApiDeps, guard: ReturnType<typeof accountingGuard>) => {
  await app.register(async (api) => {
    api.removeContentTypeParser('text/plain');
    api.addHook('onRequest', guard);
    registerInvoiceRoutes(api, deps);
    registerContactRoutes(api, deps);
    registerPaymentRoutes(api, deps);
    registerLedgerRoutes(api, deps);
    registerSettingsRoutes(api, deps);
  }, { prefix: '/api.xro/2.0' });
};

/** The simulator's moving parts, before any HTTP is involved. */
const assemble = (options: XeroSandboxOptions, origin: () => string, key: SigningKey) => {
  const apiBase = () => `${origin()}/api.xro/2.0`;
  const now = () => (options.now ? options.now().getTime() : Date.now());
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const first = firstOrganisation(options.seed !== false, now());
  const tenants = new Map<string, Organisation>([[first.tenantId, first]]);
  const faults = new FaultInjector();
  const tokens = new TokenAuthority(options.accessTokenTtlSeconds ?? 1800, now, { key, issuer: origin, user: sandboxUser() });
  const limits = new XeroLimits(options.limits, now);
  const webhooks = new XeroWebhooks(faults, options.webhook, apiBase, now);
  const state = new XeroSandboxState({ tenants, defaultTenantId: first.tenantId, tokens, clientId, limits, webhooks, now });
  const deps: ApiDeps = {
    now, providerName: options.providerName ?? 'Trestle', idempotency: new IdempotencyStore(now),
    publish: (tenantId, changes) => webhooks.publish(tenantId, changes),
  };
  const organisation = (tenantId: string) => tenants.get(tenantId.toLowerCase());
  return { clientId, clientSecret: options.clientSecret ?? DEFAULT_CLIENT_SECRET, tenants, organisation, faults, tokens, limits, webhooks, state, deps };
};

/**
 * Starts the Xero simulator in-process: Accounting API, the OpenID provider (discovery,
 * JWKS, authorize, token, userinfo, revocation) and /connections on one origin.
 */
export const startXeroSandbox = async (options: XeroSandboxOptions = {}): Promise<XeroSandbox> => {
  let baseUrl = '';
  const key = await processSigningKey();
  const { clientId, clientSecret, tenants, organisation, faults, tokens, limits, webhooks, state, deps } = assemble(options, () => baseUrl, key);
  const app = createSandboxServer('xero', faults, xeroServiceErrors);
  installErrorHandlers(app);
  await registerIdentity(app, { tokens, clientId, clientSecret, organisation, tenantIds: () => [...tenants.keys()] });
  registerDiscovery(app, { tokens, key, issuer: () => baseUrl });
  await registerAccounting(app, deps, accountingGuard({ tokens, limits, organisation }));
  const projects = new ProjectsStore();
  await registerProjectsApi(app, deps, accountingGuard({ tokens, limits, organisation }), projects);
  registerAdminRoutes(app, state, webhooks);
  const running = await listen(app, options.port);
  baseUrl = running.baseUrl;
  return {
    baseUrl, discoveryUrl: `${baseUrl}/.well-known/openid-configuration`, apiBaseUrl: `${baseUrl}/api.xro/2.0`, projectsApiBaseUrl: `${baseUrl}/projects.xro/2.0`, tokenUrl: `${baseUrl}/connect/token`, clientId, clientSecret, faults, state, webhooks, projects,
    close: async () => {
      webhooks.dispatcher.stop();
      await running.close();
    },
  };
};
