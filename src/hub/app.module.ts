import { Global, Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import type { HubEnv } from '../platform/config/env.js';
import type { StorageBackends } from '../adapters/eventstore/open-event-store.js';
import { CqrsEventBusFeed } from '../platform/subscriptions/cqrs-event-bus-feed.js';
import { StoreAvailability } from '../platform/subscriptions/store-availability.js';
import { HealthController } from '../api/health/health.controller.js';
import { loggerParams } from '../platform/web/logging.js';
import { MetricsService } from '../platform/metrics/metrics.service.js';
import { storeAvailabilityProvider } from '../platform/subscriptions/store-availability.provider.js';
import { SubscriptionsService } from '../platform/subscriptions/subscriptions.service.js';
import { EVENT_STORE, HUB_ENV, STORAGE } from '../platform/tokens.js';

export interface HubModuleOptions {
  readonly env: HubEnv;
  readonly storage: StorageBackends;
  readonly metrics: MetricsService;
  /** Feature modules (inbound, sagas, projections, API) composed by createHub. */
  readonly features?: ModuleMetadata['imports'];
}

/** The core every feature stands on: config, store, logging, metrics, subscriptions. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: HubModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [CqrsModule.forRoot(), LoggerModule.forRoot(loggerParams(options.env))],
      providers: [
        { provide: HUB_ENV, useValue: options.env },
        { provide: STORAGE, useValue: options.storage },
        { provide: EVENT_STORE, useValue: options.storage.store },
        { provide: MetricsService, useValue: options.metrics },
        CqrsEventBusFeed,
        storeAvailabilityProvider,
        SubscriptionsService,
      ],
      exports: [HUB_ENV, STORAGE, EVENT_STORE, MetricsService, StoreAvailability, SubscriptionsService, CqrsModule],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(options: HubModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(options), ...(options.features ?? [])],
      controllers: [HealthController],
    };
  }
}
