import { Module, type OnModuleInit } from '@nestjs/common';
import { KnownObjects } from '../../pipeline/inbound/state/inbound-tables.js';
import { ProcoreClients, ProcoreClientsModule } from '../procore-clients.js';
import { OutboundHandlerRegistry } from '../../pipeline/outbound/index.js';
import { procoreWriteBackHandlers } from './index.js';

/** Payments made in the books, written back to Procore: its handlers, registered with the dispatcher before it starts. */
@Module({ imports: [ProcoreClientsModule] })
export class ProcoreOutboundModule implements OnModuleInit {
  constructor(private readonly registry: OutboundHandlerRegistry, private readonly clients: ProcoreClients, private readonly known: KnownObjects) {}

  onModuleInit(): void {
    for (const handler of procoreWriteBackHandlers({ clients: this.clients, known: this.known })) this.registry.register(handler);
  }
}
