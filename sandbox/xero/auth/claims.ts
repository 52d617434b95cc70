import { randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { accessTokenHash } from './signing-key.js';

/** The Xero user who gives consent in the sandbox's browser step. */
export interface XeroUser {
  /** `xero_userid`: the user's id across Xero (a GUID). */
  readonly xeroUserId: string;
  /** `sub`: the OpenID subject, a 32-hex id distinct from xero_userid, as Xero issues it. */
  readonly sub: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string;
}

export const sandboxUser = (): XeroUser => ({
  xeroUserId: randomUUID(),
  sub: randomUUID().replaceAll('-', ''),
  givenName: 'Sam',
  familyName: 'Sandbox',
  email: 'sam.sandbox@example.com',
});

/** One sign-in: what every token issued from it (and its refreshes) says about the user. */
export interface Login {
  readonly user: XeroUser;
  /** `global_session_id` (and `sid`). */
  readonly sessionId: string;
  /** `auth_time`, in seconds. */
  readonly authTime: number;
  /** `authentication_event_id`: also the `authEventId` of the /connections rows of this consent. */
  readonly authenticationEventId: string;
  readonly scopes: ReadonlySet<string>;
}

export interface Issuing {
  readonly issuer: string;
  readonly clientId: string;
  readonly nowMs: number;
}

/** Xero's id_tokens live 5 minutes: they prove a sign-in, they are not a credential. */
export const ID_TOKEN_TTL_SECONDS = 300;

const seconds = (ms: number) => Math.floor(ms / 1000);

const sessionClaims = (login: Login) => ({
  sub: login.user.sub, auth_time: login.authTime, idp: 'Xero', amr: ['pwd'],
  xero_userid: login.user.xeroUserId, global_session_id: login.sessionId, sid: login.sessionId,
});

/** What `profile` and `email` release, in id_tokens and at the userinfo endpoint. */
export const profileClaims = (login: Login) => ({
  ...(login.scopes.has('profile')
    ? { given_name: login.user.givenName, family_name: login.user.familyName, preferred_username: login.user.email }
    : {}),
  ...(login.scopes.has('email') ? { email: login.user.email } : {}),
});

/** An access token's claims, after Xero's documented example (audience `{issuer}/resources`). */
export const accessTokenClaims = (login: Login, at: Issuing, ttlSeconds: number): JWTPayload => {
  const iat = seconds(at.nowMs);
  return {
    nbf: iat, iat, exp: iat + ttlSeconds, iss: at.issuer, aud: `${at.issuer}/resources`, client_id: at.clientId,
    ...sessionClaims(login), jti: randomUUID().replaceAll('-', ''),
    authentication_event_id: login.authenticationEventId, scope: [...login.scopes],
  };
};

/** An id_token for `accessToken`; `nonce` only on the code exchange, echoing the authorize request. */
export const idTokenClaims = (login: Login, at: Issuing, accessToken: string, nonce?: string): JWTPayload => {
  const iat = seconds(at.nowMs);
  return {
    nbf: iat, iat, exp: iat + ID_TOKEN_TTL_SECONDS, iss: at.issuer, aud: at.clientId,
    at_hash: accessTokenHash(accessToken), ...sessionClaims(login), ...profileClaims(login),
    ...(nonce === undefined ? {} : { nonce }),
  };
};
