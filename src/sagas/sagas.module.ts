import { Inject, Module, Optional, type OnModuleInit } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '../eventstore/index.js';
import { parseDocumentStream } from '../domain/documents/document-ref.js';
import { invoiceSyncStream } from '../domain/invoice-sync/index.js';
import { SYNC_FACT } from '../domain/posting/sync-facts.js';
import { MappingService } from '../adapters/mapping/index.js';
import { AlertService, LabourCostAlerts, QuarantineAlerts } from '../adapters/alerts/index.js';
import { CONSTRUCTION_SIDE, type ConstructionSide } from '../adapters/pipeline/construction-side.token.js';
import { BOOKS_PORTS } from '../adapters/pipeline/books-outbound/books-ports.token.js';
import type { BooksPorts } from '../domain/books/index.js';
import { SubscriptionsService } from '../platform/subscriptions/subscriptions.service.js';
import { EVENT_STORE } from '../platform/tokens.js';
import { invoiceSyncProcessManager } from './invoice-sync/invoice-sync.process-manager.js';
import { purchaseOrderLinksFor } from './context/purchase-order-links.js';
import { afterReadModels } from './context/read-model-consistency.js';
import { SAGA_READ_MODELS, type SagaReadModels } from './context/read-model-ports.js';
import { ProcessManagerRunner } from './runner/process-manager-runner.js';
import { ProjectSyncContext, projectSyncSagas } from './context/project-sync.js';
import { buildertrendBooksMatch } from './context/vendor-documents.js';
import { TRESTLE_CONFIG } from '../adapters/pipeline/inbound/connections.service.js';
import type { TrestleConfig } from '../platform/config/connection.types.js';

/**
 * The durable process managers. Each runs from its own checkpointed subscription; saga
 * instances are partitioned by stream, so different documents advance side by side. What
 * they look up about the history comes from durable read models (SAGA_READ_MODELS, kept by
 * the projections module), and each input waits until those have seen it (afterReadModels).
 */
@Module({})
export class SagasModule implements OnModuleInit {
  private readonly projectSync: ProjectSyncContext;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SAGA_READ_MODELS) private readonly readModels: SagaReadModels,
    private readonly subscriptions: SubscriptionsService,
    private readonly mapping: MappingService,
    @Inject(CONSTRUCTION_SIDE) construction: ConstructionSide,
    @Inject(BOOKS_PORTS) private readonly ports: BooksPorts,
    @Optional() private readonly alerts?: AlertService,
    @Optional() @Inject(TRESTLE_CONFIG) private readonly config?: TrestleConfig,
  ) {
    // Employees and estimates are looked up through the connection's books port, whatever system keeps its books.
    this.projectSync = new ProjectSyncContext(store, readModels, { books: (c) => this.ports.for(c), procore: (c) => construction.primeContracts(c) });
  }

  onModuleInit(): void {
    const invoiceSync = invoiceSyncProcessManager({
      mapping: (c) => this.mapping.current(c), links: this.readModels.booksLinks, commitment: (c, id, invoiceId) => this.projectSync.commitmentFor(c, id, invoiceId),
      purchaseOrder: (invoice, commitmentId) => purchaseOrderLinksFor(this.store, invoice, commitmentId),
      booksMatch: buildertrendBooksMatch(this.ports, (c) => this.config?.connections.find((x) => x.name === c)?.buildertrend?.mode ?? 'hub-posts'),
    });
    // Concurrency across invoices, never within one: the partition is the saga instance.
    this.subscriptions.register(afterReadModels(new ProcessManagerRunner(this.store, invoiceSync), this.readModels), { concurrency: 16, partitionKey: sagaPartition });
    this.registerProjectSync();
  }

  /** Change orders, commitments, owner invoices, payments back and timecards (issue 6). */
  private registerProjectSync(): void {
    const deps = { mapping: (c: string) => this.mapping.current(c), links: this.readModels.booksLinks, context: this.projectSync };
    // A lookup in the books (employee, Estimate) that meets an outage throws: retried for about a minute before the input is parked.
    for (const { runner, partitionKey } of projectSyncSagas(this.store, deps)) {
      this.subscriptions.register(afterReadModels(runner, this.readModels), { concurrency: 8, partitionKey, maxAttempts: 20 });
    }
    if (!this.alerts) return;
    // Every saga (invoice sync included) parks with DocumentSyncParked.v1; the alerts module's own subscriber reads the invoice saga's older park events.
    const quarantine = new QuarantineAlerts(this.alerts, { parkedTypes: [SYNC_FACT.parked], resumedTypes: [SYNC_FACT.resumed] });
    this.subscriptions.register({ name: 'alerts.quarantine.documents', filter: quarantine.filter, handle: (event) => quarantine.handle(event) });
    this.subscriptions.register(new LabourCostAlerts(this.alerts));
  }
}

/** Inputs of one saga instance run in order: outcomes name their saga, document events map to it. */
const sagaPartition = (event: RecordedEvent): string => {
  if (typeof event.metadata.sagaStream === 'string') return event.metadata.sagaStream;
  const ref = parseDocumentStream(event.streamName);
  return ref?.type === 'subcontractor_invoice' ? invoiceSyncStream(ref) : event.streamName;
};
