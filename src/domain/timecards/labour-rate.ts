import { codeCoverage } from '../mapping/cost-code.js';
import type { CostCodeMapping, LabourRates } from '../mapping/mapping.types.js';
import type { EmployeeLink } from './timecard.inputs.js';

/** Where an entry's hourly cost came from, so the mapping document and a reader can tell. */
export type LabourRateSource = 'mapping-worker' | 'books' | 'mapping-cost-code' | 'mapping-default';

export interface LabourRate {
  readonly rate: string;
  readonly source: LabourRateSource;
}

interface Entry {
  readonly employeeId: string;
  readonly costCode: string;
  readonly costType: string | null;
}

/** The most specific cost-code rate for the entry: exact code over a longer prefix over a shorter, a named cost type over any. */
const costCodeRate = (rates: LabourRates, entry: Entry): string | null => {
  let best: { rate: string; score: number } | null = null;
  for (const candidate of rates.costCodes) {
    if (candidate.costType !== null && candidate.costType !== entry.costType) continue;
    const coverage = codeCoverage(candidate.costCode, entry.costCode);
    if (coverage.kind === 'none') continue;
    const score = (coverage.kind === 'exact' ? 1_000 : coverage.segments) * 2 + (candidate.costType === null ? 0 : 1);
    if (best === null || score > best.score) best = { rate: candidate.rate, score };
  }
  return best?.rate ?? null;
};

/**
 * What an hour of this entry costs: the mapping's rate for the worker (a contractor's burdened
 * rate overrides payroll's), else the books' cost rate for the employee, else the mapping's rate
 * for the cost code, else its default; null when none is known (the entry posts uncosted, and
 * the saga says so).
 */
export const labourRateFor = (entry: Entry, employee: EmployeeLink, mapping: CostCodeMapping | null): LabourRate | null => {
  const rates = mapping?.settings.labourRates;
  const worker = rates !== undefined && Object.hasOwn(rates.workers, entry.employeeId) ? rates.workers[entry.employeeId] : undefined;
  if (worker !== undefined) return { rate: worker, source: 'mapping-worker' };
  if (employee.costRate !== undefined && employee.costRate !== null) return { rate: employee.costRate, source: 'books' };
  if (rates === undefined) return null;
  const byCode = costCodeRate(rates, entry);
  if (byCode !== null) return { rate: byCode, source: 'mapping-cost-code' };
  return rates.default === null ? null : { rate: rates.default, source: 'mapping-default' };
};
