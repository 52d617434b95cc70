import { evolveMapping, initialMappingState, type CostCodeMapping, type MappingEvent, type MappingState } from '../../domain/mapping/index.js';
import type { MappingChanged } from '../../domain/invoice-sync/invoice-sync.inputs.js';
import { deterministicEventId, type EventData, type RecordedEvent } from '../../eventstore/index.js';

/** One stream per connection holds its mapping's whole history: `{connection}.mapping`. */
export const mappingStream = (connection: string): string => `${connection}.mapping`;

export const MAPPING_CHANGED: MappingChanged['type'] = 'MappingChanged.v1';

const MAPPING_EVENT_TYPES: ReadonlySet<string> = new Set<MappingEvent['type']>([
  'MappingImported.v1', 'MappingRuleUpserted.v1', 'MappingRuleRemoved.v1', 'MappingJobSet.v1', 'MappingSettingsChanged.v1',
]);

export const isMappingEvent = (event: RecordedEvent): event is RecordedEvent<MappingEvent['data']> & { type: MappingEvent['type'] } =>
  MAPPING_EVENT_TYPES.has(event.type);

const asMappingEvent = (event: RecordedEvent): MappingEvent => ({ type: event.type, data: event.data }) as MappingEvent;

/** Where a change came from, kept in the event metadata: the connection's file at boot, or the API. */
export type ChangeOrigin = { readonly kind: 'file'; readonly file: string } | { readonly kind: 'api' };

/**
 * Each domain event is followed by `MappingChanged.v1` in the same append: the invoice saga
 * subscribes to that one type (with exactly the data it declares) to resume parked
 * documents, durably, whichever kind of change it was. The connection travels in metadata.
 * Ids derive from the stream and the version, which each append claims once.
 */
export const mappingEventData = (connection: string, events: readonly MappingEvent[], origin: ChangeOrigin): EventData[] => {
  const stream = mappingStream(connection);
  const metadata = { connection, source: 'hub', origin: origin.kind, ...(origin.kind === 'file' ? { mappingFile: origin.file } : {}) };
  return events.flatMap((event): EventData[] => {
    const changed: MappingChanged = { type: MAPPING_CHANGED, data: { version: event.data.version, changedAt: event.data.changedAt } };
    return [
      { id: deterministicEventId(stream, event.data.version, event.type), type: event.type, data: event.data, metadata },
      { id: deterministicEventId(stream, event.data.version, changed.type), type: changed.type, data: changed.data, metadata },
    ];
  });
};

/** What the hub keeps per connection, folded from its mapping stream. */
export interface MappingLedger {
  readonly state: MappingState;
  /** Last revision of the stream (MappingChanged included); undefined when it is empty. */
  readonly revision: number | undefined;
  readonly changedAt: string | null;
  /** The mapping of the last import from the connection's file, to tell an edited file from an unchanged one. */
  readonly lastFileImport: CostCodeMapping | null;
}

export const emptyLedger: MappingLedger = { state: initialMappingState, revision: undefined, changedAt: null, lastFileImport: null };

const fromFile = (event: RecordedEvent): boolean => event.metadata.origin === 'file';

export const foldLedger = (ledger: MappingLedger, events: readonly RecordedEvent[]): MappingLedger =>
  events.reduce<MappingLedger>((l, event) => {
    if (!isMappingEvent(event)) return { ...l, revision: event.revision };
    const domainEvent = asMappingEvent(event);
    return {
      state: evolveMapping(l.state, domainEvent),
      revision: event.revision,
      changedAt: domainEvent.data.changedAt,
      lastFileImport: domainEvent.type === 'MappingImported.v1' && fromFile(event) ? domainEvent.data.mapping : l.lastFileImport,
    };
  }, ledger);
