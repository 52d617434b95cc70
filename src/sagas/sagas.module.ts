import { Inject, Module, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '../eventstore/index.js';
import { parseDocumentStream } from '../domain/documents/document-ref.js';
import { invoiceSyncStream } from '../domain/invoice-sync/index.js';
import { SYNC_FACT } from '../domain/shared/sync-facts.js';
import { MappingService } from '../adapters/mapping/index.js';
import { AlertService, QuarantineAlerts } from '../adapters/alerts/index.js';
import { SourceClients } from '../adapters/inbound/source-clients.service.js';
import { SubscriptionsService } from '../hub/subscriptions.service.js';
import { EVENT_STORE } from '../hub/tokens.js';
import { invoiceSyncProcessManager } from './invoice-sync/invoice-sync.process-manager.js';
import { purchaseOrderLinksFor } from './context/purchase-order-links.js';
import { BooksLinks } from './links/books-links.js';
import { ProcessManagerRunner } from './runner/process-manager-runner.js';
import { ProjectSyncContext, projectSyncSagas } from './context/project-sync.js';

/**
 * The durable process managers. Each runs from its own checkpointed subscription; saga
 * instances are partitioned by stream, so different documents advance side by side.
 */
@Module({})
export class SagasModule implements OnModuleInit, OnApplicationShutdown {
  private readonly links: BooksLinks;
  private readonly projectSync: ProjectSyncContext;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly subscriptions: SubscriptionsService,
    private readonly mapping: MappingService,
    clients: SourceClients,
    @Optional() private readonly alerts?: AlertService,
  ) {
    this.links = new BooksLinks(store);
    this.projectSync = new ProjectSyncContext(store, clients);
  }

  onModuleInit(): void {
    this.links.start();
    this.projectSync.start();
    const invoiceSync = invoiceSyncProcessManager({
      mapping: (c) => this.mapping.current(c), links: this.links, commitment: (c, id, invoiceId) => this.projectSync.commitmentFor(c, id, invoiceId),
      purchaseOrder: (invoice, commitmentId) => purchaseOrderLinksFor(this.store, invoice, commitmentId),
    });
    // Concurrency across invoices, never within one: the partition is the saga instance.
    this.subscriptions.register(new ProcessManagerRunner(this.store, invoiceSync), { concurrency: 16, partitionKey: sagaPartition });
    this.registerProjectSync();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.links.stop(), this.projectSync.stop()]);
  }

  /** Change orders, commitments, owner invoices, payments back and timecards (issue 6). */
  private registerProjectSync(): void {
    const deps = { mapping: (c: string) => this.mapping.current(c), links: this.links, context: this.projectSync };
    // A lookup in the books (employee, Estimate) that meets an outage throws: retried for about a minute before the input is parked.
    for (const { runner, partitionKey } of projectSyncSagas(this.store, deps)) this.subscriptions.register(runner, { concurrency: 8, partitionKey, maxAttempts: 20 });
    if (!this.alerts) return;
    // Every saga (invoice sync included) parks with DocumentSyncParked.v1; the alerts module's own subscriber reads the invoice saga's older park events.
    const quarantine = new QuarantineAlerts(this.alerts, { parkedTypes: [SYNC_FACT.parked], resumedTypes: [SYNC_FACT.resumed] });
    this.subscriptions.register({ name: 'alerts.quarantine.documents', filter: quarantine.filter, handle: (event) => quarantine.handle(event) });
  }
}

/** Inputs of one saga instance run in order: outcomes name their saga, document events map to it. */
const sagaPartition = (event: RecordedEvent): string => {
  if (typeof event.metadata.sagaStream === 'string') return event.metadata.sagaStream;
  const ref = parseDocumentStream(event.streamName);
  return ref?.type === 'subcontractor_invoice' ? invoiceSyncStream(ref) : event.streamName;
};
