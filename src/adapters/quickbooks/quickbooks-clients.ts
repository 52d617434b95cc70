import { Global, Injectable, Module } from '@nestjs/common';
import { accountingGrant, ApiClientKit, PerConnection } from '../pipeline/inbound/api-client-kit.js';
import { QuickBooksClient } from './quickbooks-client.js';

/** Each connection's QuickBooks Online client, for the connections that keep their books there. */
@Injectable()
export class QuickBooksClients {
  private readonly clients = new PerConnection<QuickBooksClient>();

  constructor(private readonly kit: ApiClientKit) {}

  /** Undefined when the connection keeps its books elsewhere; throws for a connection the config does not name. */
  quickBooks(name: string): QuickBooksClient | undefined {
    const side = this.kit.connection(name).accounting;
    if (side.system !== 'quickbooks') return undefined;
    return this.clients.get(name, () => QuickBooksClient.create(side, this.kit.tokenSource(accountingGrant(name, side)), this.kit.httpOptions('quickbooks', name)));
  }
}

/** QuickBooks Online's clients for every module that talks to it. Global; needs InboundModule (global). */
@Global()
@Module({ providers: [QuickBooksClients], exports: [QuickBooksClients] })
export class QuickBooksClientsModule {}
