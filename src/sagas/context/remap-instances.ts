import type { RecordedEvent } from '../../eventstore/index.js';
import type { MappingRemapApplied } from '../../domain/posting/index.js';

/**
 * The saga instances a remap reposts: those it lists when applied with "update posted", of
 * its own connection and of the saga whose instance streams contain `marker`. "leave" reaches none: that is how a left document stays as posted.
 */
export const remapInstances = (input: RecordedEvent, marker: string): string[] => {
  const data = input.data as MappingRemapApplied['data'];
  const connection = input.metadata.connection;
  if (data.posted !== 'update' || typeof connection !== 'string' || !Array.isArray(data.documents)) return [];
  return data.documents.map((d) => d.sagaStream).filter((s) => typeof s === 'string' && s.startsWith(`${connection}${marker}`));
};
