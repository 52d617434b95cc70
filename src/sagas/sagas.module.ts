import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '../eventstore/index.js';
import { parseDocumentStream } from '../domain/documents/document-ref.js';
import { invoiceSyncStream } from '../domain/invoice-sync/index.js';
import { MappingService } from '../adapters/mapping/index.js';
import { SubscriptionsService } from '../hub/subscriptions.service.js';
import { EVENT_STORE } from '../hub/tokens.js';
import { invoiceSyncProcessManager } from './invoice-sync/invoice-sync.process-manager.js';
import { BooksLinks } from './links/books-links.js';
import { ProcessManagerRunner } from './runner/process-manager-runner.js';

/**
 * The durable process managers. Each runs from its own checkpointed subscription; saga
 * instances are partitioned by stream, so different documents advance side by side.
 */
@Module({})
export class SagasModule implements OnModuleInit, OnApplicationShutdown {
  private readonly links: BooksLinks;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly subscriptions: SubscriptionsService,
    private readonly mapping: MappingService,
  ) {
    this.links = new BooksLinks(store);
  }

  onModuleInit(): void {
    this.links.start();
    const invoiceSync = invoiceSyncProcessManager({ mapping: (c) => this.mapping.current(c), links: this.links });
    // Concurrency across invoices, never within one: the partition is the saga instance.
    this.subscriptions.register(new ProcessManagerRunner(this.store, invoiceSync), { concurrency: 16, partitionKey: sagaPartition });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.links.stop();
  }
}

/** Inputs of one saga instance run in order: outcomes name their saga, document events map to it. */
const sagaPartition = (event: RecordedEvent): string => {
  if (typeof event.metadata.sagaStream === 'string') return event.metadata.sagaStream;
  const ref = parseDocumentStream(event.streamName);
  return ref?.type === 'subcontractor_invoice' ? invoiceSyncStream(ref) : event.streamName;
};
