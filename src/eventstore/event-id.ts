import { createHash } from 'node:crypto';

/** Namespace for Trestle's name-based (v5) event ids. */
const TRESTLE_NAMESPACE = Buffer.from('6f0b1b8e5c2a4d7e9a3c1f2e4b5d6a7c', 'hex');

/**
 * A UUIDv5 from the parts that identify a fact (e.g. source, resource, version), so the
 * same fact always gets the same event id and a redelivery or replay appends nothing.
 */
export const deterministicEventId = (...parts: readonly (string | number)[]): string => {
  const bytes = createHash('sha1').update(TRESTLE_NAMESPACE).update(parts.map(String).join('\u001f')).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
