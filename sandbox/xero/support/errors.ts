import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ServiceErrors } from '../../kit/index.js';

/**
 * Xero's error bodies. Two families: the Accounting API `Error` object (ErrorNumber/Type/
 * Message[/Elements]) for request problems, and problem-details for the identity layer
 * (401/403) and throttling. Only ValidationException (10) is in the facts; PostDataInvalid
 * (14) is third-party; the 404/429/503 wording is ours.
 */
export interface ValidationElement extends Record<string, unknown> {
  readonly ValidationErrors: ReadonlyArray<{ readonly Message: string }>;
}

export const validationException = (elements: readonly ValidationElement[]) => ({
  ErrorNumber: 10,
  Type: 'ValidationException',
  Message: 'A validation exception occurred',
  Elements: elements,
});

export const postDataInvalid = (message: string) => ({ ErrorNumber: 14, Type: 'PostDataInvalidException', Message: message });

export const problem = (status: number, title: string, detail: string) => ({
  Type: null,
  Title: title,
  Status: status,
  Detail: detail,
  Instance: randomUUID(),
  Extensions: {},
});

export const notFound = (reply: FastifyReply, what = "The resource you're looking for cannot be found") =>
  reply.code(404).send(problem(404, 'NotFound', what));

export type RateLimitProblem = 'minute' | 'day' | 'appminute' | 'concurrent';

export const tooManyRequests = (reply: FastifyReply, retryAfterSeconds: number, which: RateLimitProblem) =>
  reply.code(429)
    .header('Retry-After', String(retryAfterSeconds))
    .header('X-Rate-Limit-Problem', which)
    .send(problem(429, 'Too Many Requests', `Rate limit exceeded: ${which}`));

/** Answers the kit's outage and forced-throttle faults the way Xero words them. */
export const xeroServiceErrors: ServiceErrors = {
  outage: (reply, retryAfterSeconds) => {
    if (retryAfterSeconds !== undefined) reply.header('Retry-After', String(retryAfterSeconds));
    return reply.code(503).send(problem(503, 'Service Unavailable', 'The Xero API is temporarily unavailable'));
  },
  throttled: (reply, retryAfterSeconds) => tooManyRequests(reply, retryAfterSeconds ?? 60, 'minute'),
};

/** Fastify's own failures (bad JSON, wrong content type, size) as Xero bodies: never a bare 500. */
export const installErrorHandlers = (app: FastifyInstance): void => {
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 415) return reply.code(415).send(postDataInvalid('Unsupported content type: send application/json'));
    if (status === 413) return reply.code(413).send(postDataInvalid('The request body is too large'));
    if (status >= 400 && status < 500) return reply.code(status).send(postDataInvalid(`Invalid request data: ${error.message}`));
    return reply.code(500).send(problem(500, 'Internal Server Error', 'An unexpected error occurred'));
  });
  app.setNotFoundHandler((_request, reply) => notFound(reply));
};
