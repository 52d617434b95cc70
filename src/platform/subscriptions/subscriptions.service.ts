import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { EventStore } from '../../eventstore/index.js';
import { CqrsEventBusFeed } from './cqrs-event-bus-feed.js';
import { durablyHandledTypes } from './stored-event.js';
import type { SubscriptionHandler } from './subscription-handler.js';
import { StoreAvailability } from './store-availability.js';
import { SubscriptionRunner, type RunnerOptions, type RunnerStatus } from './subscription-runner.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { EVENT_STORE } from '../tokens.js';

/** Per-subscriber runner settings: parallelism (events of one partition stay in order) and retries. */
export type SubscriberOptions = Pick<RunnerOptions, 'concurrency' | 'partitionKey' | 'maxAttempts' | 'backoffMs'>;

/**
 * Owns every durable subscriber. Modules register theirs during init; all start once the
 * app is bootstrapped and stop gracefully (checkpoint saved) on shutdown.
 */
@Injectable()
export class SubscriptionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly handlers: SubscriptionHandler[] = [];
  private readonly options = new Map<string, SubscriberOptions>();
  private readonly runners: SubscriptionRunner[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: MetricsService,
    private readonly logger: PinoLogger,
    private readonly cqrsFeed: CqrsEventBusFeed,
    private readonly availability: StoreAvailability,
  ) {
    this.logger.setContext('subscriptions');
  }

  register(handler: SubscriptionHandler, options: SubscriberOptions = {}): void {
    if (this.handlers.some((h) => h.name === handler.name)) throw new Error(`subscriber ${handler.name} is registered twice`);
    this.handlers.push(handler);
    this.options.set(handler.name, options);
  }

  onApplicationBootstrap(): void {
    const handlers = durablyHandledTypes().length > 0 ? [...this.handlers, this.cqrsFeed] : this.handlers;
    for (const handler of handlers) {
      const runner = new SubscriptionRunner(this.store, handler, {
        ...this.options.get(handler.name),
        logger: this.logger.logger,
        outages: this.availability,
        onProcessed: (name, _event, lagMs) => {
          this.metrics.subscriptionProcessed.inc({ subscriber: name });
          this.metrics.subscriptionLag.set({ subscriber: name }, Math.max(0, lagMs) / 1000);
        },
        onParked: (name) => this.metrics.parkedEvents.inc({ subscriber: name }),
      });
      runner.start();
      this.runners.push(runner);
    }
    this.logger.info({ subscribers: handlers.map((h) => h.name) }, 'subscriptions started');
  }

  status(): RunnerStatus[] {
    return this.runners.map((r) => r.status());
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
  }
}
