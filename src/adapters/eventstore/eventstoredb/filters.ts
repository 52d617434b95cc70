/**
 * Which $all events a reader sees. ESDB takes one server-side filter per subscription (on stream
 * name or on event type, not both), and client 6.2's readAll takes none, so the exact rule is
 * always applied here as well; the server-side filter only saves bandwidth.
 */
import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@eventstore/db-client';
import type { AllFilter } from '../../../eventstore/index.js';

/** Streams the adapter keeps for itself; callers can't append to them and readers never see them. */
export const CHECKPOINT_STREAM_PREFIX = 'trestle-checkpoint-';
export const EVENT_ID_STREAM_PREFIX = 'trestle-event-id-';
const RESERVED_STREAM_PREFIXES = [CHECKPOINT_STREAM_PREFIX, EVENT_ID_STREAM_PREFIX] as const;

export const isReservedStream = (streamName: string): boolean =>
  RESERVED_STREAM_PREFIXES.some((prefix) => streamName.startsWith(prefix));

/** ESDB's own records: `$`-streams ($settings, $$metadata, $stats-...) and `$`-types ($metadata, $> links, $epoch). */
export const isSystemEvent = (streamName: string, type: string): boolean =>
  streamName.startsWith('$') || type.startsWith('$');

/** An empty list constrains nothing, the same as leaving it out. */
const nonEmpty = (values: readonly string[] | undefined): readonly string[] | undefined =>
  values && values.length > 0 ? values : undefined;

/**
 * Stream prefixes are the more selective filter for Trestle's `{connection}.` names, so they win
 * when both are given; a namespace (namespace.ts) prefixes them. Event types go as prefixes, not
 * as a regex, to stay clear of .NET regex escaping; `createEventMatcher` matches them exactly.
 */
export const buildServerFilter = (filter: AllFilter | undefined, namespace = ''): Filter => {
  const prefixes = nonEmpty(filter?.streamPrefixes);
  if (prefixes) return streamNameFilter({ prefixes: prefixes.map((prefix) => `${namespace}${prefix}`) });
  if (namespace !== '') return streamNameFilter({ prefixes: [namespace] });
  const types = nonEmpty(filter?.eventTypes);
  if (types) return eventTypeFilter({ prefixes: [...types] });
  return excludeSystemEvents();
};

export const createEventMatcher = (filter: AllFilter | undefined) => {
  const prefixes = nonEmpty(filter?.streamPrefixes);
  const types = nonEmpty(filter?.eventTypes);
  const typeSet = types ? new Set(types) : undefined;
  return (event: { readonly streamName: string; readonly type: string }): boolean =>
    !isSystemEvent(event.streamName, event.type)
    && !isReservedStream(event.streamName)
    && (prefixes === undefined || prefixes.some((prefix) => event.streamName.startsWith(prefix)))
    && (typeSet === undefined || typeSet.has(event.type));
};
