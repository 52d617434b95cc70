import type { EventStore } from '../../eventstore/index.js';
import { LEGACY_INVOICE_SYNC } from '../../domain/invoice-sync/legacy-events.js';
import { SYNC_FACT, type SagaName } from '../../domain/posting/sync-facts.js';

/** The park and resume facts, and the invoice saga's names for them before issue 12 (still read). */
const PARKS: readonly string[] = [SYNC_FACT.parked, LEGACY_INVOICE_SYNC.parked];
const PARK_EVENTS = [...PARKS, SYNC_FACT.resumed, LEGACY_INVOICE_SYNC.resumed];

/**
 * The instances of one saga on a connection whose latest park/resume fact is a park (the
 * document-to-books sagas' DocumentSyncParked.v1). Read from the store on a mapping change,
 * which is rare, so no index has to be kept in step.
 */
export const parkedDocuments = async (store: EventStore, connection: string, saga: SagaName): Promise<string[]> => {
  const latest = new Map<string, string>();
  let after;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 1000, filter: { streamPrefixes: [`${connection}.saga.${saga}-`], eventTypes: PARK_EVENTS } });
    for (const event of page) latest.set(event.streamName, event.type);
    if (page.length < 1000) break;
    after = page.at(-1)!.position;
  }
  return [...latest].filter(([, type]) => PARKS.includes(type)).map(([stream]) => stream);
};
