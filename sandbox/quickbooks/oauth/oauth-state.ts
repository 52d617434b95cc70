import { randomBytes } from 'node:crypto';

export interface OAuthConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** 3600 in QuickBooks. */
  readonly accessTokenTtlSeconds: number;
  /** Rolling 101 days. */
  readonly refreshTokenTtlSeconds: number;
  /** The 5-year maximum validity of a grant's refresh tokens. */
  readonly hardExpirySeconds: number;
}

/** The token endpoint's JSON (facts §10). */
export interface TokenResponse {
  readonly access_token: string;
  readonly refresh_token: string;
  readonly token_type: 'bearer';
  readonly expires_in: number;
  readonly x_refresh_token_expires_in: number;
  readonly x_refresh_token_hard_expires_in?: number;
  /** Only on the code exchange, when `openid` was consented to. */
  readonly id_token?: string;
}

interface RefreshToken {
  readonly realmId: string;
  readonly scope: string;
  status: 'active' | 'superseded' | 'revoked';
  readonly expiresAt: number;
  readonly hardExpiresAt: number;
}

export type Authentication = { readonly realmId: string; readonly scope: string } | { readonly error: 'expired' | 'invalid' };

/** A completed code exchange: the tokens plus what the consent covered (the id_token needs both). */
export interface CodeGrant {
  readonly tokens: TokenResponse;
  readonly realmId: string;
  readonly scope: string;
}

/** What an admin-issued grant (no consent screen) covers. */
export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;
const CODE_TTL_MS = 10 * 60 * 1000;

/**
 * Authorization codes, access tokens and refresh tokens of the simulated Intuit OAuth server.
 * Every refresh rotates: the refresh token used is superseded and fails with invalid_grant.
 */
export class OAuthState {
  private readonly codes = new Map<string, { realmId: string; redirectUri?: string; scope: string; expiresAt: number }>();
  private readonly access = new Map<string, { realmId: string; scope: string; expiresAt: number }>();
  private readonly refresh = new Map<string, RefreshToken>();

  constructor(readonly config: OAuthConfig, private readonly clock: () => Date) {}

  /** What the consent screen would hand back to the redirect URI. */
  authorize(realmId: string, redirectUri?: string, scope = ACCOUNTING_SCOPE): string {
    const code = token('AB11');
    this.codes.set(code, { realmId, redirectUri, scope, expiresAt: this.nowMs() + CODE_TTL_MS });
    return code;
  }

  exchangeCode(code: string, redirectUri: string | undefined): CodeGrant | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code); // single use
    if (!grant || grant.expiresAt <= this.nowMs()) return undefined;
    if (grant.redirectUri !== undefined && grant.redirectUri !== redirectUri) return undefined;
    return { tokens: this.issue(grant.realmId, undefined, grant.scope), realmId: grant.realmId, scope: grant.scope };
  }

  refreshTokens(refreshToken: string): TokenResponse | undefined {
    const current = this.refresh.get(refreshToken);
    const now = this.nowMs();
    if (!current || current.status !== 'active' || current.expiresAt <= now || current.hardExpiresAt <= now) return undefined;
    current.status = 'superseded';
    return this.issue(current.realmId, current.hardExpiresAt, current.scope);
  }

  /** Issues a fresh pair, as a completed consent flow does (also the admin shortcut for tests). */
  issue(realmId: string, hardExpiresAt = this.nowMs() + this.config.hardExpirySeconds * 1000, scope = ACCOUNTING_SCOPE): TokenResponse {
    const now = this.nowMs();
    const accessToken = token('eyJ');
    const refreshToken = token('RT1-');
    const refreshExpiresAt = Math.min(hardExpiresAt, now + this.config.refreshTokenTtlSeconds * 1000);
    this.access.set(accessToken, { realmId, scope, expiresAt: now + this.config.accessTokenTtlSeconds * 1000 });
    this.refresh.set(refreshToken, { realmId, scope, status: 'active', expiresAt: refreshExpiresAt, hardExpiresAt });
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'bearer',
      expires_in: this.config.accessTokenTtlSeconds,
      x_refresh_token_expires_in: Math.floor((refreshExpiresAt - now) / 1000),
      x_refresh_token_hard_expires_in: Math.floor((hardExpiresAt - now) / 1000),
    };
  }

  authenticate(accessToken: string): Authentication {
    const found = this.access.get(accessToken);
    if (!found) return { error: 'invalid' };
    if (found.expiresAt <= this.nowMs()) return { error: 'expired' };
    return { realmId: found.realmId, scope: found.scope };
  }

  /** Revoking either token of a grant ends the refresh token (and the access token when given). */
  revoke(value: string): void {
    const refresh = this.refresh.get(value);
    if (refresh) refresh.status = 'revoked';
    this.access.delete(value);
  }

  /** Makes every access token expired now: the hub must refresh on its next call. */
  expireAccessTokens(): void {
    for (const entry of this.access.values()) entry.expiresAt = 0;
  }

  nowMs(): number {
    return this.clock().getTime();
  }
}
