import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/shared/domain-error.js';
import { EventStoreError } from '../../eventstore/index.js';
import { isConnectionError } from '../postgres/connection-errors.js';
import { noteServerError } from './request-log.js';

export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

export const PROBLEM_BASE = 'https://trestle.dev/problems/';

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  408: 'Request Timeout', 409: 'Conflict', 413: 'Payload Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Fastify's own errors (body parsing, size limits) carry a statusCode and an FST_ code. */
const fromFastifyError = (error: { statusCode?: number; code?: string; message: string }): ProblemDetails | undefined => {
  if (typeof error.statusCode !== 'number' || error.statusCode < 400 || error.statusCode >= 500) return undefined;
  const status = error.statusCode;
  return { type: `${PROBLEM_BASE}${slug(error.code ?? TITLES[status] ?? 'error')}`, title: TITLES[status] ?? 'Error', status, detail: error.message };
};

/** Every error leaves as RFC 9457 problem+json; 5xx details are not leaked. */
export const toProblem = (exception: unknown): ProblemDetails => {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    if (typeof body === 'object' && body !== null && 'type' in body && 'title' in body) return { ...(body as ProblemDetails), status };
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
    return { type: `${PROBLEM_BASE}${slug(TITLES[status] ?? 'error')}`, title: TITLES[status] ?? 'Error', status, detail, ...(Array.isArray(message) ? { errors: message } : {}) };
  }
  if (exception instanceof DomainError) {
    return { type: `${PROBLEM_BASE}${slug(exception.code)}`, title: 'Business rule violated', status: 422, detail: exception.message, code: exception.code, ...exception.details };
  }
  if (exception instanceof EventStoreError) {
    const status = exception.code === 'WRONG_EXPECTED_REVISION' || exception.code === 'EVENT_ID_CONFLICT' ? 409 : 400;
    return { type: `${PROBLEM_BASE}${slug(exception.code)}`, title: TITLES[status]!, status, detail: exception.message, code: exception.code };
  }
  // The database being away is an outage, not a bug: senders retry a 503 (webhooks are redelivered).
  if (isConnectionError(exception)) {
    return { type: `${PROBLEM_BASE}database-unavailable`, title: TITLES[503]!, status: 503, detail: 'The database is unreachable; try again shortly.' };
  }
  const fastify = typeof exception === 'object' && exception !== null ? fromFastifyError(exception as { statusCode?: number; message: string }) : undefined;
  return fastify ?? { type: `${PROBLEM_BASE}internal`, title: TITLES[500]!, status: 500, detail: 'An unexpected error occurred; it has been logged.' };
};

/** Every problem body carries the request id, as the x-request-id header and the log line do. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    // The path only: a query string may carry the very value that was refused.
    const problem = { ...toProblem(exception), instance: request.url.split('?')[0], requestId: request.id };
    // The response hook writes the request's line; for a 5xx it carries this error and its stack.
    if (problem.status >= 500) noteServerError(request.raw, exception);
    void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
  }
}
