import { randomBytes } from 'node:crypto';

/** Whose token it is: a person (authorization code) or the app's service account (client credentials). */
export type TokenKind = 'user' | 'service';

export interface AccessToken {
  readonly token: string;
  readonly clientId: string;
  readonly userId: number;
  readonly kind: TokenKind;
  /** Unix seconds, as `created_at` in the token response. */
  readonly createdAt: number;
  readonly expiresAtMs: number;
  readonly refreshToken?: string;
}

export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: 'bearer';
  readonly expires_in: number;
  readonly refresh_token?: string;
  readonly created_at: number;
}

export type Verified = { readonly ok: true; readonly token: AccessToken } | { readonly ok: false; readonly expired: boolean };

export interface TokenStoreOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly ttlSeconds: number;
  readonly now: () => Date;
}

/** The person who "installed" the app (authorization code) and the app's DMSA service account. */
export const SANDBOX_USERS = {
  user: { id: 1771002, login: 'dana.ortiz@keystone-mech.example', name: 'Dana Ortiz' },
  service: { id: 1771500, login: 'trestle-dmsa@procore.example', name: 'Trestle (Developer Managed Service Account)' },
} as const;

const AUTH_CODE_TTL_MS = 10 * 60 * 1000;
const opaque = (): string => randomBytes(32).toString('hex');

/**
 * Doorkeeper-style token bookkeeping: access tokens expire after `expires_in`; refresh tokens
 * are single-use and rotate, the old one dying the moment a new pair is issued (even if that
 * response never reaches the client, facts §2); authorization codes are single-use, 10 min.
 */
export class TokenStore {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, { userId: number; accessToken: string }>();
  private readonly codes = new Map<string, { redirectUri: string; expiresAtMs: number }>();

  constructor(private readonly options: TokenStoreOptions) {}

  authenticateClient(clientId: unknown, clientSecret: unknown): boolean {
    return clientId === this.options.clientId && clientSecret === this.options.clientSecret;
  }

  knowsClient(clientId: unknown): boolean {
    return clientId === this.options.clientId;
  }

  secondsLeft(token: AccessToken): number {
    return Math.max(0, Math.floor((token.expiresAtMs - this.nowMs()) / 1000));
  }

  /** What the consent screen would hand back after the user clicks "Allow". */
  issueAuthorizationCode(redirectUri: string): string {
    const code = opaque();
    this.codes.set(code, { redirectUri, expiresAtMs: this.nowMs() + AUTH_CODE_TTL_MS });
    return code;
  }

  exchangeCode(code: string, redirectUri: string): TokenResponse | null {
    const entry = this.codes.get(code);
    this.codes.delete(code);
    if (!entry || entry.expiresAtMs <= this.nowMs() || entry.redirectUri !== redirectUri) return null;
    return this.issue('user', SANDBOX_USERS.user.id, true);
  }

  rotate(refreshToken: string): TokenResponse | null {
    const entry = this.refresh.get(refreshToken);
    if (!entry) return null;
    this.refresh.delete(refreshToken);
    return this.issue('user', entry.userId, true);
  }

  /** Client-credentials responses carry no refresh token: the client just asks again. */
  clientCredentials(): TokenResponse {
    return this.issue('service', SANDBOX_USERS.service.id, false);
  }

  verify(token: string): Verified {
    const found = this.access.get(token);
    if (!found) return { ok: false, expired: false };
    if (found.expiresAtMs <= this.nowMs()) return { ok: false, expired: true };
    return { ok: true, token: found };
  }

  /** Rate limits are metered per app and user, so the key survives token refreshes. */
  meterKeyOf(token: string): string | undefined {
    const found = this.access.get(token);
    return found ? `${found.clientId}:${found.userId}` : undefined;
  }

  /** Revokes an access or refresh token and, as Procore does, the other half of its pair. */
  revoke(token: string): void {
    const pairedRefresh = this.access.get(token)?.refreshToken;
    const pairedAccess = this.refresh.get(token)?.accessToken;
    for (const key of [token, pairedRefresh, pairedAccess]) {
      if (key === undefined) continue;
      this.access.delete(key);
      this.refresh.delete(key);
    }
  }

  /** Test helper: every live access token expires now (refresh tokens stay valid). */
  expireAccessTokens(): void {
    for (const [key, value] of this.access) this.access.set(key, { ...value, expiresAtMs: this.nowMs() });
  }

  private issue(kind: TokenKind, userId: number, withRefresh: boolean): TokenResponse {
    const createdAt = Math.floor(this.nowMs() / 1000);
    const token = opaque();
    const refreshToken = withRefresh ? opaque() : undefined;
    const expiresAtMs = this.nowMs() + this.options.ttlSeconds * 1000;
    this.access.set(token, { token, clientId: this.options.clientId, userId, kind, createdAt, expiresAtMs, refreshToken });
    if (refreshToken) this.refresh.set(refreshToken, { userId, accessToken: token });
    return {
      access_token: token, token_type: 'bearer', expires_in: this.options.ttlSeconds,
      ...(refreshToken ? { refresh_token: refreshToken } : {}), created_at: createdAt,
    };
  }

  private nowMs(): number {
    return this.options.now().getTime();
  }
}
