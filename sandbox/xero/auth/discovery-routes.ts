import type { FastifyInstance } from 'fastify';
import { profileClaims } from './claims.js';
import type { SigningKey } from './signing-key.js';
import { loginOf, type TokenAuthority } from './tokens.js';

export interface DiscoveryDeps {
  readonly tokens: TokenAuthority;
  readonly key: SigningKey;
  /** The sandbox's origin: issuer and every endpoint (identity.xero.com and login.xero.com in one). */
  readonly issuer: () => string;
}

/** Xero's OpenID, legacy broad and granular (from March 2026) accounting scopes (facts §4) and the Projects API's (§11). */
export const SUPPORTED_SCOPES: readonly string[] = [
  'openid', 'profile', 'email', 'offline_access',
  ...['transactions', 'invoices', 'payments', 'banktransactions', 'manualjournals', 'contacts', 'settings', 'attachments']
    .flatMap((area) => [`accounting.${area}`, `accounting.${area}.read`]),
  'accounting.reports.read', 'accounting.journals.read',
  'projects', 'projects.read',
];

/** Granular report scopes come one per report (accounting.reports.trialbalance.read, ...). */
export const isSupportedScope = (scope: string): boolean =>
  SUPPORTED_SCOPES.includes(scope) || /^accounting\.reports\.[a-z]+\.read$/.test(scope);

export const JWKS_PATH = '/.well-known/openid-configuration/jwks';

/**
 * Xero identity's discovery document, limited to what the sandbox implements: clients
 * (openid-client, as xero-node uses it) find every endpoint and the JWKS from here. The
 * authorize endpoint keeps login.xero.com's path; the rest keep identity.xero.com's.
 */
export const discoveryDocument = (issuer: string) => ({
  issuer,
  jwks_uri: `${issuer}${JWKS_PATH}`,
  authorization_endpoint: `${issuer}/identity/connect/authorize`,
  token_endpoint: `${issuer}/connect/token`,
  userinfo_endpoint: `${issuer}/connect/userinfo`,
  revocation_endpoint: `${issuer}/connect/revocation`,
  scopes_supported: SUPPORTED_SCOPES,
  claims_supported: [
    'sub', 'xero_userid', 'global_session_id', 'sid', 'auth_time', 'idp', 'amr',
    'given_name', 'family_name', 'preferred_username', 'email',
  ],
  grant_types_supported: ['authorization_code', 'refresh_token'],
  response_types_supported: ['code'],
  response_modes_supported: ['query'],
  token_endpoint_auth_methods_supported: ['client_secret_basic'],
  id_token_signing_alg_values_supported: ['RS256'],
  subject_types_supported: ['public'],
});

/** Discovery, JWKS and userinfo: the read-only half of the OpenID provider. */
export const registerDiscovery = (app: FastifyInstance, deps: DiscoveryDeps): void => {
  app.get('/.well-known/openid-configuration', async () => discoveryDocument(deps.issuer()));
  app.get(JWKS_PATH, async () => deps.key.jwks());
  app.get('/connect/userinfo', async (request, reply) => {
    const auth = deps.tokens.authenticate(request.headers.authorization);
    if (!auth.ok) return reply.code(401).header('WWW-Authenticate', 'Bearer error="invalid_token"').send();
    if (!auth.grant.scopes.has('openid')) {
      return reply.code(403).header('WWW-Authenticate', 'Bearer error="insufficient_scope", scope="openid"').send();
    }
    const login = loginOf(auth.grant);
    return { sub: login.user.sub, xero_userid: login.user.xeroUserId, ...profileClaims(login) };
  });
};
