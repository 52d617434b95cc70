import type { BooksRef } from '../shared/books-ref.js';
import { refLabel } from '../shared/books-ref.js';
import { costCodeLabel } from './cost-code.js';
import type { BooksChart, ChartEntry, CostCodeInUse, CostCodeMapping, JobLink } from './mapping.types.js';
import { jobFor } from './mapping.types.js';
import { resolveMapping } from './resolve-mapping.js';

/** Where one cost code in use posts, as the bookkeeper reads it; names from the chart when refs carry none. */
export interface MappingRow {
  readonly inUse: CostCodeInUse;
  readonly postsTo: 'Account' | 'Item' | 'UNMAPPED';
  readonly target: BooksRef | null;
  readonly targetLabel: string;
  readonly classRef: BooksRef | null;
  readonly classLabel: string;
  readonly jobLabel: string;
  readonly billable: boolean | null;
  /** The rule that won, e.g. "rules[2] 23/M" (a division, material). */
  readonly rule: string;
  readonly status: 'MAPPED' | 'UNMAPPED';
}

const nameIn = (entries: readonly ChartEntry[] | undefined, ref: BooksRef): string | undefined =>
  entries?.find((entry) => entry.id === ref.value)?.name;

const jobLabel = (job: JobLink | undefined, chart: BooksChart | undefined): string => {
  if (job === undefined) return 'UNMAPPED (no Customer:Job for this project)';
  if (job.kind === 'customer') return refLabel(job.customerRef, nameIn(chart?.customers, job.customerRef));
  const parent = refLabel(job.parentCustomerRef, nameIn(chart?.customers, job.parentCustomerRef));
  return `${job.jobName}, under ${parent} (found or created on first post)`;
};

const byCode = (a: CostCodeInUse, b: CostCodeInUse): number =>
  a.projectId.localeCompare(b.projectId) || a.costCode.localeCompare(b.costCode) || (a.costType ?? '').localeCompare(b.costType ?? '');

const row = (mapping: CostCodeMapping, inUse: CostCodeInUse, chart: BooksChart | undefined): MappingRow => {
  const job = jobFor(mapping, inUse.projectId);
  const resolved = resolveMapping(mapping, inUse);
  const jobText = jobLabel(job, chart);
  if (resolved.kind === 'missing') {
    return { inUse, postsTo: 'UNMAPPED', target: null, targetLabel: 'UNMAPPED', classRef: null, classLabel: '', jobLabel: jobText, billable: null, rule: '', status: 'UNMAPPED' };
  }
  const { rule, ruleIndex } = resolved;
  const target = rule.target.kind === 'account' ? rule.target.accountRef : rule.target.itemRef;
  const targetNames = rule.target.kind === 'account' ? chart?.accounts : chart?.items;
  return {
    inUse,
    postsTo: rule.target.kind === 'account' ? 'Account' : 'Item',
    target,
    targetLabel: refLabel(target, nameIn(targetNames, target)),
    classRef: rule.classRef,
    classLabel: rule.classRef === null ? '' : refLabel(rule.classRef, nameIn(chart?.classes, rule.classRef)),
    jobLabel: jobText,
    billable: rule.billable ?? mapping.settings.billableByDefault,
    rule: `rules[${ruleIndex}] ${costCodeLabel(rule.costCode, rule.costType)}${rule.projectId === null ? '' : ` project ${rule.projectId}`}`,
    status: job === undefined ? 'UNMAPPED' : 'MAPPED',
  };
};

/** One row per distinct cost code in use, sorted by project, code and cost type. */
export const mappingRows = (mapping: CostCodeMapping, costCodesInUse: readonly CostCodeInUse[], chart?: BooksChart): MappingRow[] => {
  const seen = new Set<string>();
  const distinct = costCodesInUse.filter((c) => {
    const key = `${c.projectId} ${c.costCode} ${c.costType ?? ''}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return [...distinct].sort(byCode).map((inUse) => row(mapping, inUse, chart));
};
