/**
 * The Procore simulator: a real HTTP server with Procore's paths, headers, status codes and
 * JSON shapes (per /work/shared/api-facts/procore.md), OAuth on the same host.
 *
 * Initial state (seed: true, from sample/sample-project.ts) — before the demo story runs:
 * - company 5358233, project 2468013; cost codes, cost types, one budget code (WBS) per code×type,
 *   budget lines 8810001.. (JSON numbers), vendors 5521-5523.
 * - commitments WO-001 786001 "Out For Signature", WO-002 786002 "Draft"; change orders
 *   CCO-001 91001, CCO-002 91002, PCO-001 92001 all "pending"; prime contract 640001 "Approved".
 * - requisitions 1280641-1280644 (1280644 is a credit) and payment applications 3301-3302: "draft".
 * - timecard entries 990100-990109: approval_status "pending". No hooks, payments or origin_ids.
 *
 * Admin verbs (programmatic `state.*`, or HTTP under /_sandbox/procore, never authenticated,
 * rate limited or faulted; each bumps updated_at and fires the matching webhook):
 * - POST requisitions {commitment_id, items?}; requisitions/:id/{submit|approve|approve_as_noted|revise|status|delete}
 * - POST payment_applications {items?}; payment_applications/:id/{submit|approve|revise|status|delete}
 * - commitments/:id/{approve|revise|void|status}; change_orders/:id/{approve|reject|void|revise|status}
 * - PATCH budget_line_items/:id; POST timecard_entries/:id/approve, timecard_entries/approve {ids?}
 * - POST oauth/authorization_codes, oauth/expire_access_tokens; GET state. Faults: /_sandbox/faults (kit).
 */
import { createSandboxServer, type DeliveryPolicy, FaultInjector, listen, WebhookDispatcher } from '../kit/index.js';
import { ProcoreAdmin } from './admin/admin.js';
import { registerOAuthRoutes } from './auth/oauth-routes.js';
import { TokenStore } from './auth/token-store.js';
import { emptyStore, seededStore } from './data/seed.js';
import { installErrorHandling, procoreServiceErrors } from './http/errors.js';
import { DEFAULT_RATE_LIMIT, installGuards, RateMeter, type RateWindow } from './http/guards.js';
import { registerAdminRoutes } from './routes/admin-routes.js';
import { registerContractRoutes } from './routes/contract-routes.js';
import { registerInvoiceRoutes } from './routes/invoice-routes.js';
import { registerPaymentRoutes } from './routes/payment-routes.js';
import { registerReferenceRoutes } from './routes/reference-routes.js';
import { registerVendorRoutes } from './routes/vendor-routes.js';
import { procoreDeliveryPolicy } from './webhooks/payloads.js';
import { HookRegistry } from './webhooks/registry.js';
import { registerWebhookRoutes } from './webhooks/hook-routes.js';

export interface ProcoreSandboxOptions {
  readonly port?: number;
  /** The hourly window; default 3600/hour (UNCONFIRMED number, see http/guards.ts). */
  readonly rateLimit?: RateWindow;
  /** Optional second, spike window (Procore's is 10 s; the quoted 25/10 s is UNCONFIRMED). */
  readonly spikeLimit?: RateWindow;
  readonly webhookPolicy?: DeliveryPolicy;
  /** Default 5400 (1.5 h), as Procore. */
  readonly accessTokenTtlSeconds?: number;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** false: only the company and the project, no records. */
  readonly seed?: boolean;
  readonly now?: () => Date;
}

export interface ProcoreSandbox {
  readonly baseUrl: string;
  readonly companyId: number;
  readonly projectId: number;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly faults: FaultInjector;
  readonly state: ProcoreAdmin;
  readonly webhooks: WebhookDispatcher;
  readonly hooks: HookRegistry;
  close(): Promise<void>;
}

export const SANDBOX_CLIENT = { clientId: 'trestle-sandbox-client', clientSecret: 'trestle-sandbox-secret' } as const;

export const startProcoreSandbox = async (options: ProcoreSandboxOptions = {}): Promise<ProcoreSandbox> => {
  const now = options.now ?? (() => new Date());
  const nowMs = () => now().getTime();
  const clientId = options.clientId ?? SANDBOX_CLIENT.clientId;
  const clientSecret = options.clientSecret ?? SANDBOX_CLIENT.clientSecret;
  const store = options.seed === false ? emptyStore(now) : seededStore(now);
  const faults = new FaultInjector(nowMs);
  const webhooks = new WebhookDispatcher(faults, options.webhookPolicy ?? procoreDeliveryPolicy());
  const hooks = new HookRegistry(store, webhooks);
  const tokens = new TokenStore({ clientId, clientSecret, ttlSeconds: options.accessTokenTtlSeconds ?? 5400, now });
  const meter = new RateMeter([options.rateLimit ?? DEFAULT_RATE_LIMIT, ...(options.spikeLimit ? [options.spikeLimit] : [])], nowMs);
  const state = new ProcoreAdmin(store, tokens);

  const app = createSandboxServer('procore', faults, procoreServiceErrors);
  installErrorHandling(app);
  installGuards(app, { tokens, meter, companyId: store.company.id });
  registerOAuthRoutes(app, tokens);
  registerReferenceRoutes(app, store);
  registerVendorRoutes(app, store);
  registerContractRoutes(app, store);
  registerInvoiceRoutes(app, store);
  registerPaymentRoutes(app, store);
  registerWebhookRoutes(app, store, hooks);
  registerAdminRoutes(app, state);

  const running = await listen(app, options.port);
  return {
    baseUrl: running.baseUrl, companyId: store.company.id, projectId: store.project.id, clientId, clientSecret,
    faults, state, webhooks, hooks,
    close: async () => {
      webhooks.stop();
      await running.close();
    },
  };
};

export { procoreDeliveryPolicy, type ProcoreRetrySchedule } from './webhooks/payloads.js';
export { RESOURCE, RESOURCE_NAMES, type ResourceName } from './webhooks/resources.js';
export type { RateWindow } from './http/guards.js';
export { ProcoreAdmin } from './admin/admin.js';
