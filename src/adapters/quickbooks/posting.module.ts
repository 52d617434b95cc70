import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { ConnectionsService } from '../pipeline/inbound/connections.service.js';
import { KnownObjects } from '../pipeline/inbound/state/inbound-tables.js';
import { QuickBooksClients, QuickBooksClientsModule } from './quickbooks-clients.js';
import { BOOKS_PORTS, type BooksPortDirectory } from '../pipeline/books-outbound/index.js';
import { CompanyPreferences } from './company-preferences.js';
import { QuickBooksBooksPort } from './quickbooks-books-port.js';

/**
 * QuickBooks Online's books port, registered into the hub's directory (BooksModule) for
 * connections whose `accounting.system` is quickbooks, with each realm's class tracking in
 * one cache for every write that places a ClassRef (and the start-up read).
 */
@Module({ imports: [QuickBooksClientsModule] })
export class PostingModule implements OnApplicationBootstrap {
  private readonly preferences = new CompanyPreferences();

  constructor(
    private readonly clients: QuickBooksClients,
    known: KnownObjects,
    private readonly connections: ConnectionsService,
    @Inject(BOOKS_PORTS) ports: BooksPortDirectory,
  ) {
    ports.register(new QuickBooksBooksPort({ clients, known, preferences: this.preferences }));
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
