import { Global, Module, type DynamicModule } from '@nestjs/common';
import { FailuresController } from './failures.controller.js';
import { OutboundHandlerRegistry } from './handler-registry.js';
import { OUTBOUND_OPTIONS, OutboundService, type OutboundModuleOptions } from './outbound.service.js';

/**
 * The outbound dispatcher, its failure ledger and the /admin/failures routes. Global, so a
 * feature module injects `OutboundHandlerRegistry` and registers its handlers in onModuleInit.
 * Import AlertsModule as well for outage and dead-letter alerts.
 */
@Global()
@Module({})
export class OutboundModule {
  static forRoot(options: OutboundModuleOptions = {}): DynamicModule {
    return {
      module: OutboundModule,
      providers: [
        { provide: OUTBOUND_OPTIONS, useValue: options },
        { provide: OutboundHandlerRegistry, useFactory: () => new OutboundHandlerRegistry(options.handlers ?? []) },
        OutboundService,
      ],
      controllers: [FailuresController],
      exports: [OutboundHandlerRegistry, OutboundService],
    };
  }
}
