import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Server } from 'node:http';
import type { FastifyHttpOptions, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { PROBLEM_BASE } from './problem-details.filter.js';
import { REQUEST_ID_HEADER, requestIdOf } from './request-log.js';

/** Webhook bodies and API payloads above this get 413. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** Request line plus headers (Node's own limit, answered with 431). */
export const MAX_HEADER_BYTES = 16 * 1024;
/** Longer URLs get 414; a path parameter may be as long as the URL, the input guard then bounds its value. */
export const MAX_URL_LENGTH = 4096;

const problemOf = (status: number, slug: string, detail: string, requestId: string) => ({
  type: `${PROBLEM_BASE}${slug}`, title: STATUS_CODES[status] ?? 'Error', status, detail, requestId,
});

/** Fastify's router answers a malformed URL (400) or an over-long parameter (414) before any hook or filter runs. */
const frameworkErrors = (logger: Logger) => (error: Error & { code?: string; statusCode?: number }, request: FastifyRequest, reply: FastifyReply): void => {
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : error.code === 'FST_ERR_BAD_URL' ? 400 : (error.statusCode ?? 400);
  const detail = status === 414 ? `a path parameter is longer than ${MAX_URL_LENGTH} characters` : 'the URL is not valid (malformed percent-encoding?)';
  logger.info({ reqId: request.id, method: request.method, route: 'unmatched', status, code: error.code }, 'request refused by the router');
  void reply.status(status).header(REQUEST_ID_HEADER, request.id).header('content-type', 'application/problem+json')
    .send(problemOf(status, status === 414 ? 'uri-too-long' : 'bad-url', detail, request.id));
};

/**
 * Node refuses over-long headers (431) and unparsable requests (400) on the socket, before
 * Fastify sees a request; Fastify's default answer is a plain JSON body. Ours is a problem body.
 */
const clientErrorHandler = (logger: Logger) => (error: Error & { code?: string }, socket: Socket): void => {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const detail = status === 431 ? `the request line and headers exceed ${MAX_HEADER_BYTES} bytes` : status === 408 ? 'the request took too long to arrive' : 'the request is not valid HTTP';
  const requestId = randomUUID();
  logger.info({ reqId: requestId, status, code: error.code }, 'request refused by the HTTP parser');
  if (socket.writable) {
    const body = JSON.stringify(problemOf(status, status === 431 ? 'headers-too-large' : 'bad-request', detail, requestId));
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/problem+json\r\n`
      + `${REQUEST_ID_HEADER}: ${requestId}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  socket.destroy(error);
};

/** The Fastify options that bound a request and answer every transport-level refusal with a problem body. */
export const transportOptions = (logger: Logger): FastifyHttpOptions<Server> => ({
  bodyLimit: BODY_LIMIT_BYTES,
  http: { maxHeaderSize: MAX_HEADER_BYTES },
  routerOptions: { maxParamLength: MAX_URL_LENGTH },
  genReqId: requestIdOf,
  frameworkErrors: frameworkErrors(logger),
  clientErrorHandler: clientErrorHandler(logger),
});
