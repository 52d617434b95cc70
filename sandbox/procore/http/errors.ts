import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ServiceErrors } from '../../kit/index.js';

/**
 * A refusal with Procore's status code. Bodies are `{ message }`, plus `errors` (field →
 * messages) for validation failures: the facts only say "usually message or errors"
 * (uniform schema UNCONFIRMED), so a client should read either.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Readonly<Record<string, readonly string[]>>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string, errors?: Record<string, string[]>) => new ApiError(400, message, errors);
export const notFound = (what: string) => new ApiError(404, `${what} not found`);
export const unprocessable = (message: string, errors?: Record<string, string[]>) => new ApiError(422, message, errors);

export const sendError = (reply: FastifyReply, error: ApiError): FastifyReply =>
  reply.code(error.status).send(error.errors ? { message: error.message, errors: error.errors } : { message: error.message });

/** Outage and throttle answers for the kit's fault hook; both carry Retry-After (facts §3). */
export const procoreServiceErrors: ServiceErrors = {
  outage: (reply, retryAfterSeconds) =>
    reply.code(503).header('Retry-After', String(retryAfterSeconds ?? 30)).send({ message: 'Service Unavailable' }),
  throttled: (reply, retryAfterSeconds) =>
    reply.code(429).header('Retry-After', String(retryAfterSeconds ?? 10)).send({ message: 'Rate limit exceeded' }),
};

/** Bad input of any kind ends as a 4xx with a JSON body; only a bug in the simulator is a 500. */
export const installErrorHandling = (app: FastifyInstance): void => {
  app.setErrorHandler((error: FastifyError | ApiError, _request, reply) => {
    if (error instanceof ApiError) return sendError(reply, error);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(status).send({ message: error.message });
    console.error('procore sandbox: unexpected error', error);
    return reply.code(500).send({ message: 'Internal Server Error' });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ message: 'Not Found' }));
  // Tolerates an empty body under a JSON content type (clients send the header on DELETE too).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(badRequest('Body is not valid JSON'), undefined);
    }
  });
  // OAuth token requests are form-encoded (RFC 6749); Fastify only parses JSON by default.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
};
