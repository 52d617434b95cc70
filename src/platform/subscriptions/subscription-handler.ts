import type { AllFilter, RecordedEvent } from '../../eventstore/index.js';

/** One durable subscriber: a projection, a saga runner, the CQRS feed. */
export interface SubscriptionHandler {
  /** The checkpoint's name; renaming it replays everything. */
  readonly name: string;
  readonly filter?: AllFilter;
  /** Must be idempotent: delivery is at least once. A throw is retried, then parked. */
  handle(event: RecordedEvent, context?: HandleContext): Promise<void>;
}

export interface HandleContext {
  /**
   * Aborted when the subscriber stops. A handler that waits long (the outbound dispatcher
   * during an outage) ends its wait with a throw; the event is not parked, and it is
   * delivered again after the restart.
   */
  readonly signal: AbortSignal;
}

export interface Logger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A poison event set aside after its retries ran out, so it does not block the rest. */
export interface ParkedEventData {
  readonly subscriber: string;
  readonly eventId: string;
  readonly streamName: string;
  readonly revision: number;
  readonly eventType: string;
  readonly position: string;
  readonly attempts: number;
  readonly error: string;
  readonly parkedAt: string;
}

/** System streams use the reserved `system` prefix, which no connection may be named. */
export const parkedStream = (subscriber: string): string => `system.parked.${subscriber}`;
