import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TokenResponse, TokenStore } from './token-store.js';

type Form = Record<string, unknown>;

/** RFC 6749 error answers, in Doorkeeper's wording (Procore's OAuth server). */
const oauthError = (reply: FastifyReply, status: number, error: string, description: string): FastifyReply =>
  reply.code(status).header('Cache-Control', 'no-store').send({ error, error_description: description });

const INVALID_CLIENT = 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.';
const INVALID_CODE = 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.';
export const OOB_REDIRECT = 'urn:ietf:wg:oauth:2.0:oob';

const formOf = (request: FastifyRequest): Form =>
  typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? (request.body as Form) : {};

/** Client credentials from the form or from HTTP Basic, both allowed by RFC 6749 §2.3.1. */
const clientOf = (request: FastifyRequest, form: Form): { id: unknown; secret: unknown } => {
  const header = request.headers.authorization;
  if (header?.startsWith('Basic ')) {
    const [id, secret] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':').map(decodeSafely);
    return { id, secret };
  }
  return { id: form.client_id, secret: form.client_secret };
};

const decodeSafely = (part: string): string | undefined => {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
};

const redirectTarget = (redirectUri: string): URL | null => {
  try {
    return new URL(redirectUri);
  } catch {
    return null;
  }
};

const GRANTS = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
type Grant = (typeof GRANTS)[number];
const isGrant = (value: unknown): value is Grant => typeof value === 'string' && (GRANTS as readonly string[]).includes(value);

const grant = (tokens: TokenStore, kind: Grant, form: Form): TokenResponse | { error: string; status: number; description: string } => {
  if (kind === 'client_credentials') return tokens.clientCredentials();
  if (kind === 'refresh_token') {
    if (typeof form.refresh_token !== 'string') return { status: 400, error: 'invalid_request', description: 'Missing required parameter: refresh_token.' };
    return tokens.rotate(form.refresh_token) ?? { status: 401, error: 'invalid_grant', description: 'The refresh token is invalid' };
  }
  if (typeof form.code !== 'string' || typeof form.redirect_uri !== 'string') {
    return { status: 400, error: 'invalid_request', description: 'Missing required parameter: code or redirect_uri.' };
  }
  return tokens.exchangeCode(form.code, form.redirect_uri) ?? { status: 401, error: 'invalid_grant', description: INVALID_CODE };
};

/** `/oauth/token`, `/oauth/authorize` (auto-consent), `/oauth/token/info`, `/oauth/revoke` on the API host. */
export const registerOAuthRoutes = (app: FastifyInstance, tokens: TokenStore): void => {
  app.post('/oauth/token', async (request, reply) => {
    const form = formOf(request);
    if (!isGrant(form.grant_type)) {
      return form.grant_type === undefined
        ? oauthError(reply, 400, 'invalid_request', 'Missing required parameter: grant_type.')
        : oauthError(reply, 400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.');
    }
    const client = clientOf(request, form);
    if (!tokens.authenticateClient(client.id, client.secret)) return oauthError(reply, 401, 'invalid_client', INVALID_CLIENT);
    const result = grant(tokens, form.grant_type, form);
    if ('error' in result) return oauthError(reply, result.status, result.error, result.description);
    return reply.header('Cache-Control', 'no-store').send(result);
  });

  // No login page: the sandbox user has already clicked "Allow".
  app.get('/oauth/authorize', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    if (query.response_type !== 'code') return oauthError(reply, 400, 'unsupported_response_type', 'The authorization server does not support this response type.');
    if (!tokens.knowsClient(query.client_id)) return oauthError(reply, 401, 'invalid_client', INVALID_CLIENT);
    const redirectUri = query.redirect_uri ?? OOB_REDIRECT;
    const target = redirectUri === OOB_REDIRECT ? null : redirectTarget(redirectUri);
    if (redirectUri !== OOB_REDIRECT && !target) return oauthError(reply, 400, 'invalid_request', 'The redirect uri is invalid.');
    const code = tokens.issueAuthorizationCode(redirectUri);
    if (!target) return reply.send({ code });
    target.searchParams.set('code', code);
    if (query.state) target.searchParams.set('state', query.state);
    return reply.redirect(target.toString(), 302);
  });

  app.get('/oauth/token/info', async (request, reply) => {
    const bearer = request.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '';
    const verified = tokens.verify(bearer);
    if (!verified.ok) return oauthError(reply, 401, 'invalid_token', 'The access token is invalid');
    const t = verified.token;
    return {
      resource_owner_id: t.userId, scope: [], expires_in: tokens.secondsLeft(t),
      application: { uid: t.clientId }, created_at: t.createdAt,
    };
  });

  app.post('/oauth/revoke', async (request, reply) => {
    const form = formOf(request);
    const client = clientOf(request, form);
    if (!tokens.authenticateClient(client.id, client.secret)) return oauthError(reply, 401, 'invalid_client', INVALID_CLIENT);
    if (typeof form.token === 'string') tokens.revoke(form.token);
    return reply.send({});
  });
};
