import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isObject, readString } from '../support/json.js';
import { problem } from '../support/errors.js';
import type { Organisation } from '../org/organisation.js';
import { isSupportedScope } from './discovery-routes.js';
import { DEFAULT_SCOPES, type OAuthError, type TokenAuthority, type TokenSet } from './tokens.js';

export interface IdentityDeps {
  readonly tokens: TokenAuthority;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly organisation: (tenantId: string) => Organisation | undefined;
  readonly tenantIds: () => string[];
}

const same = (a: string, b: string): boolean => {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
};

/** RFC 6749 §2.3.1 form-encodes id and secret before Basic; clients that skip it send them raw. */
const formDecoded = (value: string): string => {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return value;
  }
};

/** Client authentication is HTTP Basic base64(client_id:client_secret), as identity.xero.com requires. */
const basicClient = (header: string | undefined, deps: IdentityDeps): boolean => {
  const encoded = /^Basic\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!encoded) return false;
  const [id = '', secret = ''] = Buffer.from(encoded, 'base64').toString('utf8').split(/:(.*)/s);
  const raw = same(id, deps.clientId) && same(secret, deps.clientSecret);
  return raw || (same(formDecoded(id), deps.clientId) && same(formDecoded(secret), deps.clientSecret));
};

const answer = async (reply: FastifyReply, pending: TokenSet | OAuthError | Promise<TokenSet | OAuthError>) => {
  const result = await pending;
  reply.header('Cache-Control', 'no-store');
  if ('error' in result) return reply.code(result.error === 'invalid_client' ? 401 : 400).send(result);
  return reply.send(result);
};

const registerToken = (app: FastifyInstance, deps: IdentityDeps): void => {
  app.post('/connect/token', async (request, reply) => {
    if (!basicClient(request.headers.authorization, deps)) return answer(reply, { error: 'invalid_client' });
    const form = isObject(request.body) ? request.body : {};
    const grantType = readString(form, 'grant_type');
    if (grantType === 'authorization_code') {
      const code = readString(form, 'code');
      if (!code) return answer(reply, { error: 'invalid_request' });
      return answer(reply, deps.tokens.exchangeCode(deps.clientId, code, readString(form, 'redirect_uri')));
    }
    if (grantType === 'refresh_token') {
      const token = readString(form, 'refresh_token');
      if (!token) return answer(reply, { error: 'invalid_request' });
      return answer(reply, deps.tokens.refreshTokens(deps.clientId, token));
    }
    return answer(reply, { error: 'unsupported_grant_type' });
  });
  app.post('/connect/revocation', async (request, reply) => {
    if (!basicClient(request.headers.authorization, deps)) return answer(reply, { error: 'invalid_client' });
    const token = isObject(request.body) ? readString(request.body, 'token') : undefined;
    if (token) deps.tokens.revoke(token);
    return reply.code(200).send();
  });
};

const absoluteUrl = (value: string | undefined): URL | undefined => {
  if (!value || !URL.canParse(value)) return undefined;
  return new URL(value);
};

/** The browser back to the app with an error (RFC 6749 §4.1.2.1), once the redirect URI is trusted. */
const redirectWithError = (reply: FastifyReply, target: URL, error: string, description: string, state?: string) => {
  target.searchParams.set('error', error);
  target.searchParams.set('error_description', description);
  if (state !== undefined) target.searchParams.set('state', state);
  return reply.redirect(target.toString(), 302);
};

/**
 * Consent is automatic: every tenant of the sandbox is connected, then the browser is sent
 * back with a code. A `nonce` is echoed in the id_token of that code's exchange. An unknown
 * client or an unusable redirect URI gets an error page (400), as nothing can be trusted to
 * redirect to; other faults go back to the app as `error=` on the redirect.
 */
const registerAuthorize = (app: FastifyInstance, deps: IdentityDeps): void => {
  app.get('/identity/connect/authorize', async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const target = absoluteUrl(q.redirect_uri);
    if (q.client_id !== deps.clientId || !target) return reply.code(400).send({ error: 'invalid_request' });
    if (q.response_type !== 'code') return redirectWithError(reply, target, 'unsupported_response_type', 'Only the code flow is supported', q.state);
    const scopes = q.scope ? q.scope.trim().split(/\s+/) : DEFAULT_SCOPES;
    const unknown = scopes.filter((scope) => !isSupportedScope(scope));
    if (unknown.length > 0) return redirectWithError(reply, target, 'invalid_scope', `Unknown scope: ${unknown.join(' ')}`, q.state);
    const code = deps.tokens.authorize(deps.clientId, deps.tenantIds(), scopes, { redirectUri: q.redirect_uri, nonce: q.nonce });
    target.searchParams.set('code', code);
    if (q.state !== undefined) target.searchParams.set('state', q.state);
    return reply.redirect(target.toString(), 302);
  });
};

const registerConnections = (app: FastifyInstance, deps: IdentityDeps): void => {
  app.get('/connections', async (request, reply) => {
    const auth = deps.tokens.authenticate(request.headers.authorization);
    if (!auth.ok) return reply.code(401).send(problem(401, 'Unauthorized', auth.detail));
    return [...auth.grant.connections].map(([tenantId, c]) => ({
      id: c.id, authEventId: auth.grant.id, tenantId, tenantType: 'ORGANISATION',
      tenantName: deps.organisation(tenantId)?.name ?? '',
      createdDateUtc: new Date(c.createdMs).toISOString(), updatedDateUtc: new Date(c.createdMs).toISOString(),
    }));
  });
  app.delete<{ Params: { id: string } }>('/connections/:id', async (request, reply) => {
    const auth = deps.tokens.authenticate(request.headers.authorization);
    if (!auth.ok) return reply.code(401).send(problem(401, 'Unauthorized', auth.detail));
    const entry = [...auth.grant.connections].find(([, c]) => c.id === request.params.id);
    if (!entry) return reply.code(404).send(problem(404, 'NotFound', 'Connection not found'));
    auth.grant.connections.delete(entry[0]);
    return reply.code(204).send();
  });
};

/** identity.xero.com and api.xero.com/connections, on the sandbox's one origin. */
export const registerIdentity = async (app: FastifyInstance, deps: IdentityDeps): Promise<void> => {
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    registerToken(scope, deps);
    registerAuthorize(scope, deps);
    registerConnections(scope, deps);
  });
};
