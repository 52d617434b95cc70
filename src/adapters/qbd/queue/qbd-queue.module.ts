import { Module } from '@nestjs/common';
import type { EventStore } from '../../../eventstore/index.js';
import { EVENT_STORE } from '../../../platform/tokens.js';
import { QbdQueue } from './qbd-queue.js';

/** The one Web Connector queue of the process (one fold per connection), shared by the books port, the SOAP service and the payment reads. */
@Module({
  providers: [{ provide: QbdQueue, inject: [EVENT_STORE], useFactory: (store: EventStore) => new QbdQueue(store) }],
  exports: [QbdQueue],
})
export class QbdQueueModule {}
