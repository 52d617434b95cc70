import type { FastifyInstance, FastifyReply } from 'fastify';
import { SAMPLE_QBO } from '../sample/sample-project.js';
import { RateLimiter, createSandboxServer, listen, type ServiceErrors } from '../kit/index.js';
import { CompanyAdmin } from './bookkeeper.js';
import { registerAdminRoutes } from './http/admin-routes.js';
import { registerApiRoutes } from './http/api-routes.js';
import { registerErrorHandling } from './http/error-handling.js';
import { HeldLatencyFaults, registerGuard } from './http/guard.js';
import { faultReply, send } from './http/replies.js';
import { errors } from './model/qbo-error.js';
import type { OAuthState, TokenResponse } from './oauth/oauth-state.js';
import { registerOAuthRoutes } from './oauth/oauth-routes.js';
import { IntuitOpenId } from './oauth/openid.js';
import { registerOpenIdRoutes } from './oauth/openid-routes.js';
import { resolveOptions, type QuickBooksSandboxOptions, type ResolvedOptions } from './options.js';
import { QboSandboxState } from './state.js';
import { QboWebhooks } from './webhooks.js';

export interface QuickBooksSandbox {
  /** Point both apiBaseUrl and tokenUrl (`${baseUrl}/oauth2/v1/tokens/bearer`) here. */
  readonly baseUrl: string;
  readonly tokenUrl: string;
  /** The seeded sample realm (SAMPLE_QBO.realmId). */
  readonly realmId: string;
  readonly faults: HeldLatencyFaults;
  readonly state: QboSandboxState;
  readonly oauth: OAuthState;
  readonly webhooks: QboWebhooks;
  /** The bookkeeper's view of one company (throws for an unknown realm). */
  company(realmId?: string): CompanyAdmin;
  /** Tokens for a realm without the consent redirect (what a completed connect flow yields). */
  issueTokens(realmId?: string): TokenResponse;
  /** Changes the per-realm request limits while running (benchmarks: an unthrottled phase). */
  setLimits(limits: { perMinute?: number; concurrent?: number }): void;
  close(): Promise<void>;
}

/** Outage and forced-throttle answers in QuickBooks' words (kit fault rules). */
const serviceErrors = (options: ResolvedOptions): ServiceErrors => ({
  outage: (reply: FastifyReply, retryAfterSeconds?: number) => {
    if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
    return send(reply, faultReply(errors.unavailable(), options.now()));
  },
  throttled: (reply: FastifyReply, retryAfterSeconds?: number) => {
    if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
    return send(reply, faultReply(errors.throttled(), options.now()));
  },
});

/** Form bodies for the token endpoint, plain text for POST /query. */
const registerParsers = (app: FastifyInstance): void => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, text, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(text))));
  });
  app.addContentTypeParser('application/text', { parseAs: 'string' }, (_request, text, done) => done(null, String(text)));
};

/**
 * Starts the QuickBooks Online simulator in-process: API v3, the OAuth token endpoint and
 * the `/_sandbox` admin API on one port, faithful to shared/api-facts/qbo.md.
 */
export const startQuickBooksSandbox = async (input: QuickBooksSandboxOptions = {}): Promise<QuickBooksSandbox> => {
  const options = resolveOptions(input);
  const now = () => options.now().getTime();
  const faults = new HeldLatencyFaults(now);
  const webhooks = new QboWebhooks(faults, input.webhook, options.now);
  const state = new QboSandboxState(options, (event) => webhooks.notify(event));
  state.createCompany(SAMPLE_QBO.realmId);

  const adminOf = (realmId: string): CompanyAdmin | undefined => {
    const company = state.company(realmId);
    return company ? new CompanyAdmin(company, () => state.context(company)) : undefined;
  };
  const app = createSandboxServer('quickbooks', faults, serviceErrors(options));
  registerParsers(app);
  registerErrorHandling(app, options.now);
  const limiter = new RateLimiter(options.limits, now);
  const companyOf = registerGuard(app, { state, faults, limiter, batchLimiter: new RateLimiter(options.batchLimits, now) });
  const openId = await IntuitOpenId.create(input.oidcIssuer);
  registerOAuthRoutes(app, state.oauth, openId, () => SAMPLE_QBO.realmId);
  registerOpenIdRoutes(app, state.oauth, openId);
  registerApiRoutes(app, { state, companyOf });
  registerAdminRoutes(app, { state, webhooks, admin: adminOf, defaultRealm: () => SAMPLE_QBO.realmId });
  const running = await listen(app, options.port);

  return {
    baseUrl: running.baseUrl,
    tokenUrl: `${running.baseUrl}/oauth2/v1/tokens/bearer`,
    realmId: SAMPLE_QBO.realmId,
    faults,
    state,
    oauth: state.oauth,
    webhooks,
    company: (realmId = SAMPLE_QBO.realmId) => {
      const admin = adminOf(realmId);
      if (!admin) throw new Error(`unknown realm ${realmId}`);
      return admin;
    },
    issueTokens: (realmId = SAMPLE_QBO.realmId) => state.oauth.issue(realmId),
    setLimits: (limits) => limiter.setPolicy({ ...options.limits, ...(limits.perMinute ? { perWindow: limits.perMinute } : {}), ...(limits.concurrent ? { concurrent: limits.concurrent } : {}) }),
    close: async () => {
      webhooks.stop();
      await running.close();
    },
  };
};
