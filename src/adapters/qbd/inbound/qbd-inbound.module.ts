import { Module } from '@nestjs/common';
import { QbdQueueModule } from '../queue/qbd-queue.module.js';
import { QbdSource } from './qbd-source.js';

/** QuickBooks Desktop as an inbound source (payments read back through the Web Connector). Needs InboundModule (global). */
@Module({ imports: [QbdQueueModule], providers: [QbdSource] })
export class QbdInboundModule {}
