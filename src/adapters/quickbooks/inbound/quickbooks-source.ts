import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { ConnectionConfig } from '../../../platform/config/connection.types.js';
import type { ResourcePoll } from '../../pipeline/inbound/polling/poll-types.js';
import type { FetchContext, FetchOutcome } from '../../pipeline/inbound/processing/observation.js';
import { QuickBooksClients } from '../quickbooks-clients.js';
import { SourceSystems, type SourceSystem } from '../../pipeline/inbound/source-system.js';
import { KnownObjects } from '../../pipeline/inbound/state/inbound-tables.js';
import { fetchQuickBooks } from './quickbooks-fetch.js';
import { quickBooksPoll } from './quickbooks-poll.js';

/** QuickBooks Online as the books of a connection: its webhook notices read back, and change data capture on every poll. */
@Injectable()
export class QuickBooksSource implements SourceSystem, OnModuleInit {
  readonly source = 'quickbooks';

  constructor(private readonly systems: SourceSystems, private readonly clients: QuickBooksClients, private readonly known: KnownObjects) {}

  onModuleInit(): void {
    this.systems.register(this);
  }

  serves(connection: ConnectionConfig): boolean {
    return connection.accounting.system === 'quickbooks';
  }

  fetch(ctx: FetchContext): Promise<FetchOutcome> {
    return fetchQuickBooks(ctx, { quickBooks: this.clients.quickBooks(ctx.notice.connection), known: this.known });
  }

  async polls(connection: ConnectionConfig): Promise<readonly ResourcePoll[]> {
    const client = this.clients.quickBooks(connection.name);
    return client ? [quickBooksPoll(client, connection.name, this.known, Date.now)] : [];
  }
}
