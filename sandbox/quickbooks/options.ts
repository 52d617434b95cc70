import type { RateLimitPolicy } from '../kit/index.js';
import type { OAuthConfig } from './oauth/oauth-state.js';
import type { RuleOptions } from './rules/context.js';
import type { QboWebhookOptions } from './webhooks.js';

export interface QuickBooksSandboxOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Per realm: 500 requests/minute, 10 in flight, 40 batch calls/minute (facts §9). */
  readonly limits?: { readonly perMinute?: number; readonly concurrent?: number; readonly batchPerMinute?: number };
  readonly webhook?: QboWebhookOptions;
  /** 3600 in QuickBooks. */
  readonly accessTokenTtlSeconds?: number;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Seed the sample company (SAMPLE_QBO); default true. */
  readonly seed?: boolean;
  /** The clock for MetaData, token expiry, CDC's 30 days and rate windows. */
  readonly now?: () => Date;
  /** UNCONFIRMED in the facts. Default 'reject': negative line amounts fail with 2290 on every transaction. */
  readonly negativeLines?: RuleOptions['negativeLines'];
  /** UNCONFIRMED scope of the duplicate Bill DocNumber check (6140). Default 'realm'. */
  readonly docNumberScope?: RuleOptions['docNumberScope'];
  /** Items per batch call: sources say 10 or 30 (CONFLICTING). Default 10, at most 30; more fails with 1040. */
  readonly batchMaxItems?: number;
  /** Retry-After on 429 is UNCONFIRMED: none by default; true sends the seconds until the window resets. */
  readonly throttleRetryAfter?: boolean;
  /** The id_token `iss`; default Intuit's own (what Intuit's clients check). */
  readonly oidcIssuer?: string;
}

export interface ResolvedOptions {
  readonly port: number;
  readonly limits: RateLimitPolicy;
  readonly batchLimits: RateLimitPolicy;
  readonly oauth: OAuthConfig;
  readonly seed: boolean;
  readonly now: () => Date;
  readonly rules: RuleOptions;
  readonly batchMaxItems: number;
  readonly throttleRetryAfter: boolean;
}

export const SANDBOX_CLIENT_ID = 'trestle-sandbox-client';
export const SANDBOX_CLIENT_SECRET = 'trestle-sandbox-secret';
const MINUTE_MS = 60_000;
const BATCH_MAX_ITEMS_CEILING = 30;

export const resolveOptions = (options: QuickBooksSandboxOptions): ResolvedOptions => ({
  port: options.port ?? 0,
  limits: { perWindow: options.limits?.perMinute ?? 500, windowMs: MINUTE_MS, concurrent: options.limits?.concurrent ?? 10 },
  // Batch calls only count per minute; their concurrency is the general limiter's.
  batchLimits: { perWindow: options.limits?.batchPerMinute ?? 40, windowMs: MINUTE_MS, concurrent: Number.POSITIVE_INFINITY },
  oauth: {
    clientId: options.clientId ?? SANDBOX_CLIENT_ID,
    clientSecret: options.clientSecret ?? SANDBOX_CLIENT_SECRET,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    refreshTokenTtlSeconds: 8_726_400,
    hardExpirySeconds: 5 * 365 * 24 * 3600,
  },
  seed: options.seed ?? true,
  now: options.now ?? (() => new Date()),
  rules: { negativeLines: options.negativeLines ?? 'reject', docNumberScope: options.docNumberScope ?? 'realm' },
  batchMaxItems: Math.min(options.batchMaxItems ?? 10, BATCH_MAX_ITEMS_CEILING),
  throttleRetryAfter: options.throttleRetryAfter ?? false,
});
