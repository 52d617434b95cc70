import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { DocumentType } from '../../../domain/documents/document-ref.js';
import type { ConnectionConfig } from '../../../platform/config/connection.types.js';
import type { ChangeNotice } from '../../pipeline/inbound/inbox/inbox-events.js';
import type { ResourcePoll } from '../../pipeline/inbound/polling/poll-types.js';
import type { FetchContext, FetchOutcome } from '../../pipeline/inbound/processing/observation.js';
import { ProcoreClients } from '../procore-clients.js';
import { SourceSystems, type SourceSystem } from '../../pipeline/inbound/source-system.js';
import { fetchProcore } from './procore-fetch.js';
import { procorePolls } from './procore-poll.js';

/** The Procore lists the poll sweeps, and the document each row is (versions are their updated_at). */
const POLLED_PROCORE_TYPES: Readonly<Record<string, DocumentType>> = {
  'Requisitions': 'subcontractor_invoice', 'Payment Applications': 'owner_invoice', 'Work Order Contracts': 'commitment',
  'Purchase Order Contracts': 'commitment', 'Commitment Change Orders': 'commitment_change_order',
  'Prime Change Orders': 'prime_change_order', 'Budget Line Items': 'budget_line', 'Timecard Entries': 'timecard',
};

/** Line item type codes per connection, read once: timecards name their cost type only by id. */
class CostTypeCodes {
  private readonly cache = new Map<string, Promise<string | null>>();
  constructor(private readonly clients: ProcoreClients) {}

  code(connection: string, id: string): Promise<string | null> {
    const key = `${connection}/${id}`;
    let found = this.cache.get(key);
    if (!found) {
      found = this.clients.procore(connection).getLineItemType(id).then((r) => (r.ok && typeof r.body.code === 'string' ? r.body.code : null));
      found.then((code) => { if (code === null) this.cache.delete(key); }, () => this.cache.delete(key));
      this.cache.set(key, found);
    }
    return found;
  }
}
/** Procore, the construction side of every connection: what its notices name, and the lists a poll sweeps. */
@Injectable()
export class ProcoreSource implements SourceSystem, OnModuleInit {
  readonly source = 'procore';
  private readonly costTypes: CostTypeCodes;

  constructor(private readonly systems: SourceSystems, private readonly clients: ProcoreClients) {
    this.costTypes = new CostTypeCodes(clients);
  }

  onModuleInit(): void {
    this.systems.register(this);
  }

  serves(): boolean {
    return true;
  }

  fetch(ctx: FetchContext): Promise<FetchOutcome> {
    const connection = ctx.notice.connection;
    return fetchProcore(ctx, { client: this.clients.procore(connection), costTypeCode: (id) => this.costTypes.code(connection, id) });
  }

  polls(connection: ConnectionConfig): Promise<readonly ResourcePoll[]> {
    return procorePolls(this.clients.procore(connection.name), connection);
  }

  polledDocument(notice: ChangeNotice): DocumentType | undefined {
    return POLLED_PROCORE_TYPES[notice.resource];
  }
}
