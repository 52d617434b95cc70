import { createHash, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/**
 * The identity service's RS256 signing key: it signs access tokens and id_tokens and is
 * published (public half only) at the JWKS endpoint, where clients such as openid-client
 * fetch it to verify id_tokens.
 */
export class SigningKey {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicJwk: JWK,
    readonly kid: string,
  ) {}

  static async generate(): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
    const kid = randomUUID().replaceAll('-', '').toUpperCase();
    return new SigningKey(privateKey, { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }, kid);
  }

  /** `{ keys: [...] }` as served at jwks_uri. */
  jwks(): { readonly keys: readonly JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /** Signs the claims as they are: the caller sets iss, aud, iat, nbf and exp. */
  sign(claims: JWTPayload): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' }).sign(this.privateKey);
  }
}

/**
 * OpenID Connect's at_hash: base64url of the left half of the SHA-256 of the access token
 * (the hash that matches RS256), so a client can tell the id_token belongs to that token.
 */
export const accessTokenHash = (accessToken: string): string =>
  createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');

let shared: Promise<SigningKey> | undefined;

/**
 * One key per process: 2048-bit RSA generation costs up to a second on a busy machine, and
 * every sandbox has its own issuer URL anyway, so sharing the key changes nothing a client sees.
 */
export const processSigningKey = (): Promise<SigningKey> => {
  shared ??= SigningKey.generate();
  return shared;
};
