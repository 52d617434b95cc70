import { Global, Module, type DynamicModule } from '@nestjs/common';
import { OutboundHandlerRegistry } from './handler-registry.js';
import { OUTBOUND_OPTIONS, OutboundService, type OutboundModuleOptions } from './outbound.service.js';

/**
 * The outbound dispatcher and its failure ledger (the /admin/failures routes are src/api/admin's). Global, so a
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
      exports: [OutboundHandlerRegistry, OutboundService],
    };
  }
}
