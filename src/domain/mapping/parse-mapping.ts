import { costCodeLabel } from './cost-code.js';
import type { CostCodeMapping, JobLink, MappingProblem, MappingRule } from './mapping.types.js';
import type { Problems, RefSyntax } from './parse-fields.js';
import { isRecord, readRecord, show } from './parse-fields.js';
import { parseJobLink, parseMappingRule, parseSettings } from './parse-rule.js';
import { ruleKey } from './resolve-mapping.js';

export type MappingParse =
  | { readonly ok: true; readonly mapping: CostCodeMapping }
  | { readonly ok: false; readonly problems: readonly MappingProblem[] };

const describeRule = (rule: MappingRule): string =>
  `${costCodeLabel(rule.costCode, rule.costType ?? 'any cost type')}${rule.projectId === null ? '' : ` in project ${rule.projectId}`}`;

/** Two rules with one key would tie for every line they match, so the second is refused. */
export const findDuplicateRules = (rules: readonly (MappingRule | undefined)[]): MappingProblem[] => {
  const firstIndex = new Map<string, number>();
  const problems: MappingProblem[] = [];
  rules.forEach((rule, index) => {
    if (rule === undefined) return;
    const key = ruleKey(rule);
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else problems.push({ path: `rules[${index}]`, message: `duplicates rules[${first}] (${describeRule(rule)})` });
  });
  return problems;
};

const parseRules = (raw: unknown, problems: Problems, syntax: RefSyntax): (MappingRule | undefined)[] => {
  if (!Array.isArray(raw)) {
    problems.push({ path: 'rules', message: `expected a list of rules, got ${show(raw)}` });
    return [];
  }
  const rules = raw.map((rule: unknown, index) => parseMappingRule(rule, `rules[${index}]`, problems, syntax));
  problems.push(...findDuplicateRules(rules));
  return rules;
};

const parseJobs = (raw: unknown, problems: Problems, syntax: RefSyntax): Record<string, JobLink> => {
  if (raw === undefined || raw === null) return {};
  const jobs = readRecord(raw, 'jobs', problems);
  const parsed: [string, JobLink][] = [];
  for (const [projectId, value] of Object.entries(jobs ?? {})) {
    const job = parseJobLink(value, `jobs.${projectId}`, problems, syntax);
    if (!/^\S+$/.test(projectId)) problems.push({ path: `jobs.${projectId}`, message: `${show(projectId)} is not a project id` });
    else if (job !== undefined) parsed.push([projectId, job]);
  }
  return Object.fromEntries(parsed); // own keys only, whatever the project id
};

/**
 * Validates a mapping document (plain data parsed from YAML or JSON by an adapter) and returns
 * the mapping, or every problem found, each naming its path. Never throws for user input.
 * `syntax` is the connection's books: QuickBooks Desktop refs may be FullNames (RefSyntax).
 */
export const parseMappingDocument = (raw: unknown, syntax: RefSyntax = 'id'): MappingParse => {
  if (!isRecord(raw)) return { ok: false, problems: [{ path: '(document)', message: `expected a mapping with rules, got ${show(raw)}` }] };
  const problems: Problems = [];
  for (const field of Object.keys(raw)) {
    if (!['settings', 'rules', 'jobs'].includes(field)) problems.push({ path: field, message: 'unknown field (expected settings, rules, jobs)' });
  }
  const settings = parseSettings(raw.settings, 'settings', problems, syntax);
  const rules = parseRules(raw.rules, problems, syntax);
  const jobs = parseJobs(raw.jobs, problems, syntax);
  if (problems.length > 0 || settings === undefined) return { ok: false, problems };
  return { ok: true, mapping: { settings, rules: rules.filter((rule) => rule !== undefined), jobs } };
};
