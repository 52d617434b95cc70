import type { AllPosition, EventStore } from '../../src/eventstore/index.js';
import type { FlowEvent } from '../../bench/replay/invoice-flow.js';

/** Appends flow events one by one, so their commit order is the flow's order; returns the last position. */
export const appendAll = async (store: EventStore, events: readonly FlowEvent[]): Promise<AllPosition | undefined> => {
  let last: AllPosition | undefined;
  for (const e of events) last = (await store.append(e.stream, [{ id: e.id, type: e.type, data: e.data, metadata: e.metadata }], 'any')).position ?? last;
  return last;
};
