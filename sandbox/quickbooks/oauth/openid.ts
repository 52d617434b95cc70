import { createHash } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

/**
 * Intuit's issuer. Its discovery documents (production and sandbox alike) name this one
 * issuer whatever host serves them, and Intuit's own client (intuit-oauth `validateIdToken`)
 * refuses any other `iss`, so the simulator signs with it rather than its own address.
 */
export const INTUIT_ISSUER = 'https://oauth.platform.intuit.com/op/v1';

/** Paths as on Intuit's hosts, so a client pointed at the sandbox's origin finds them. */
export const OPENID_PATHS = {
  jwks: '/op/v1/jwks',
  userinfo: '/v1/openid_connect/userinfo',
  discovery: '/.well-known/openid_configuration/',
  sandboxDiscovery: '/.well-known/openid_sandbox_configuration/',
} as const;

const ID_TOKEN_TTL_SECONDS = 3600;

export interface IdTokenClaims {
  readonly clientId: string;
  readonly realmId: string;
  readonly nowMs: number;
}

export interface OpenIdEndpoints {
  readonly authorize: string;
  readonly token: string;
  readonly revoke: string;
}

export const hasScope = (scope: string, wanted: string): boolean => scope.split(/\s+/).includes(wanted);

/**
 * The OpenID Connect side of Intuit's OAuth server: one RS256 key per sandbox run, served
 * as a JWKS, and the id_token a code exchange returns when `openid` was consented to.
 */
export class IntuitOpenId {
  private constructor(private readonly privateKey: CryptoKey, private readonly publicJwk: JWK, readonly issuer: string) {}

  static async create(issuer = INTUIT_ISSUER): Promise<IntuitOpenId> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = createHash('sha256').update(`${jwk.n ?? ''}.${jwk.e ?? ''}`).digest('base64url').slice(0, 16);
    return new IntuitOpenId(privateKey, { ...jwk, kid, alg: 'RS256', use: 'sig' }, issuer);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /** The user who consented: one stable subject per realm in this simulator. */
  subjectOf(realmId: string): string {
    const hex = createHash('sha256').update(`intuit-user:${realmId}`).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  }

  /** Intuit's claims: `aud` is an array holding the client id; `realmid` is lower-case. */
  async idToken(claims: IdTokenClaims): Promise<string> {
    const iat = Math.floor(claims.nowMs / 1000);
    return new SignJWT({ realmid: claims.realmId, auth_time: iat })
      .setProtectedHeader({ alg: 'RS256', kid: this.publicJwk.kid ?? '' })
      .setIssuer(this.issuer)
      .setSubject(this.subjectOf(claims.realmId))
      .setAudience([claims.clientId])
      .setIssuedAt(iat)
      .setExpirationTime(iat + ID_TOKEN_TTL_SECONDS)
      .sign(this.privateKey);
  }

  /** The discovery document's fields, pointing at the sandbox (shape of Intuit's, facts §10). */
  discovery(baseUrl: string, endpoints: OpenIdEndpoints): Record<string, unknown> {
    return {
      issuer: this.issuer,
      authorization_endpoint: `${baseUrl}${endpoints.authorize}`,
      token_endpoint: `${baseUrl}${endpoints.token}`,
      userinfo_endpoint: `${baseUrl}${OPENID_PATHS.userinfo}`,
      revocation_endpoint: `${baseUrl}${endpoints.revoke}`,
      jwks_uri: `${baseUrl}${OPENID_PATHS.jwks}`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'profile', 'address', 'phone'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      claims_supported: ['aud', 'exp', 'iat', 'iss', 'realmid', 'sub'],
    };
  }
}
