import type { EventStore, RecordedEvent } from '../../eventstore/index.js';
import { parseDocumentStream, type DocumentRef, type DocumentType } from '../../domain/documents/document-ref.js';
import { instanceStreamOf, type SagaName } from '../../domain/posting/sync-facts.js';
import { parkedDocuments } from './parked-documents.js';
import { remapInstances } from './remap-instances.js';

/** A saga's copy of an input (`metadata.inputStream`) repeats a fact recorded elsewhere: never a new input. */
export const isInputCopy = (event: RecordedEvent): boolean => event.metadata.inputStream !== undefined;

/** The instance a document event of one of `types` belongs to, from its document stream. */
export const documentInstance = (event: RecordedEvent, saga: SagaName, types: readonly DocumentType[]): string | undefined => {
  const ref = parseDocumentStream(event.streamName);
  return ref && types.includes(ref.type) ? instanceStreamOf(saga, ref) : undefined;
};

/** Outcomes and retry requests name their saga instance in `metadata.sagaStream`. */
export const namedInstance = (event: RecordedEvent, saga: SagaName): string | undefined => {
  const stream = event.metadata.sagaStream;
  return typeof stream === 'string' && stream.includes(`.saga.${saga}-`) ? stream : undefined;
};

/** The instance of another document of the same connection and source (a change order's commitment). */
export const relatedInstance = (saga: SagaName, of: DocumentRef, type: DocumentType, externalId: string): string =>
  instanceStreamOf(saga, { connection: of.connection, source: of.source, type, externalId });

/**
 * The routing every document-to-books saga shares: its document events, the outcomes and
 * retries addressed to it, on a mapping change its parked instances, and on a remap applied
 * with "update posted" the instances it lists. `extra` routes
 * anything else (hand-overs between sagas); copies are never routed.
 */
export const routeFor = (saga: SagaName, types: readonly DocumentType[], extra: (event: RecordedEvent) => readonly string[] = () => []) =>
  async (event: RecordedEvent, store: EventStore): Promise<readonly string[]> => {
    if (isInputCopy(event)) return [];
    if (event.type === 'MappingChanged.v1') return event.metadata.connection ? parkedDocuments(store, event.metadata.connection, saga) : [];
    if (event.type === 'MappingRemapApplied.v1') return remapInstances(event, `.saga.${saga}-`);
    const single = documentInstance(event, saga, types) ?? namedInstance(event, saga);
    return single ? [single] : extra(event);
  };

/** Inputs of one instance run in order; an input bound for several instances keeps its own stream as key. */
export const partitionFor = (saga: SagaName, types: readonly DocumentType[], extra: (event: RecordedEvent) => string | undefined = () => undefined) =>
  (event: RecordedEvent): string => documentInstance(event, saga, types) ?? namedInstance(event, saga) ?? extra(event) ?? event.streamName;
