import { createHash } from 'node:crypto';
import { NeedsReconnectError, TokenEndpointError, type TokenSource } from './oauth-errors.js';
import { requestToken, type OAuthGrant } from './token-endpoint.js';
import type { TokenStatus, TokenStore } from './token-store.js';

export interface TokenManagerLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface TokenManagerOptions {
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly logger?: TokenManagerLogger;
  /** Metrics hooks: one call per token request, and when a connection needs reconnecting. */
  readonly onRefresh?: (grant: OAuthGrant, outcome: 'ok' | 'refused' | 'failed') => void;
  readonly onNeedsReconnect?: (grant: OAuthGrant, reason: string) => void;
}

interface CachedToken {
  readonly accessToken: string;
  /** Refresh from this moment on: some time before the real expiry. */
  readonly refreshAt: number;
}

const keyOf = (grant: OAuthGrant) => `${grant.connection}/${grant.system}`;
const fingerprint = (token: string | undefined): string | null => (token ? createHash('sha256').update(token).digest('hex') : null);
const credentials = (grant: OAuthGrant): string =>
  createHash('sha256').update([grant.tokenUrl, grant.clientId, grant.clientSecret, grant.refreshToken ?? ''].join('\u001f')).digest('hex');

/**
 * Access tokens per connection and system, refreshed before they expire. One refresh at a
 * time per connection+system (rotated refresh tokens are single-use: two concurrent
 * refreshes would invalidate each other), and the rotated refresh token is stored before
 * the new access token is handed out. A refused grant marks the connection "needs
 * reconnect" once; later calls fail fast instead of hammering the token endpoint.
 */
export class TokenManager {
  private readonly cache = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<string>>();
  /** Rotated refresh tokens whose save failed: the only copy left, tried again first. */
  private readonly unsaved = new Map<string, string>();
  private readonly statuses = new Map<string, TokenStatus>();
  /** Credentials the endpoint refused in this process: not tried again until the config changes. */
  private readonly refused = new Map<string, string>();

  constructor(private readonly store: TokenStore, private readonly options: TokenManagerOptions = {}) {}

  source(grant: OAuthGrant): TokenSource {
    return { accessToken: () => this.accessToken(grant), invalidate: (rejected) => this.invalidate(grant, rejected) };
  }

  accessToken(grant: OAuthGrant): Promise<string> {
    const key = keyOf(grant);
    const cached = this.cache.get(key);
    if (cached && this.now() < cached.refreshAt) return Promise.resolve(cached.accessToken);
    let flight = this.inFlight.get(key);
    if (!flight) {
      flight = this.refresh(grant).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, flight);
    }
    return flight;
  }

  /** Forget a token the API refused, unless a newer one already replaced it. */
  invalidate(grant: OAuthGrant, rejected: string): void {
    const key = keyOf(grant);
    if (this.cache.get(key)?.accessToken === rejected) this.cache.delete(key);
  }

  status(connection: string, system: string): TokenStatus {
    return this.statuses.get(`${connection}/${system}`) ?? 'ok';
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async refresh(grant: OAuthGrant): Promise<string> {
    const key = keyOf(grant);
    const seed = fingerprint(grant.refreshToken);
    if (this.refused.get(key) === credentials(grant)) throw new NeedsReconnectError(grant.connection, grant.system, 'credentials refused earlier');
    const refreshToken = grant.grant === 'refresh_token' ? await this.currentRefreshToken(grant, seed) : undefined;
    const response = await requestToken(grant, refreshToken, this.options.fetch);
    this.options.onRefresh?.(grant, response.kind);
    if (response.kind === 'refused') return this.needsReconnect(grant, seed, response.reason);
    if (response.kind === 'failed') throw new TokenEndpointError(grant.connection, grant.system, response.reason);
    if (response.refreshToken && response.refreshToken !== refreshToken) await this.persistRotated(grant, response.refreshToken, seed);
    const lifetimeMs = response.expiresInSeconds * 1000;
    this.cache.set(key, { accessToken: response.accessToken, refreshAt: this.now() + lifetimeMs - Math.min(300_000, lifetimeMs / 10) });
    this.statuses.set(key, 'ok');
    return response.accessToken;
  }

  /** The stored chain's token, unless the config now holds a different one (a reconnect). */
  private async currentRefreshToken(grant: OAuthGrant, seed: string | null): Promise<string> {
    const key = keyOf(grant);
    const pending = this.unsaved.get(key);
    if (pending) {
      await this.persistRotated(grant, pending, seed);
      return pending;
    }
    const stored = await this.store.load(grant.connection, grant.system);
    const sameSeed = stored !== undefined && stored.seedFingerprint === seed;
    if (sameSeed && stored.status === 'needs_reconnect') {
      this.statuses.set(key, 'needs_reconnect');
      throw new NeedsReconnectError(grant.connection, grant.system, stored.reason ?? 'refused earlier');
    }
    const token = sameSeed && stored.refreshToken ? stored.refreshToken : grant.refreshToken;
    if (!token) return this.needsReconnect(grant, seed, 'no refresh token configured');
    return token;
  }

  private async persistRotated(grant: OAuthGrant, refreshToken: string, seed: string | null): Promise<void> {
    const key = keyOf(grant);
    try {
      await this.store.saveRefreshToken(grant.connection, grant.system, refreshToken, seed);
      this.unsaved.delete(key);
    } catch (error) {
      // The provider already invalidated the old token: keep the new one in memory and do not use the access token yet.
      this.unsaved.set(key, refreshToken);
      this.options.logger?.error({ connection: grant.connection, system: grant.system, err: (error as Error).message }, 'could not store the rotated refresh token');
      throw new TokenEndpointError(grant.connection, grant.system, 'rotated refresh token not stored yet');
    }
  }

  private async needsReconnect(grant: OAuthGrant, seed: string | null, reason: string): Promise<never> {
    const key = keyOf(grant);
    this.cache.delete(key);
    this.refused.set(key, credentials(grant));
    const alreadyKnown = this.statuses.get(key) === 'needs_reconnect';
    this.statuses.set(key, 'needs_reconnect');
    await this.store.markNeedsReconnect(grant.connection, grant.system, reason, seed).catch((error: unknown) =>
      this.options.logger?.error({ connection: grant.connection, system: grant.system, err: (error as Error).message }, 'could not record needs-reconnect'));
    if (!alreadyKnown) {
      this.options.onNeedsReconnect?.(grant, reason);
      this.options.logger?.error({ connection: grant.connection, system: grant.system, reason }, 'connection needs reconnecting: the token endpoint refused its credentials');
    }
    throw new NeedsReconnectError(grant.connection, grant.system, reason);
  }
}
