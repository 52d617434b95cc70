import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { PinoLogger } from 'nestjs-pino';
import { MetricsService } from '../../../../platform/metrics/metrics.service.js';
import { rejections, type RawDelivery } from './webhook-problems.js';

/** A media type no client sends: every webhook body is routed to the one parser that keeps the bytes. */
const RAW_WEBHOOK_TYPE = 'application/x-trestle-webhook-raw';
const WEBHOOK_PATH = /^\/webhooks\/[a-z-]+(\/|\?|$)/;

const originalTypes = new WeakMap<IncomingMessage, string | undefined>();

/** The Content-Type the sender used (the header itself was swapped for the raw parser). */
export const originalContentType = (request: FastifyRequest): string | undefined => originalTypes.get(request.raw);

/** The raw bytes (this setup parses every webhook body as a Buffer) and headers, as a vendor's intake verifies them. */
export const deliveryOf = (request: FastifyRequest): RawDelivery => ({
  body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
  contentType: originalContentType(request),
  headers: request.headers,
  raw: request.raw,
});

const outcomeOf = (status: number): string =>
  status < 300 ? 'accepted' : status === 401 ? 'unauthorized' : status === 413 ? 'too_large' : status === 415 ? 'unsupported_media_type' : status < 500 ? 'rejected' : 'error';

/**
 * Signatures cover the exact bytes, so webhook bodies must reach the controller unparsed
 * whatever Content-Type the sender chose (Intuit's CloudEvents may use a +json type).
 * Registered before the server listens: an onRequest hook swaps the Content-Type of
 * webhook requests for a private one whose parser returns the Buffer (the body limit
 * still applies: 413), and an onResponse hook counts and logs every outcome.
 */
@Injectable()
export class WebhookHttpSetup implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost, private readonly metrics: MetricsService, private readonly logger: PinoLogger) {
    this.logger.setContext('webhooks');
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || typeof fastify.addContentTypeParser !== 'function') return;
    fastify.addContentTypeParser(RAW_WEBHOOK_TYPE, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    fastify.addHook('onRequest', async (request: FastifyRequest) => {
      if (!WEBHOOK_PATH.test(request.url)) return;
      originalTypes.set(request.raw, request.headers['content-type']);
      request.headers['content-type'] = RAW_WEBHOOK_TYPE;
    });
    fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => this.record(request, reply));
  }

  private record(request: FastifyRequest, reply: FastifyReply): void {
    const match = WEBHOOK_PATH.exec(request.url);
    if (!match) return;
    const source = match[1]!;
    const outcome = outcomeOf(reply.statusCode);
    this.metrics.webhooksReceived.inc({ source, outcome });
    if (reply.statusCode < 400) return;
    // Never the headers or the body: they may carry the secret (or a guess at it).
    this.logger.warn({ source, path: request.url.split('?')[0], status: reply.statusCode, reason: rejections.get(request.raw) ?? outcome, ip: request.ip },
      'webhook rejected');
  }
}
