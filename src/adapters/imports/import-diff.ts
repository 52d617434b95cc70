import type { ImportedDocument } from './import-kind.js';
import type { ImportDiff } from './import-events.js';

/** JSON with sorted keys and without `updatedAt`: equal content compares equal. */
const material = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(material).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([k, v]) => k !== 'updatedAt' && v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${material(v)}`).join(',')}}`;
};

const keyOf = (d: ImportedDocument): string => `${d.type}-${d.externalId}`;

/** A revision against the one before: exactly the documents added, changed and removed. */
export const diffImports = (before: readonly ImportedDocument[], after: readonly ImportedDocument[]): ImportDiff => {
  const old = new Map(before.map((d) => [keyOf(d), d]));
  const next = new Map(after.map((d) => [keyOf(d), d]));
  return {
    added: after.filter((d) => !old.has(keyOf(d))).map((d) => d.externalId),
    changed: after.filter((d) => old.has(keyOf(d)) && material(old.get(keyOf(d))!.snapshot) !== material(d.snapshot)).map((d) => d.externalId),
    removed: before.filter((d) => !next.has(keyOf(d))).map((d) => d.externalId),
  };
};
