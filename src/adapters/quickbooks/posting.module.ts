import { Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { OutboundHandlerRegistry } from '../pipeline/outbound/index.js';
import { ConnectionsService } from '../pipeline/inbound/connections.service.js';
import { KnownObjects } from '../pipeline/inbound/state/inbound-tables.js';
import { SourceClients } from '../pipeline/inbound/source-clients.service.js';
import { quickBooksInvoiceSyncHandlers } from './outbound/index.js';
import { quickBooksProjectSyncHandlers } from './outbound/project-sync/index.js';
import { procoreWriteBackHandlers } from '../procore/outbound/index.js';
import { CompanyPreferences } from './company-preferences.js';

/**
 * Registers the QuickBooks handlers for the sagas' requests with the dispatcher, before it
 * starts (module init precedes bootstrap).
 */
@Module({})
export class PostingModule implements OnModuleInit, OnApplicationBootstrap {
  /** Each realm's class tracking, one cache for every handler that writes a ClassRef. */
  private readonly preferences = new CompanyPreferences();

  constructor(
    private readonly registry: OutboundHandlerRegistry,
    private readonly clients: SourceClients,
    private readonly known: KnownObjects,
    private readonly connections: ConnectionsService,
  ) {}

  onModuleInit(): void {
    const deps = { clients: this.clients, known: this.known, preferences: this.preferences };
    for (const handler of quickBooksInvoiceSyncHandlers(deps)) this.registry.register(handler);
    // The project sagas (commitment POs, Estimates, owner invoices, timecards) and the payments written back to Procore.
    for (const handler of quickBooksProjectSyncHandlers(deps)) this.registry.register(handler);
    for (const handler of procoreWriteBackHandlers({ clients: this.clients, known: this.known })) this.registry.register(handler);
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
