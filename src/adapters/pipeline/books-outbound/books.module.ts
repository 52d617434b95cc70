import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { ConnectionsService } from '../inbound/connections.service.js';
import { OutboundHandlerRegistry } from '../outbound/index.js';
import { BooksPortDirectory } from './books-port-directory.js';
import { BOOKS_PORTS } from './books-ports.token.js';
import { booksHandlers } from './index.js';

/**
 * The books ports, one per accounting system, chosen per connection by its
 * `accounting.system`: each system's posting module registers its port into the directory
 * (`BOOKS_PORTS`). Global: the sagas look employees and estimates up through the same ports.
 * The handlers for every books request are registered once here, for every system.
 */
@Global()
@Module({
  providers: [{
    provide: BOOKS_PORTS,
    inject: [ConnectionsService],
    useFactory: (connections: ConnectionsService) => new BooksPortDirectory((name) => connections.get(name)?.accounting.system),
  }],
  exports: [BOOKS_PORTS],
})
export class BooksModule implements OnModuleInit {
  constructor(private readonly registry: OutboundHandlerRegistry, @Inject(BOOKS_PORTS) private readonly ports: BooksPortDirectory) {}

  /** Before the dispatcher starts (module init precedes bootstrap); handlers ask the directory per request. */
  onModuleInit(): void {
    for (const handler of booksHandlers(this.ports)) this.registry.register(handler);
  }
}
