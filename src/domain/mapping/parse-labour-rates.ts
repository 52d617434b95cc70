import { isCostCodePattern } from './cost-code.js';
import type { LabourRates } from './mapping.types.js';
import type { Problems } from './parse-fields.js';
import { checkKnownFields, isRecord, readId, readRecord, show } from './parse-fields.js';

const RATE = /^\d{1,7}(\.\d{1,2})?$/;

/** An hourly rate: a decimal string ("52.50") or a plain YAML number with at most two places. */
const readRate = (raw: unknown, path: string, problems: Problems): string | undefined => {
  const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
  if (text !== undefined && RATE.test(text)) return text;
  problems.push({ path, message: `expected an hourly rate like "52.50" (not negative, at most two decimal places), got ${show(raw)}` });
  return undefined;
};

const readWorkers = (raw: unknown, path: string, problems: Problems): Record<string, string> => {
  if (raw === undefined) return {};
  const workers = readRecord(raw, path, problems) ?? {};
  const rates: [string, string][] = [];
  for (const [worker, value] of Object.entries(workers)) {
    const id = readId(worker, `${path}.${worker}`, problems);
    const rate = readRate(value, `${path}.${worker}`, problems);
    if (id !== undefined && rate !== undefined) rates.push([id, rate]);
  }
  return Object.fromEntries(rates);
};

const readCostCodeRates = (raw: unknown, path: string, problems: Problems): LabourRates['costCodes'] => {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push({ path, message: `expected a list of { costCode, costType, rate }, got ${show(raw)}` });
    return [];
  }
  return raw.flatMap((entry: unknown, index) => {
    const at = `${path}[${index}]`;
    if (!isRecord(entry)) {
      problems.push({ path: at, message: `expected { costCode, costType, rate }, got ${show(entry)}` });
      return [];
    }
    checkKnownFields(entry, ['costCode', 'costType', 'rate'], at, problems);
    const costCode = typeof entry.costCode === 'string' && isCostCodePattern(entry.costCode) ? entry.costCode.trim() : undefined;
    if (costCode === undefined) problems.push({ path: `${at}.costCode`, message: `expected a cost code or prefix like "23-05-00", got ${show(entry.costCode)}` });
    const costType = entry.costType === undefined || entry.costType === null ? null : readId(entry.costType, `${at}.costType`, problems);
    const rate = readRate(entry.rate, `${at}.rate`, problems);
    return costCode === undefined || costType === undefined || rate === undefined ? [] : [{ costCode, costType, rate }];
  });
};

/** `settings.labourRates`: `{ workers: { "<procore worker id>": "52.50" }, costCodes: [...], default: "45.00" }`. */
export const readLabourRates = (raw: unknown, path: string, problems: Problems): LabourRates | undefined => {
  const rates = readRecord(raw, path, problems);
  if (rates === undefined) return undefined;
  checkKnownFields(rates, ['workers', 'costCodes', 'default'], path, problems);
  const before = problems.length;
  const workers = readWorkers(rates.workers, `${path}.workers`, problems);
  const costCodes = readCostCodeRates(rates.costCodes, `${path}.costCodes`, problems);
  const fallback = rates.default === undefined || rates.default === null ? null : readRate(rates.default, `${path}.default`, problems);
  return problems.length > before || fallback === undefined ? undefined : { workers, costCodes, default: fallback };
};
