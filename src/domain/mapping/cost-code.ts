/**
 * Cost codes. A Procore full code joins its segments with "-" (CSI MasterFormat style:
 * "23-31-00" is division 23, section 31, subsection 00); "." is accepted as a separator too.
 * A rule names either a whole code or a leading part of one: "23-31" (a section) or "23" (a
 * division). Matching is by whole segments, so "23-3" never matches "23-31-00".
 */

const PATTERN = /^\d+(?:[-.]\d+)*$/;
const SEPARATOR = /[-.]/;

/** True for a code or a code prefix a rule may name: digit segments joined by "-" or ".". */
export const isCostCodePattern = (text: string): boolean => PATTERN.test(text);

export const codeSegments = (code: string): readonly string[] => code.trim().split(SEPARATOR);

/** One spelling per code, so "23.31" and "23-31" are the same rule key. */
export const normaliseCostCode = (code: string): string => codeSegments(code).join('-');

/** How a rule's code covers a line's code: the whole code, a prefix of some segments, or not at all. */
export type CodeCoverage =
  | { readonly kind: 'exact' }
  | { readonly kind: 'prefix'; readonly segments: number }
  | { readonly kind: 'none' };

export const codeCoverage = (ruleCode: string, lineCode: string): CodeCoverage => {
  const rule = codeSegments(ruleCode);
  const line = codeSegments(lineCode);
  if (rule.length > line.length || rule.some((segment, i) => segment !== line[i])) return { kind: 'none' };
  return rule.length === line.length ? { kind: 'exact' } : { kind: 'prefix', segments: rule.length };
};

/** "23-31-00/S", or "23-31-00" for a line without a cost type: how people name a line's home. */
export const costCodeLabel = (costCode: string, costType: string | null): string =>
  costType === null ? costCode : `${costCode}/${costType}`;
