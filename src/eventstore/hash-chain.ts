import { createHash } from 'node:crypto';

/** The hash that precedes revision 0 of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so equal content always hashes the same. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
};

export interface ChainedContent {
  readonly streamName: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

/** Each link covers the previous link and the event's own canonical content. */
export const chainHash = (previousHash: string, event: ChainedContent): string =>
  createHash('sha256')
    .update(previousHash)
    .update(canonicalJson({
      streamName: event.streamName, revision: event.revision, id: event.id,
      type: event.type, data: event.data, metadata: event.metadata,
    }))
    .digest('hex');
