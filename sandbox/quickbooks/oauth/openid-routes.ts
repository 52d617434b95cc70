import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AUTHORIZE_PATH, REVOKE_PATH, TOKEN_PATH } from './oauth-routes.js';
import type { OAuthState } from './oauth-state.js';
import { OPENID_PATHS, hasScope, type IntuitOpenId } from './openid.js';

/** Where the discovery documents send clients: this server's own origin, as the request reached it. */
const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

/** The simulated user who consents; real QuickBooks answers with the signed-in Intuit user. */
const SANDBOX_USER = { givenName: 'Sandbox', familyName: 'Admin', email: 'sandbox.admin@example.com' };

/**
 * OpenID Connect beside the token endpoint: the JWKS that verifies id_tokens, Intuit's
 * discovery documents (production and sandbox names) and the userinfo endpoint.
 */
export const registerOpenIdRoutes = (app: FastifyInstance, oauth: OAuthState, openId: IntuitOpenId): void => {
  app.get(OPENID_PATHS.jwks, async () => openId.jwks());

  const discovery = async (request: FastifyRequest) =>
    openId.discovery(originOf(request), { authorize: AUTHORIZE_PATH, token: TOKEN_PATH, revoke: REVOKE_PATH });
  app.get(OPENID_PATHS.discovery, discovery);
  app.get(OPENID_PATHS.sandboxDiscovery, discovery);

  // Claims by consented scope: `profile` names the user, `email` adds the address.
  app.get(OPENID_PATHS.userinfo, async (request, reply) => {
    const header = request.headers.authorization ?? '';
    const auth = header.startsWith('Bearer ') ? oauth.authenticate(header.slice(7).trim()) : { error: 'invalid' as const };
    if ('error' in auth) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="Intuit", error="invalid_token"').send({ error: 'invalid_token' });
    }
    if (!hasScope(auth.scope, 'openid')) return reply.code(403).send({ error: 'insufficient_scope' });
    return {
      sub: openId.subjectOf(auth.realmId),
      ...(hasScope(auth.scope, 'profile') ? { givenName: SANDBOX_USER.givenName, familyName: SANDBOX_USER.familyName } : {}),
      ...(hasScope(auth.scope, 'email') ? { email: SANDBOX_USER.email, emailVerified: true } : {}),
    };
  });
};
