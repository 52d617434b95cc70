import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { ConnectionConfig } from '../../../platform/config/connection.types.js';
import type { ResourcePoll } from '../../pipeline/inbound/polling/poll-types.js';
import type { FetchContext, FetchOutcome } from '../../pipeline/inbound/processing/observation.js';
import { XeroClients } from '../xero-clients.js';
import { SourceSystems, type SourceSystem } from '../../pipeline/inbound/source-system.js';
import { KnownObjects } from '../../pipeline/inbound/state/inbound-tables.js';
import { fetchXero } from './xero-fetch.js';
import { xeroPolls } from './xero-poll.js';

/** Xero as the books of a connection: invoice webhooks read back; invoices and payments (no payment webhooks) polled. */
@Injectable()
export class XeroSource implements SourceSystem, OnModuleInit {
  readonly source = 'xero';

  constructor(private readonly systems: SourceSystems, private readonly clients: XeroClients, private readonly known: KnownObjects) {}

  onModuleInit(): void {
    this.systems.register(this);
  }

  serves(connection: ConnectionConfig): boolean {
    return connection.accounting.system === 'xero';
  }

  fetch(ctx: FetchContext): Promise<FetchOutcome> {
    return fetchXero(ctx, { xero: this.clients.xero(ctx.notice.connection), known: this.known });
  }

  async polls(connection: ConnectionConfig): Promise<readonly ResourcePoll[]> {
    const client = this.clients.xero(connection.name);
    return client ? xeroPolls(client, connection.name, this.known) : [];
  }
}
