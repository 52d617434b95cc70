import { EventsHandler, type IEvent } from '@nestjs/cqrs';
import type { RecordedEvent } from '../../eventstore/index.js';

const COMPLETIONS = Symbol('completions');

/**
 * A stored event as a @nestjs/cqrs event. The buses route by class, so each stored type
 * string gets one class, made here and nowhere else (STYLE rule 12).
 */
export class StoredEvent<T = unknown> implements IEvent {
  [COMPLETIONS]?: Promise<unknown>[];
  constructor(readonly record: RecordedEvent<T>) {}
  get type(): string {
    return this.record.type;
  }
  get data(): T {
    return this.record.data;
  }
}

const classes = new Map<string, new (record: RecordedEvent) => StoredEvent>();
const handledTypes = new Set<string>();

export const storedEventClass = (type: string): new (record: RecordedEvent) => StoredEvent => {
  let cls = classes.get(type);
  if (!cls) {
    cls = { [type]: class extends StoredEvent {} }[type]!;
    classes.set(type, cls);
  }
  return cls;
};

export const toStoredEvent = (record: RecordedEvent): StoredEvent => new (storedEventClass(record.type))(record);

/** Every type some @DurableEventsHandler listens to: the feed reads only these. */
export const durablyHandledTypes = (): string[] => [...handledTypes];

/**
 * @EventsHandler for stored event types, fed from the durable subscription. The wrapper
 * reports each handle() to the feed, which checkpoints only after all have settled and
 * retries (then parks) the event when one fails. Handlers must be idempotent.
 */
export const DurableEventsHandler = (...types: string[]): ClassDecorator => (target) => {
  for (const type of types) handledTypes.add(type);
  EventsHandler(...types.map(storedEventClass))(target);
  const prototype = (target as unknown as { prototype: { handle(event: StoredEvent): unknown } }).prototype;
  const original = prototype.handle;
  prototype.handle = function handle(this: unknown, event: StoredEvent) {
    const done = Promise.resolve().then(() => original.call(this, event));
    event[COMPLETIONS]?.push(done);
    // The feed owns the failure (retry, park); keep @nestjs/cqrs from logging it as unhandled.
    return done.catch(() => undefined);
  };
};

/** Publishes and waits for every durable handler the bus invoked. */
export const publishAndSettle = async (publish: (event: StoredEvent) => void, record: RecordedEvent): Promise<void> => {
  const event = toStoredEvent(record);
  event[COMPLETIONS] = [];
  publish(event);
  await Promise.all(event[COMPLETIONS]);
};
