/**
 * ESDB has one $all per cluster and no databases. A namespace is a stream-name prefix the adapter
 * adds on the way in and strips on the way out, so two hubs (or two test runs) can share a
 * cluster without seeing each other. Callers only ever see their own names: validation, errors,
 * filters and the hash chain all use the name without the namespace.
 */
import { EventStoreInputError } from '../../../eventstore/index.js';
import type { StoredEvent } from './event-mapping.js';

export interface Namespace {
  readonly prefix: string;
  physical(stream: string): string;
  /** The event under its caller-facing name, or undefined when it lies outside the namespace. */
  localize(event: StoredEvent): StoredEvent | undefined;
}

export const createNamespace = (prefix = ''): Namespace => {
  if (prefix.startsWith('$')) {
    throw new EventStoreInputError('INVALID_STREAM_NAME', `namespace ${prefix} starts with '$', which is reserved for system streams`);
  }
  return {
    prefix,
    physical: (stream) => `${prefix}${stream}`,
    localize: (event) => {
      if (prefix === '') return event;
      return event.streamName.startsWith(prefix) ? { ...event, streamName: event.streamName.slice(prefix.length) } : undefined;
    },
  };
};
