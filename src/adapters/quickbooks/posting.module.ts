import { Global, Inject, Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { BooksPort, BooksPorts } from '../../domain/books/index.js';
import { OutboundHandlerRegistry } from '../pipeline/outbound/index.js';
import { ConnectionsService } from '../pipeline/inbound/connections.service.js';
import { KnownObjects } from '../pipeline/inbound/state/inbound-tables.js';
import { SourceClients } from '../pipeline/inbound/source-clients.service.js';
import { BOOKS_PORTS, BooksPortDirectory, booksHandlers } from '../pipeline/books-outbound/index.js';
import { CompanyPreferences } from './company-preferences.js';
import { QuickBooksBooksPort } from './quickbooks-books-port.js';
import { QBD_BOOKS_PORT } from '../qbd/qbd.module.js';

/** Each realm's class tracking, one cache for every write that places a ClassRef (and the start-up read). */
const PREFERENCES = Symbol('QuickBooksPreferences');

/**
 * The books ports, one per accounting system the hub posts to, chosen per connection by its
 * `accounting.system` (Xero and QuickBooks Desktop: one more entry each). Global: the sagas
 * look employees and estimates up through the same ports.
 */
@Global()
@Module({
  providers: [
    { provide: PREFERENCES, useFactory: () => new CompanyPreferences() },
    {
      provide: BOOKS_PORTS,
      inject: [SourceClients, KnownObjects, ConnectionsService, PREFERENCES, QBD_BOOKS_PORT],
      useFactory: (clients: SourceClients, known: KnownObjects, connections: ConnectionsService, preferences: CompanyPreferences, qbd: BooksPort): BooksPorts =>
        new BooksPortDirectory((name) => connections.get(name)?.accounting.system, { quickbooks: new QuickBooksBooksPort({ clients, known, preferences }), qbd }),
    },
  ],
  exports: [BOOKS_PORTS],
})
export class PostingModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly registry: OutboundHandlerRegistry,
    private readonly clients: SourceClients,
    private readonly known: KnownObjects,
    private readonly connections: ConnectionsService,
    @Inject(BOOKS_PORTS) private readonly ports: BooksPorts,
    @Inject(PREFERENCES) private readonly preferences: CompanyPreferences,
  ) {}

  /** Registers the handlers for the sagas' requests with the dispatcher, before it starts (module init precedes bootstrap). */
  onModuleInit(): void {
    // Every books request (invoice-sync's and the project sagas'), for every books system.
    for (const handler of booksHandlers(this.ports)) this.registry.register(handler);
  }

  /**
   * Each QuickBooks connection's Preferences as it starts, without holding the start up: a
   * failed read (the books unreachable) is simply read again by the first write.
   */
  onApplicationBootstrap(): void {
    for (const connection of this.connections.all()) {
      const client = connection.accounting.system === 'quickbooks' ? this.clients.quickBooks(connection.name) : undefined;
      if (client) void this.preferences.classTracking(client).catch(() => undefined);
    }
  }
}
