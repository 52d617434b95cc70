import { checkMappingAgainstChart } from './check-against-chart.js';
import { codeCoverage, costCodeLabel } from './cost-code.js';
import { decideMapping } from './decide-mapping.js';
import type { ChangeMetadata, UpsertRule } from './mapping.events.js';
import type { MappingState } from './mapping.state.js';
import { evolveMapping } from './mapping.state.js';
import type { BooksChart, CostCodeInUse, CostCodeMapping, MappingProblem, MappingRule } from './mapping.types.js';
import { DEFAULT_SETTINGS } from './mapping-document.format.js';
import type { Problems, RefSyntax } from './parse-fields.js';
import { isRecord, show } from './parse-fields.js';
import { findDuplicateRules } from './parse-mapping.js';
import { parseMappingRule } from './parse-rule.js';

export type RemapChangesParse =
  | { readonly ok: true; readonly rules: readonly MappingRule[] }
  | { readonly ok: false; readonly problems: readonly MappingProblem[] };

const CHANGES_MAX = 200;

/**
 * `{ changes: [rule, ...] }`: each change is a rule as the mapping file writes it ("cost code
 * X, cost type Y, to account or item Z, class C"), added or replacing the rule with its key.
 * Every problem names its path (`changes[0].account`); user input never throws.
 */
export const parseRemapChanges = (raw: unknown, syntax: RefSyntax = 'id'): RemapChangesParse => {
  const list = isRecord(raw) ? raw.changes : undefined;
  if (!isRecord(raw) || !Array.isArray(list) || list.length === 0) {
    return { ok: false, problems: [{ path: 'changes', message: `expected a list of one or more rules, got ${show(list ?? raw)}` }] };
  }
  if (list.length > CHANGES_MAX) return { ok: false, problems: [{ path: 'changes', message: `at most ${CHANGES_MAX} changes at once, got ${list.length}` }] };
  const problems: Problems = Object.keys(raw).filter((k) => k !== 'changes' && k !== 'posted').map((k) => ({ path: k, message: 'unknown field (expected changes)' }));
  const rules = list.map((rule: unknown, i) => parseMappingRule(rule, `changes[${i}]`, problems, syntax));
  problems.push(...findDuplicateRules(rules).map((p) => ({ ...p, path: p.path.replace(/^rules/, 'changes'), message: p.message.replace(/rules\[/g, 'changes[') })));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, rules: rules.filter((r): r is MappingRule => r !== undefined) };
};

/**
 * Problems the books and the history can tell: a change whose cost code covers no cost code
 * in use (a typo, or a project's code that does not exist), and a reference that names no
 * active account, item or class in the chart.
 */
export const checkRemapChanges = (rules: readonly MappingRule[], inUse: readonly CostCodeInUse[], chart: BooksChart): MappingProblem[] => {
  const unknownCodes = rules.flatMap((rule, i) => {
    const covered = inUse.some((c) => (rule.projectId === null || rule.projectId === c.projectId) && codeCoverage(rule.costCode, c.costCode).kind !== 'none'
      && (rule.costType === null || rule.costType === c.costType));
    const where = rule.projectId === null ? '' : ` in project ${rule.projectId}`;
    return covered ? [] : [{ path: `changes[${i}].costCode`, message: `no cost code ${costCodeLabel(rule.costCode, rule.costType)} is in use${where}` }];
  });
  const refs = checkMappingAgainstChart({ rules, jobs: {}, settings: DEFAULT_SETTINGS }, chart)
    .map((p) => ({ ...p, path: p.path.replace(/^rules/, 'changes') }));
  return [...unknownCodes, ...refs];
};

/** The commands that apply the changes, in order: one new mapping version each. */
export const remapCommands = (rules: readonly MappingRule[], metadata: ChangeMetadata): UpsertRule[] =>
  rules.map((rule) => ({ type: 'UpsertRule', data: { rule: ruleDocument(rule) }, metadata }));

/** A parsed rule back in the shape the UpsertRule command reads. */
const ruleDocument = (rule: MappingRule): Record<string, unknown> => ({
  costCode: rule.costCode,
  ...(rule.costType === null ? {} : { costType: rule.costType }),
  ...(rule.projectId === null ? {} : { projectId: rule.projectId }),
  ...(rule.target.kind === 'account' ? { account: rule.target.accountRef } : { item: rule.target.itemRef }),
  ...(rule.classRef === null ? {} : { class: rule.classRef }),
  ...(rule.billable === null ? {} : { billable: rule.billable }),
});

/**
 * The mapping the changes would make, decided and folded exactly as applying them would
 * (so the preview shows the version "apply" records). Throws the decider's DomainError.
 */
export const mappingAfterChanges = (
  state: MappingState, rules: readonly MappingRule[], metadata: ChangeMetadata, syntax: RefSyntax = 'id',
): CostCodeMapping | null => {
  const after = remapCommands(rules, metadata).reduce((s, command) => decideMapping(command, s, syntax).reduce(evolveMapping, s), state);
  return after.status === 'Active' ? after.mapping : null;
};
