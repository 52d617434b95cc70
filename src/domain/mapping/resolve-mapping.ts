import { codeCoverage, costCodeLabel, normaliseCostCode } from './cost-code.js';
import type { CostCodeMapping, MappingRule } from './mapping.types.js';

/** What is being posted: one line of one project. */
export interface LineToMap {
  readonly projectId: string;
  readonly costCode: string;
  readonly costType: string | null;
}

/**
 * How specific a rule is for a line, compared position by position (the first difference
 * decides, like words in a dictionary):
 * 1. project: a rule for the line's project (1) beats a connection-wide rule (0), however
 *    general the override: a per-project rule is a deliberate exception;
 * 2. code: the exact code (EXACT) beats a prefix, and a longer prefix (more segments) beats
 *    a shorter one: "23-31-00" > "23-31" > "23";
 * 3. cost type: a rule naming the line's cost type (1) beats one for any cost type (0).
 * Ties cannot happen: two rules that tie on all three for a line have the same project, the
 * same code (the line's first n segments) and the same cost type, and validation rejects
 * such duplicates.
 */
export type Specificity = readonly [project: number, code: number, costType: number];

const EXACT = 1_000;

/** The rule's specificity for the line, or null when the rule does not apply to it. */
export const specificity = (rule: MappingRule, line: LineToMap): Specificity | null => {
  if (rule.projectId !== null && rule.projectId !== line.projectId) return null;
  if (rule.costType !== null && rule.costType !== line.costType) return null;
  const coverage = codeCoverage(rule.costCode, line.costCode);
  if (coverage.kind === 'none') return null;
  const code = coverage.kind === 'exact' ? EXACT : coverage.segments;
  return [rule.projectId === null ? 0 : 1, code, rule.costType === null ? 0 : 1];
};

export const compareSpecificity = (a: Specificity, b: Specificity): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The identity of a rule: at most one rule per project (or none), code and cost type. */
export const ruleKey = (rule: Pick<MappingRule, 'projectId' | 'costCode' | 'costType'>): string =>
  `${rule.projectId ?? '*'} ${normaliseCostCode(rule.costCode)} ${rule.costType ?? '*'}`;

/** No rule applies to a line: the line can't post, and the message names its code and type. */
export interface MappingMissingReason {
  readonly projectId: string;
  readonly costCode: string;
  readonly costType: string | null;
  readonly message: string;
}

export type MappingResolution =
  | { readonly kind: 'mapped'; readonly rule: MappingRule; readonly ruleIndex: number }
  | { readonly kind: 'missing'; readonly reason: MappingMissingReason };

/** The most specific rule for a line (see Specificity), or why there is none. */
export const resolveMapping = (mapping: CostCodeMapping, line: LineToMap): MappingResolution => {
  let best: { rule: MappingRule; index: number; score: Specificity } | undefined;
  mapping.rules.forEach((rule, index) => {
    const score = specificity(rule, line);
    if (score !== null && (best === undefined || compareSpecificity(score, best.score) > 0)) best = { rule, index, score };
  });
  if (best !== undefined) return { kind: 'mapped', rule: best.rule, ruleIndex: best.index };
  const label = costCodeLabel(line.costCode, line.costType);
  return {
    kind: 'missing',
    reason: { ...line, message: `no mapping rule for cost code ${label} in project ${line.projectId}` },
  };
};
