import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDoc, type Doc } from '../model/entity-types.js';
import type { OAuthState, TokenResponse } from './oauth-state.js';
import { hasScope, type IntuitOpenId } from './openid.js';

export const TOKEN_PATH = '/oauth2/v1/tokens/bearer';
export const AUTHORIZE_PATH = '/connect/oauth2';
export const REVOKE_PATH = '/v2/oauth2/tokens/revoke';

/** Intuit redirects only to web addresses (https; http for localhost in development). */
const validUrl = (value: string | undefined): value is string =>
  value !== undefined && URL.canParse(value) && ['https:', 'http:'].includes(new URL(value).protocol);

const oauthError = (reply: FastifyReply, status: number, error: string) => reply.code(status).send({ error });

/**
 * Client authentication is HTTP Basic with client id and secret (facts §10); Intuit's
 * discovery document also lists client_secret_post, so form fields are accepted too.
 */
const clientAuthenticated = (request: FastifyRequest, oauth: OAuthState): boolean => {
  const header = request.headers.authorization ?? '';
  const form = isDoc(request.body) ? request.body : {};
  const [id, secret] = header.startsWith('Basic ')
    ? Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')
    : [form.client_id, form.client_secret];
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

type GrantError = 'invalid_request' | 'invalid_grant' | 'unsupported_grant_type';

/** The code exchange, with an id_token (RS256, Intuit's claims) when `openid` was consented to. */
const exchange = async (oauth: OAuthState, openId: IntuitOpenId, code: string, redirectUri: string | undefined): Promise<TokenResponse | GrantError> => {
  const granted = oauth.exchangeCode(code, redirectUri);
  if (!granted) return 'invalid_grant';
  if (!hasScope(granted.scope, 'openid')) return granted.tokens;
  const idToken = await openId.idToken({ clientId: oauth.config.clientId, realmId: granted.realmId, nowMs: oauth.nowMs() });
  return { ...granted.tokens, id_token: idToken };
};

const grant = async (form: Doc, oauth: OAuthState, openId: IntuitOpenId): Promise<TokenResponse | GrantError> => {
  const str = (key: string) => (typeof form[key] === 'string' ? (form[key] as string) : undefined);
  switch (str('grant_type')) {
    case 'authorization_code': {
      const code = str('code');
      if (!code) return 'invalid_request';
      return exchange(oauth, openId, code, str('redirect_uri'));
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
export const registerOAuthRoutes = (app: FastifyInstance, oauth: OAuthState, openId: IntuitOpenId, defaultRealm: () => string | undefined): void => {
  app.post(TOKEN_PATH, async (request, reply) => {
    if (!clientAuthenticated(request, oauth)) return oauthError(reply, 401, 'invalid_client');
    const form = formOf(request);
    if (!form) return oauthError(reply, 400, 'invalid_request');
    const result = await grant(form, oauth, openId);
    if (typeof result === 'string') return oauthError(reply, 400, result);
    return reply.header('cache-control', 'no-store').send(shaped(request, result));
  });

  // The consent screen, auto-approved: redirects back with code, state and realmId.
  // Intuit refuses an authorize request without a scope (facts §10: scope is in the URL).
  app.get(AUTHORIZE_PATH, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const realmId = query.realmId ?? defaultRealm();
    const scope = query.scope?.trim();
    if (query.client_id !== oauth.config.clientId || !validUrl(query.redirect_uri) || query.response_type !== 'code' || !realmId || !scope) {
      return oauthError(reply, 400, 'invalid_request');
    }
    const target = new URL(query.redirect_uri);
    target.searchParams.set('code', oauth.authorize(realmId, query.redirect_uri, scope));
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
