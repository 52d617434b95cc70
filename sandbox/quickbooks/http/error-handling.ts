import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { QboError, errors } from '../model/qbo-error.js';
import { faultReply, send } from './replies.js';

const statusOf = (error: unknown): number => {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : 500;
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Framework-level failures (bad JSON, unknown media type, huge body) as the QuickBooks Fault they would be. */
const asQboError = (error: unknown): QboError => {
  if (error instanceof QboError) return error;
  const status = statusOf(error);
  if (status === 415) return errors.unsupported(`Unsupported Content-Type: ${messageOf(error)}`);
  if (status >= 400 && status < 500) return errors.invalidProperty(`Request has invalid or unsupported property: ${messageOf(error)}`);
  return errors.internal(messageOf(error));
};

/**
 * Every failure answers with the documented shape for its path — API Faults, OAuth
 * `{"error"}`, admin `{"error"}` — never a bare 500 or a dropped connection.
 */
export const registerErrorHandling = (app: FastifyInstance, now: () => Date): void => {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith('/oauth2') || request.url.startsWith('/v2/oauth2')) {
      const status = statusOf(error);
      return reply.code(status >= 500 ? 500 : 400).send({ error: status >= 500 ? 'server_error' : 'invalid_request' });
    }
    if (request.url.startsWith('/_sandbox') && !(error instanceof QboError)) {
      const status = statusOf(error);
      return reply.code(status).send({ error: messageOf(error) });
    }
    return send(reply, faultReply(asQboError(error), now()));
  });

  app.setNotFoundHandler((request, reply) => {
    if (!request.url.startsWith('/v3/')) return reply.code(404).send({ error: `no route ${request.method} ${request.url}` });
    return send(reply, faultReply(errors.notFoundUrl(request.url.split('?')[0] ?? ''), now()));
  });
};
