import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { MetricsService } from '../metrics/metrics.service.js';

/** The header that carries a request's id, both ways. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's id is honoured when it is short and plain (it goes into logs and headers). */
const SANE_ID = /^[\w.:-]{1,128}$/;

/**
 * Fastify's genReqId: the caller's `x-request-id` (or the older `x-correlation-id`) when sane,
 * else a UUID. Fastify hands it to middie, which puts it on the raw request for pino-http.
 */
export const requestIdOf = (raw: IncomingMessage): string => {
  for (const name of [REQUEST_ID_HEADER, 'x-correlation-id']) {
    const given = raw.headers[name];
    if (typeof given === 'string' && SANE_ID.test(given)) return given;
  }
  return randomUUID();
};

/** The error behind a 5xx, kept until the response line is written (the filter answers, the hook logs). */
const serverErrors = new WeakMap<IncomingMessage, unknown>();

export const noteServerError = (raw: IncomingMessage, error: unknown): void => {
  serverErrors.set(raw, error);
};

/** Probes and scrapes come every few seconds: their lines are debug, not info. */
const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

const lineOf = (request: FastifyRequest, reply: FastifyReply, route: string) => ({
  reqId: request.id,
  method: request.method,
  route,
  status: reply.statusCode,
  durationMs: Math.round(reply.elapsedTime * 10) / 10,
});

/**
 * One line per request, written when the response is sent: method, route template (never the
 * URL with its query, which may carry values), status, duration and request id. Headers are
 * not logged at all, so no API key, authorization or signature can reach a line. A 5xx is an
 * error line with the error's stack, and is counted by route and status in /metrics.
 */
export const installRequestLog = (fastify: FastifyInstance, logger: Logger, metrics: MetricsService): void => {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const line = lineOf(request, reply, route);
    if (reply.statusCode >= 500) {
      metrics.httpServerErrors.inc({ method: request.method, route, status: String(reply.statusCode) });
      const err = serverErrors.get(request.raw);
      logger.error(err === undefined ? line : { ...line, err }, 'request failed');
    } else if (QUIET_ROUTES.has(route)) {
      logger.debug(line, 'request');
    } else {
      logger.info(line, 'request');
    }
    done();
  });
};
