import { Inject, Module } from '@nestjs/common';
import type { HubEnv } from '../../platform/config/env.js';
import { HUB_ENV } from '../../platform/tokens.js';
import { ConnectionsService } from '../pipeline/inbound/connections.service.js';
import { KnownObjects } from '../pipeline/inbound/state/inbound-tables.js';
import { BOOKS_PORTS, type BooksPortDirectory } from '../pipeline/books-outbound/index.js';
import { TrackingCache } from './outbound/tracking-cache.js';
import { XeroBooksPort } from './xero-books-port.js';
import { XeroClients, XeroClientsModule } from './xero-clients.js';

/**
 * Xero's books port, registered into the hub's directory (BooksModule) for connections whose
 * `accounting.system` is xero: documents in each connection's `documentStatus`, their Url
 * leading back to the hub's public address.
 */
@Module({ imports: [XeroClientsModule] })
export class XeroPostingModule {
  constructor(clients: XeroClients, known: KnownObjects, connections: ConnectionsService, @Inject(HUB_ENV) env: HubEnv, @Inject(BOOKS_PORTS) ports: BooksPortDirectory) {
    const documentStatus = (name: string) => {
      const side = connections.get(name)?.accounting;
      return side?.system === 'xero' ? side.documentStatus ?? 'AUTHORISED' : 'AUTHORISED';
    };
    ports.register(new XeroBooksPort({ clients, known, documentStatus, publicUrl: env.publicUrl, tracking: new TrackingCache() }));
  }
}
