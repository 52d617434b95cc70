import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDoc, type Doc } from '../model/entity-types.js';
import type { OAuthState, TokenResponse } from './oauth-state.js';

export const TOKEN_PATH = '/oauth2/v1/tokens/bearer';
export const AUTHORIZE_PATH = '/connect/oauth2';
export const REVOKE_PATH = '/v2/oauth2/tokens/revoke';

const oauthError = (reply: FastifyReply, status: number, error: string) => reply.code(status).send({ error });

/** Client authentication is HTTP Basic with client id and secret (facts §10). */
const clientAuthenticated = (request: FastifyRequest, oauth: OAuthState): boolean => {
  const header = request.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  const [id, secret] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
  return id === oauth.config.clientId && secret === oauth.config.clientSecret;
};

const formOf = (request: FastifyRequest): Doc | undefined =>
  request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') && isDoc(request.body) ? request.body : undefined;

/** `x_refresh_token_hard_expires_in` only when asked for with the opt-in header. */
const shaped = (request: FastifyRequest, tokens: TokenResponse): TokenResponse => {
  if (request.headers['x-include-refresh-token-hard-expires-in'] === 'true') return tokens;
  const { x_refresh_token_hard_expires_in: _hidden, ...rest } = tokens;
  return rest;
};

const grant = (form: Doc, oauth: OAuthState): TokenResponse | 'invalid_request' | 'invalid_grant' | 'unsupported_grant_type' => {
  const str = (key: string) => (typeof form[key] === 'string' ? (form[key] as string) : undefined);
  switch (str('grant_type')) {
    case 'authorization_code': {
      const code = str('code');
      if (!code) return 'invalid_request';
      return oauth.exchangeCode(code, str('redirect_uri')) ?? 'invalid_grant';
    }
    case 'refresh_token': {
      const refreshToken = str('refresh_token');
      if (!refreshToken) return 'invalid_request';
      return oauth.refreshTokens(refreshToken) ?? 'invalid_grant';
    }
    case undefined:
      return 'invalid_request';
    default:
      return 'unsupported_grant_type';
  }
};

/** The Intuit OAuth endpoints, served by the same sandbox so one base URL covers both. */
export const registerOAuthRoutes = (app: FastifyInstance, oauth: OAuthState, defaultRealm: () => string | undefined): void => {
  app.post(TOKEN_PATH, async (request, reply) => {
    if (!clientAuthenticated(request, oauth)) return oauthError(reply, 401, 'invalid_client');
    const form = formOf(request);
    if (!form) return oauthError(reply, 400, 'invalid_request');
    const result = grant(form, oauth);
    if (typeof result === 'string') return oauthError(reply, 400, result);
    return reply.header('cache-control', 'no-store').send(shaped(request, result));
  });

  // The consent screen, auto-approved: redirects back with code, state and realmId.
  app.get(AUTHORIZE_PATH, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const realmId = query.realmId ?? defaultRealm();
    if (query.client_id !== oauth.config.clientId || !query.redirect_uri || query.response_type !== 'code' || !realmId) {
      return oauthError(reply, 400, 'invalid_request');
    }
    const target = new URL(query.redirect_uri);
    target.searchParams.set('code', oauth.authorize(realmId, query.redirect_uri));
    if (query.state !== undefined) target.searchParams.set('state', query.state);
    target.searchParams.set('realmId', realmId);
    return reply.redirect(target.toString(), 302);
  });

  app.post(REVOKE_PATH, async (request, reply) => {
    if (!clientAuthenticated(request, oauth)) return oauthError(reply, 401, 'invalid_client');
    const body = isDoc(request.body) ? request.body : {};
    if (typeof body.token !== 'string') return oauthError(reply, 400, 'invalid_request');
    oauth.revoke(body.token);
    return reply.code(200).send({});
  });
};
