import { Global, Injectable, Module } from '@nestjs/common';
import { accountingGrant, ApiClientKit, PerConnection } from '../pipeline/inbound/api-client-kit.js';
import { XeroClient } from './xero-client.js';

/** Each connection's Xero client, for the connections that keep their books there. */
@Injectable()
export class XeroClients {
  private readonly clients = new PerConnection<XeroClient>();

  constructor(private readonly kit: ApiClientKit) {}

  /** Undefined when the connection keeps its books elsewhere; throws for a connection the config does not name. */
  xero(name: string): XeroClient | undefined {
    const side = this.kit.connection(name).accounting;
    if (side.system !== 'xero') return undefined;
    return this.clients.get(name, () => XeroClient.create(side, this.kit.tokenSource(accountingGrant(name, side)), this.kit.httpOptions('xero', name)));
  }
}

/** Xero's clients for every module that talks to Xero. Global; needs InboundModule (global). */
@Global()
@Module({ providers: [XeroClients], exports: [XeroClients] })
export class XeroClientsModule {}
