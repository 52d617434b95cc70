import { Module, type OnModuleInit } from '@nestjs/common';
import { OutboundHandlerRegistry } from '../outbound/index.js';
import { KnownObjects } from '../inbound/state/inbound-tables.js';
import { SourceClients } from '../inbound/source-clients.service.js';
import { quickBooksInvoiceSyncHandlers } from './outbound/index.js';
import { quickBooksProjectSyncHandlers } from './outbound/project-sync/index.js';
import { procoreWriteBackHandlers } from '../procore/outbound/index.js';

/**
 * Registers the QuickBooks handlers for the sagas' requests with the dispatcher, before it
 * starts (module init precedes bootstrap).
 */
@Module({})
export class PostingModule implements OnModuleInit {
  constructor(
    private readonly registry: OutboundHandlerRegistry,
    private readonly clients: SourceClients,
    private readonly known: KnownObjects,
  ) {}

  onModuleInit(): void {
    for (const handler of quickBooksInvoiceSyncHandlers({ clients: this.clients, known: this.known })) this.registry.register(handler);
    // The project sagas (commitment POs, Estimates, owner invoices, timecards) and the payments written back to Procore.
    for (const handler of quickBooksProjectSyncHandlers({ clients: this.clients, known: this.known })) this.registry.register(handler);
    for (const handler of procoreWriteBackHandlers({ clients: this.clients, known: this.known })) this.registry.register(handler);
  }
}
