import type { RecordedEvent } from './event-store.port.js';

/**
 * Turns an old event shape into the next one as it is read. Stored events are never
 * rewritten; the chain of upcasters runs until no upcaster matches the type.
 */
export interface Upcaster {
  readonly fromType: string;
  readonly toType: string;
  upcast(data: unknown, event: RecordedEvent): unknown;
}

export const createUpcasterChain = (upcasters: readonly Upcaster[]) => {
  const byType = new Map(upcasters.map((u) => [u.fromType, u]));
  return <T>(event: RecordedEvent): RecordedEvent<T> => {
    let current = event;
    for (let hops = 0; hops < 32; hops++) {
      const next = byType.get(current.type);
      if (!next) break;
      current = { ...current, type: next.toType, data: next.upcast(current.data, current) };
    }
    return current as RecordedEvent<T>;
  };
};
