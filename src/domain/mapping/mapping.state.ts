import { assertNever } from '../shared/assert-never.js';
import type { MappingEvent } from './mapping.events.js';
import type { CostCodeMapping, MappingRule } from './mapping.types.js';
import { ruleKey } from './resolve-mapping.js';

/** A connection's mapping starts with its file being imported; version 0 means none yet. */
export type MappingState =
  | { readonly status: 'NotImported' }
  | { readonly status: 'Active'; readonly version: number; readonly mapping: CostCodeMapping };

export const initialMappingState: MappingState = { status: 'NotImported' };

/** Replaces the rule with the same key where it stands, or appends it. */
const upsert = (rules: readonly MappingRule[], rule: MappingRule): MappingRule[] => {
  const key = ruleKey(rule);
  const index = rules.findIndex((r) => ruleKey(r) === key);
  return index < 0 ? [...rules, rule] : rules.map((r, i) => (i === index ? rule : r));
};

const change = (s: MappingState, version: number, edit: (m: CostCodeMapping) => CostCodeMapping): MappingState =>
  s.status === 'Active' ? { status: 'Active', version, mapping: edit(s.mapping) } : s;

export const evolveMapping = (s: MappingState, e: MappingEvent): MappingState => {
  switch (e.type) {
    case 'MappingImported.v1':
      return { status: 'Active', version: e.data.version, mapping: e.data.mapping };
    case 'MappingRuleUpserted.v1':
      return change(s, e.data.version, (m) => ({ ...m, rules: upsert(m.rules, e.data.rule) }));
    case 'MappingRuleRemoved.v1':
      return change(s, e.data.version, (m) => ({ ...m, rules: m.rules.filter((r) => ruleKey(r) !== ruleKey(e.data.rule)) }));
    case 'MappingJobSet.v1':
      return change(s, e.data.version, (m) => ({ ...m, jobs: { ...m.jobs, [e.data.projectId]: e.data.job } }));
    case 'MappingSettingsChanged.v1':
      return change(s, e.data.version, (m) => ({ ...m, settings: e.data.settings }));
    default:
      return assertNever(e);
  }
};
