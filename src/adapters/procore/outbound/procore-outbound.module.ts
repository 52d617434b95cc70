import { Module, type OnModuleInit } from '@nestjs/common';
import { KnownObjects } from '../../pipeline/inbound/state/inbound-tables.js';
import { SourceClients } from '../../pipeline/inbound/source-clients.service.js';
import { OutboundHandlerRegistry } from '../../pipeline/outbound/index.js';
import { procoreWriteBackHandlers } from './index.js';

/** Payments made in the books, written back to Procore: its handlers, registered with the dispatcher before it starts. */
@Module({})
export class ProcoreOutboundModule implements OnModuleInit {
  constructor(private readonly registry: OutboundHandlerRegistry, private readonly clients: SourceClients, private readonly known: KnownObjects) {}

  onModuleInit(): void {
    for (const handler of procoreWriteBackHandlers({ clients: this.clients, known: this.known })) this.registry.register(handler);
  }
}
