import { Module } from '@nestjs/common';
import { QbdSource } from './qbd-source.js';

/** QuickBooks Desktop as an inbound source (payments read back through the Web Connector). Needs InboundModule and QbdModule (both global). */
@Module({ providers: [QbdSource] })
export class QbdInboundModule {}
