import { randomBytes, randomUUID } from 'node:crypto';
import { accessTokenClaims, idTokenClaims, type Login, type XeroUser } from './claims.js';
import type { SigningKey } from './signing-key.js';

/**
 * Xero identity, simulated: authorization codes, 30-minute access tokens that are RS256
 * JWTs, an id_token whenever `openid` was granted (code exchange and refresh), and
 * rotating, single-use refresh tokens. A refresh token stays usable for 30 minutes after it
 * was rotated (so a client that lost the refresh response can retry), then `invalid_grant`.
 * A refresh token unused for 60 days expires. Refresh tokens and codes are opaque.
 */
export const REFRESH_GRACE_MS = 30 * 60_000;
export const REFRESH_IDLE_MS = 60 * 24 * 3600_000;
const CODE_TTL_MS = 5 * 60_000;

export const DEFAULT_SCOPES = [
  'openid', 'profile', 'email', 'offline_access',
  'accounting.transactions', 'accounting.contacts', 'accounting.settings',
];

export interface TokenSet {
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly expires_in: number;
  readonly token_type: 'Bearer';
  readonly scope: string;
  readonly id_token?: string;
}

/**
 * One user consent: the app's access to some tenants, which every token of the chain
 * inherits. Its id is the consent's authentication event id.
 */
export interface Grant {
  readonly id: string;
  readonly clientId: string;
  readonly scopes: ReadonlySet<string>;
  readonly user: XeroUser;
  /** The sign-in the consent was given in (global_session_id); auth_time in seconds. */
  readonly sessionId: string;
  readonly authTime: number;
  /** tenantId → connection (what GET /connections lists). */
  readonly connections: Map<string, { readonly id: string; readonly createdMs: number }>;
}

interface RefreshRecord { readonly grant: Grant; readonly issuedMs: number; rotatedMs?: number }
interface CodeRecord { readonly grant: Grant; readonly redirectUri?: string; readonly nonce?: string; readonly expiresMs: number }

/** Who signs, as whom, and the user who consents in the browser step. */
export interface IdentityIssuer {
  readonly key: SigningKey;
  /** The sandbox's origin, known once it listens. */
  readonly issuer: () => string;
  readonly user: XeroUser;
}

/** What the browser step asked for, beyond the tenants and scopes. */
export interface AuthorizeRequest {
  readonly redirectUri?: string;
  readonly nonce?: string;
}

export const loginOf = (grant: Grant): Login => ({
  user: grant.user, sessionId: grant.sessionId, authTime: grant.authTime, authenticationEventId: grant.id, scopes: grant.scopes,
});

export type OAuthError = { readonly error: 'invalid_grant' | 'invalid_client' | 'invalid_request' | 'unsupported_grant_type' };
export type Authenticated = { readonly ok: true; readonly grant: Grant } | { readonly ok: false; readonly detail: string };

const opaque = (): string => randomBytes(24).toString('base64url');

export class TokenAuthority {
  private readonly access = new Map<string, { grant: Grant; expiresMs: number }>();
  private readonly refresh = new Map<string, RefreshRecord>();
  private readonly codes = new Map<string, CodeRecord>();

  constructor(private readonly accessTtlSeconds: number, private readonly now: () => number, private readonly identity: IdentityIssuer) {}

  /** A consent for `tenantIds`, redeemable once as an authorization code. */
  authorize(clientId: string, tenantIds: readonly string[], scopes: readonly string[], request: AuthorizeRequest = {}): string {
    const grant: Grant = {
      id: randomUUID(), clientId, scopes: new Set(scopes), connections: new Map(),
      user: this.identity.user, sessionId: randomUUID().replaceAll('-', ''), authTime: Math.floor(this.now() / 1000),
    };
    for (const tenantId of tenantIds) grant.connections.set(tenantId, { id: randomUUID(), createdMs: this.now() });
    const code = opaque();
    this.codes.set(code, { grant, redirectUri: request.redirectUri, nonce: request.nonce, expiresMs: this.now() + CODE_TTL_MS });
    return code;
  }

  async exchangeCode(clientId: string, code: string, redirectUri?: string): Promise<TokenSet | OAuthError> {
    const record = this.codes.get(code);
    this.codes.delete(code);
    if (!record || record.expiresMs < this.now() || record.grant.clientId !== clientId) return { error: 'invalid_grant' };
    if (record.redirectUri !== undefined && redirectUri !== record.redirectUri) return { error: 'invalid_grant' };
    return this.issue(record.grant, record.nonce);
  }

  /** Rotates: the presented token is marked rotated (its grace period starts once) and a new pair is issued. */
  async refreshTokens(clientId: string, token: string): Promise<TokenSet | OAuthError> {
    const record = this.refresh.get(token);
    const now = this.now();
    if (!record || record.grant.clientId !== clientId || record.grant.connections.size === 0) return { error: 'invalid_grant' };
    if (record.rotatedMs !== undefined && now - record.rotatedMs > REFRESH_GRACE_MS) return { error: 'invalid_grant' };
    if (now - record.issuedMs > REFRESH_IDLE_MS) return { error: 'invalid_grant' };
    record.rotatedMs ??= now;
    return this.issue(record.grant);
  }

  /** A signed access token, an id_token when `openid` was granted, a refresh token with `offline_access`. */
  async issue(grant: Grant, nonce?: string): Promise<TokenSet> {
    const login = loginOf(grant);
    const at = { issuer: this.identity.issuer(), clientId: grant.clientId, nowMs: this.now() };
    const access = await this.identity.key.sign(accessTokenClaims(login, at, this.accessTtlSeconds));
    // Expiry on the JWT's whole-second `exp`, so the sandbox and a client reading the claim agree.
    this.access.set(access, { grant, expiresMs: (Math.floor(at.nowMs / 1000) + this.accessTtlSeconds) * 1000 });
    const idToken = grant.scopes.has('openid') ? { id_token: await this.identity.key.sign(idTokenClaims(login, at, access, nonce)) } : {};
    const set: TokenSet = { ...idToken, access_token: access, expires_in: this.accessTtlSeconds, token_type: 'Bearer', scope: [...grant.scopes].join(' ') };
    if (!grant.scopes.has('offline_access')) return set;
    const refresh = opaque();
    this.refresh.set(refresh, { grant, issuedMs: at.nowMs });
    return { ...set, refresh_token: refresh };
  }

  /** The sandbox is the only issuer, so a token it did not issue (or one altered by a byte) is simply unknown. */
  authenticate(authorization: string | undefined): Authenticated {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const record = token ? this.access.get(token) : undefined;
    if (!record) return { ok: false, detail: 'AuthenticationUnsuccessful' };
    if (record.expiresMs <= this.now()) return { ok: false, detail: `TokenExpired: token expired at ${new Date(record.expiresMs).toISOString()}` };
    return { ok: true, grant: record.grant };
  }

  /** Ends every token of the grant that holds `accessToken` (the revoke endpoint). */
  revoke(token: string): void {
    const grant = this.refresh.get(token)?.grant ?? this.access.get(token)?.grant;
    grant?.connections.clear();
    for (const [key, value] of this.access) if (value.grant === grant) this.access.delete(key);
  }
}
