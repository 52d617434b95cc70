import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type { AllFilter, RecordedEvent } from '../../eventstore/index.js';
import type { SubscriptionHandler } from './subscription-handler.js';
import { durablyHandledTypes, publishAndSettle } from './stored-event.js';

/**
 * Feeds @nestjs/cqrs's in-memory EventBus from the checkpointed store subscription, so
 * @EventsHandler classes and @Saga streams see stored events, and a crash loses none.
 */
@Injectable()
export class CqrsEventBusFeed implements SubscriptionHandler {
  readonly name = 'cqrs-event-bus';

  constructor(private readonly eventBus: EventBus) {}

  get filter(): AllFilter {
    return { eventTypes: durablyHandledTypes() };
  }

  handle(event: RecordedEvent): Promise<void> {
    return publishAndSettle((stored) => this.eventBus.publish(stored), event);
  }
}
