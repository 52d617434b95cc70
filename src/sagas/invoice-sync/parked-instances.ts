import type { EventStore } from '../../eventstore/index.js';

const PARK_EVENTS = ['InvoiceSyncParked.v1', 'InvoiceSyncResumed.v1', 'InvoiceSynced.v1', 'InvoiceVoidSynced.v1'];

/**
 * The saga instances of a connection whose latest park/resume fact is a park. Read from the
 * store on a mapping change (rare), so no index has to be kept in step.
 */
export const parkedInstances = async (store: EventStore, connection: string, marker: string): Promise<string[]> => {
  const latest = new Map<string, string>();
  let after;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 1000, filter: { streamPrefixes: [`${connection}${marker}`], eventTypes: PARK_EVENTS } });
    for (const event of page) latest.set(event.streamName, event.type);
    if (page.length < 1000) break;
    after = page.at(-1)!.position;
  }
  return [...latest].filter(([, type]) => type === 'InvoiceSyncParked.v1').map(([stream]) => stream);
};
