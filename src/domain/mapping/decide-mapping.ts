import { assertNever } from '../shared/assert-never.js';
import { DomainError } from '../shared/domain-error.js';
import type {
  ChangeMetadata, ChangeSettings, ImportMapping, MappingChange, MappingCommand, MappingEvent, RemoveRule, SetJob, UpsertRule,
} from './mapping.events.js';
import type { MappingState } from './mapping.state.js';
import type { CostCodeMapping, MappingProblem } from './mapping.types.js';
import { formatProblem, jobFor } from './mapping.types.js';
import type { Problems, RefSyntax } from './parse-fields.js';
import { readId } from './parse-fields.js';
import { parseMappingDocument } from './parse-mapping.js';
import { parseJobLink, parseMappingRule, parseSettings } from './parse-rule.js';
import { ruleKey } from './resolve-mapping.js';
import { sameMapping, sameValue } from './same-value.js';

type Active = Extract<MappingState, { status: 'Active' }>;

const invalid = (problems: readonly MappingProblem[]): DomainError => {
  const shown = problems.slice(0, 5).map(formatProblem).join('; ');
  const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
  return new DomainError('MAPPING_INVALID', `The mapping has ${problems.length} problem(s): ${shown}${more}`, { problems });
};

/** Runs a parser that reports problems, and refuses the command when there are any. */
const validOrThrow = <T>(read: (problems: Problems) => T | undefined): T => {
  const problems: Problems = [];
  const value = read(problems);
  if (value === undefined || problems.length > 0) throw invalid(problems);
  return value;
};

const requireActive = (s: MappingState): Active => {
  if (s.status === 'Active') return s;
  throw new DomainError('MAPPING_NOT_IMPORTED', 'Import a mapping file before changing single rules, jobs or settings.');
};

const nextChange = (version: number, metadata: ChangeMetadata): MappingChange =>
  ({ version: version + 1, changedBy: metadata.changedBy, changedAt: metadata.now });

/** Re-importing the mapping that is already in force records nothing. */
const importMapping = (cmd: ImportMapping, s: MappingState, syntax: RefSyntax): MappingEvent[] => {
  const parsed = parseMappingDocument(cmd.data.document, syntax);
  if (!parsed.ok) throw invalid(parsed.problems);
  if (s.status === 'Active' && sameMapping(s.mapping, parsed.mapping)) return [];
  const version = s.status === 'Active' ? s.version : 0;
  return [{ type: 'MappingImported.v1', data: { ...nextChange(version, cmd.metadata), mapping: parsed.mapping } }];
};

const upsertRule = (cmd: UpsertRule, state: MappingState, syntax: RefSyntax): MappingEvent[] => {
  const s = requireActive(state);
  const rule = validOrThrow((problems) => parseMappingRule(cmd.data.rule, 'rule', problems, syntax));
  const replaced = s.mapping.rules.find((r) => ruleKey(r) === ruleKey(rule)) ?? null;
  if (replaced !== null && sameValue(replaced, rule)) return [];
  return [{ type: 'MappingRuleUpserted.v1', data: { ...nextChange(s.version, cmd.metadata), rule, replaced } }];
};

/** Removing a rule that is not there records nothing: a repeated DELETE is harmless. */
const removeRule = (cmd: RemoveRule, state: MappingState): MappingEvent[] => {
  const s = requireActive(state);
  const rule = s.mapping.rules.find((r) => ruleKey(r) === ruleKey(cmd.data));
  if (rule === undefined) return [];
  return [{ type: 'MappingRuleRemoved.v1', data: { ...nextChange(s.version, cmd.metadata), rule } }];
};

const setJob = (cmd: SetJob, state: MappingState, syntax: RefSyntax): MappingEvent[] => {
  const s = requireActive(state);
  const projectId = validOrThrow((problems) => readId(cmd.data.projectId, 'projectId', problems));
  const job = validOrThrow((problems) => parseJobLink(cmd.data.job, `jobs.${projectId}`, problems, syntax));
  const previous = jobFor(s.mapping, projectId) ?? null;
  if (previous !== null && sameValue(previous, job)) return [];
  return [{ type: 'MappingJobSet.v1', data: { ...nextChange(s.version, cmd.metadata), projectId, job, previous } }];
};

const changeSettings = (cmd: ChangeSettings, state: MappingState, syntax: RefSyntax): MappingEvent[] => {
  const s = requireActive(state);
  const settings = validOrThrow((problems) => parseSettings(cmd.data.settings, 'settings', problems, syntax));
  if (sameValue(settings, s.mapping.settings)) return [];
  return [{ type: 'MappingSettingsChanged.v1', data: { ...nextChange(s.version, cmd.metadata), settings, previous: s.mapping.settings } }];
};

/**
 * The mapping decider: every accepted change is one event carrying who and when, so the
 * mapping is versioned and auditable. A change that changes nothing records nothing.
 * `syntax` follows the connection's books (QuickBooks Desktop refs may be FullNames).
 */
export const decideMapping = (cmd: MappingCommand, s: MappingState, syntax: RefSyntax = 'id'): MappingEvent[] => {
  switch (cmd.type) {
    case 'ImportMapping': return importMapping(cmd, s, syntax);
    case 'UpsertRule': return upsertRule(cmd, s, syntax);
    case 'RemoveRule': return removeRule(cmd, s);
    case 'SetJob': return setJob(cmd, s, syntax);
    case 'ChangeSettings': return changeSettings(cmd, s, syntax);
    default: return assertNever(cmd);
  }
};

/** The mapping in force, or null before the first import. */
export const currentMapping = (s: MappingState): CostCodeMapping | null => (s.status === 'Active' ? s.mapping : null);
