import type { CostCodeMapping } from './mapping.types.js';
import { ruleKey } from './resolve-mapping.js';

/** JSON with object keys sorted: equal text means equal data, whatever the key order. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v);

export const sameValue = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/** Rule order carries no meaning (the most specific rule wins), so it is ignored. */
export const sameMapping = (a: CostCodeMapping, b: CostCodeMapping): boolean => {
  const sorted = (m: CostCodeMapping) => ({ ...m, rules: [...m.rules].sort((x, y) => (ruleKey(x) < ruleKey(y) ? -1 : 1)) });
  return sameValue(sorted(a), sorted(b));
};
