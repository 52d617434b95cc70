import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { HubEnv } from '../../platform/config/env.js';
import { HUB_ENV } from '../../platform/tokens.js';
import { ConnectionsService } from '../pipeline/inbound/connections.service.js';
import { BOOKS_PORTS, type BooksPortDirectory } from '../pipeline/books-outbound/index.js';
import { QbdBooksPort } from './qbd-books-port.js';
import type { QbdConnectionSettings } from './qbd-settings.js';
import { QbdQueue } from './queue/qbd-queue.js';
import { QbdQueueModule } from './queue/qbd-queue.module.js';
import { QBWC_PATH, webConnectorEndpoint } from './web-connector/soap-binding.js';
import { WebConnectorService } from './web-connector/web-connector.service.js';

/** The books port for connections whose `accounting.system` is `qbd` (registered into the hub's books directory). */
export const QBD_BOOKS_PORT = Symbol('QbdBooksPort');

/** One call waits this long for a Web Connector session, then the dispatcher rechecks after `RECHECK_MS` (a throttle, no retry budget spent). */
const WAIT_MS = 5_000;
const RECHECK_MS = 30_000;

const settingsOf = (connections: ConnectionsService) => (): QbdConnectionSettings[] =>
  connections.all().flatMap((c) => (c.accounting.system === 'qbd'
    ? [{ connection: c.name, userName: c.accounting.userName, passwordHash: c.accounting.passwordHash, companyFile: c.accounting.companyFile }]
    : []));

/**
 * QuickBooks Desktop: the durable Web Connector queue, the books port over it, and the SOAP
 * endpoint at `/qbwc` on the hub's own server (its callbacks authenticate with the Web
 * Connector's user and password, not an API key).
 */
@Global()
@Module({
  imports: [QbdQueueModule],
  providers: [
    { provide: QBD_BOOKS_PORT, inject: [QbdQueue], useFactory: (queue: QbdQueue) => new QbdBooksPort({ queue, now: () => new Date().toISOString(), waitMs: WAIT_MS, recheckMs: RECHECK_MS }) },
    { provide: WebConnectorService, inject: [QbdQueue, ConnectionsService], useFactory: (queue: QbdQueue, connections: ConnectionsService) => new WebConnectorService(queue, settingsOf(connections)) },
  ],
  exports: [QBD_BOOKS_PORT, QbdQueueModule],
})
export class QbdModule implements OnModuleInit {
  constructor(
    private readonly host: HttpAdapterHost,
    private readonly service: WebConnectorService,
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @Inject(QBD_BOOKS_PORT) port: QbdBooksPort,
    @Inject(BOOKS_PORTS) ports: BooksPortDirectory,
  ) {
    ports.register(port);
  }

  /** The SOAP body reaches node-soap as it came (a content-type parser scoped to this route). */
  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const endpoint = webConnectorEndpoint(this.service, `${this.env.publicUrl ?? 'http://localhost'}${QBWC_PATH}`);
    void fastify.register(async (scope) => {
      scope.addContentTypeParser(['text/xml', 'application/soap+xml'], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      scope.route({
        method: ['GET', 'POST'], url: QBWC_PATH,
        handler: (request, reply) => {
          reply.hijack();
          endpoint(request.raw, reply.raw, Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));
        },
      });
    });
  }
}
