import type { BooksBatch } from './books-port.js';
import type { VendorDocumentPosting } from './books-vocabulary.js';

/** One item of a batch, with where its result goes in the answer. */
export interface BatchSlot {
  readonly index: number;
  readonly connection: string;
  readonly posting: VendorDocumentPosting;
}

/**
 * A batch cut into the calls the books take: one per connection (its company and token), per
 * document kind (one entity or collection per call) and per `max` items.
 */
export const batchChunks = (items: BooksBatch['items'], max: number): BatchSlot[][] => {
  const groups = new Map<string, BatchSlot[]>();
  items.forEach(({ connection, posting }, index) => {
    const key = `${connection}|${posting.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), { index, connection, posting }]);
  });
  const chunks: BatchSlot[][] = [];
  for (const slots of groups.values()) for (let at = 0; at < slots.length; at += max) chunks.push(slots.slice(at, at + max));
  return chunks;
};
