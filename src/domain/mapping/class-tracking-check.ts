import type { BooksChart, CostCodeMapping, MappingProblem } from './mapping.types.js';

/**
 * What `trestle mapping check` warns about, without failing the check: rules that name a
 * class in books that track no classes. QuickBooks would keep none of them (the hub then
 * sends none), so the job-cost split by class the mapping promises never reaches the books.
 */
export const classTrackingWarnings = (mapping: CostCodeMapping, chart: BooksChart): MappingProblem[] => {
  const tracking = chart.classTracking;
  if (tracking === undefined || tracking.perTxn || tracking.perLine) return [];
  const classed = mapping.rules.flatMap((rule, i) => (rule.classRef === null ? [] : [`rules[${i}]`]));
  if (classed.length === 0) return [];
  return [{
    path: classed.length === 1 ? `${classed[0] ?? ''}.class` : `rules[].class (${classed.length} rules)`,
    message: 'the books track no classes (Preferences: ClassTrackingPerTxn and ClassTrackingPerLine are both off), so no class reaches QuickBooks; '
      + 'turn on class tracking in QuickBooks (Account and Settings, Advanced, Categories) or remove the classes from the mapping',
  }];
};
