import type { ApiRole } from './api-roles.js';

/**
 * A connection pairs one construction company with one accounting company and owns a
 * cost-code mapping. Loaded from TRESTLE_CONFIG (YAML, `${ENV}` references for secrets)
 * or built for the demo from the in-process sandboxes.
 */
export interface OAuthClientConfig {
  readonly apiBaseUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The first refresh token; rotated ones are persisted encrypted and win over this. */
  readonly refreshToken?: string;
}

export interface ProcoreSideConfig extends OAuthClientConfig {
  readonly system: 'procore';
  readonly companyId: string;
  /** client_credentials (service account, DMSA) or refresh_token (user grant). */
  readonly grant: 'client_credentials' | 'refresh_token';
  /** The exact Authorization header value Procore sends with each webhook. */
  readonly webhookAuthorization: string;
  /** Limit the connection to these projects; all when omitted. */
  readonly projectIds?: readonly string[];
}

export interface QuickBooksSideConfig extends OAuthClientConfig {
  readonly system: 'quickbooks';
  readonly realmId: string;
  readonly webhookVerifierToken: string;
  readonly minorVersion: number;
}

export interface XeroSideConfig extends OAuthClientConfig {
  readonly system: 'xero';
  readonly tenantId: string;
  readonly webhookKey: string;
  /** Bills, credit notes and sales invoices are written DRAFT (for review in Xero) or AUTHORISED (posted; the default). */
  readonly documentStatus?: 'DRAFT' | 'AUTHORISED';
}

/**
 * QuickBooks Desktop through the Web Connector (qbd §1-3): no API to call; the Web Connector
 * on the bookkeeper's PC polls the hub's SOAP endpoint as `userName` with the password whose
 * hash is kept here.
 */
export interface QbdSideConfig {
  readonly system: 'qbd';
  readonly userName: string;
  /** scrypt of the configured `password` secret (platform/config/password-hash); the plain one is not kept. */
  readonly passwordHash: string;
  /** The company file the Web Connector opens (`C:\\Company\\Acme.QBW`); '' = the one open in QuickBooks. */
  readonly companyFile: string;
  /** The hub's Web Connector endpoint as the bookkeeper's PC reaches it (HTTPS, or http://localhost). */
  readonly appUrl: string;
  /** How often the Web Connector runs (the .qwc's Scheduler). */
  readonly runEveryMinutes: number;
}

/** The accounting systems with an OAuth API the hub calls. */
export type OAuthAccountingSideConfig = QuickBooksSideConfig | XeroSideConfig;

export type AccountingSideConfig = OAuthAccountingSideConfig | QbdSideConfig;

export interface PollingConfig {
  /** How often the reconciliation poll runs per connection. */
  readonly intervalSeconds: number;
}

/**
 * A connection's outbound tuning; each field left out keeps the hub's default (30 s per call,
 * 8 attempts from 1 s doubling to 5 min, breaker open after 5 outage failures for 30 s).
 */
export interface ConnectionOutboundConfig {
  /** One call to the connection's APIs (reads and writes); past it a write is ambiguous. */
  readonly timeoutMs?: number;
  readonly retry?: {
    readonly maxAttempts?: number;
    readonly baseDelayMs?: number;
    readonly maxDelayMs?: number;
    readonly maxRetryAfterMs?: number;
  };
  readonly breaker?: {
    readonly consecutiveFailures?: number;
    readonly resetTimeoutMs?: number;
    readonly errorThresholdPercentage?: number;
    readonly volumeThreshold?: number;
    readonly rollingWindowMs?: number;
  };
}

/**
 * Buildertrend imports on this connection: `hub-posts` (the default) posts its bills unless the
 * books already hold them (vendor, number, amount: then linked); `books-synced-natively`:
 * Buildertrend's own accounting sync writes them, and the hub only links what it finds.
 */
export interface BuildertrendConfig {
  readonly mode: 'hub-posts' | 'books-synced-natively';
}

export interface ConnectionConfig {
  /** Lowercase `[a-z0-9_-]`, the prefix of every stream of this connection. */
  readonly name: string;
  readonly construction: ProcoreSideConfig;
  readonly accounting: AccountingSideConfig;
  /** Path of the initial mapping YAML (relative to the config file). */
  readonly mappingFile?: string;
  /** Column maps for file imports (PlanSwift, Buildertrend exports), per kind; absolute. Stock layouts when absent. */
  readonly importColumnsFile?: string;
  readonly buildertrend?: BuildertrendConfig;
  readonly polling: PollingConfig;
  /** live posts; dry-run records what would post; approval holds each document for release. */
  readonly postingMode: 'live' | 'dry-run' | 'approval';
  /** Per-connection timeouts, retries and breaker; absent keeps the hub's defaults. */
  readonly outbound?: ConnectionOutboundConfig;
}

export interface AlertsConfig {
  readonly webhookUrl: string;
  readonly kind: 'slack' | 'google-chat';
}

export interface ApiKeyConfig {
  readonly role: ApiRole;
  /** sha256 (hex) of the key, hashed at load; the plain key is never kept. */
  readonly keyHash: string;
  readonly name?: string;
}

export interface MetricsConfig {
  /** sha256 (hex) of the key /metrics requires; the plain key is never kept. */
  readonly keyHash: string;
}

export interface TrestleConfig {
  readonly connections: readonly ConnectionConfig[];
  readonly alerts?: AlertsConfig;
  readonly apiKeys: readonly ApiKeyConfig[];
  /** When set, /metrics needs its key (it names connections and targets). */
  readonly metrics?: MetricsConfig;
  /** True when built for `npm start` with no config file: sandboxes in-process, sample story. */
  readonly demo: boolean;
}
