import type { Provider } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Counter, Gauge } from 'prom-client';
import { StoreAvailability } from './store-availability.js';
import type { EventStore } from '../../eventstore/index.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { EVENT_STORE } from '../tokens.js';

/**
 * The hub's one view of whether its database answers: /health/ready asks it, subscribers
 * wait on it during an outage, and /metrics shows it.
 */
export const storeAvailabilityProvider: Provider = {
  provide: StoreAvailability,
  inject: [EVENT_STORE, MetricsService, PinoLogger],
  useFactory: (store: EventStore, metrics: MetricsService, logger: PinoLogger): StoreAvailability => {
    logger.setContext('database');
    const reachable = new Gauge({ name: 'trestle_database_reachable', help: '1 while the event store answers, 0 during an outage', registers: [metrics.registry] });
    const outages = new Counter({ name: 'trestle_database_outages_total', help: 'Times the event store stopped answering', registers: [metrics.registry] });
    reachable.set(1);
    return new StoreAvailability(() => store.ping(), {
      logger: logger.logger,
      onChange: (up) => {
        reachable.set(up ? 1 : 0);
        if (!up) outages.inc();
      },
    });
  },
};
