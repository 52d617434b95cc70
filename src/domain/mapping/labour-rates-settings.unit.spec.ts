import { describe, expect, it } from 'vitest';
import { toMappingDocument } from './mapping-document.format.js';
import type { CostCodeMapping } from './mapping.types.js';
import { formatProblem } from './mapping.types.js';
import { parseMappingDocument } from './parse-mapping.js';
import { renderMappingDocument } from './render-mapping-document.js';

const document = (labourRates: unknown) => ({ settings: { labourRates }, rules: [{ costCode: '23', account: '61' }] });
const parsed = (raw: unknown): CostCodeMapping => {
  const result = parseMappingDocument(raw);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('; '));
  return result.mapping;
};
const problems = (raw: unknown): string[] => {
  const result = parseMappingDocument(raw);
  return result.ok ? [] : result.problems.map(formatProblem);
};

describe('settings.labourRates in the mapping file', () => {
  const RATES = { workers: { 7788: '52.50' }, costCodes: [{ costCode: '23-05', costType: 'L', rate: 45 }, { costCode: '26', rate: '41.5' }], default: '40.00' };

  it('reads workers, cost codes and a default, and writes them back the same', () => {
    const mapping = parsed(document(RATES));
    expect(mapping.settings.labourRates).toEqual({
      workers: { 7788: '52.50' }, costCodes: [{ costCode: '23-05', costType: 'L', rate: '45' }, { costCode: '26', costType: null, rate: '41.5' }], default: '40.00',
    });
    expect(parsed(toMappingDocument(mapping)).settings.labourRates).toEqual(mapping.settings.labourRates);
  });

  it('shows the order rates are taken in on the mapping document', () => {
    const text = renderMappingDocument(parsed(document(RATES)), []).markdown;
    expect(text).toContain("Labour: an hour costs worker 7788 at 52.50, else the employee's cost rate in the books, else 23-05/L at 45, else 26 at 41.5, else 40.00.");
  });

  it('names the field of every bad rate', () => {
    expect(problems(document({ workers: { 7788: '-3' }, costCodes: [{ costCode: 'x y', rate: '1.234' }], default: 'free', colour: 1 }))).toEqual([
      'settings.labourRates.colour: unknown field (expected one of workers, costCodes, default)',
      'settings.labourRates.workers.7788: expected an hourly rate like "52.50" (not negative, at most two decimal places), got "-3"',
      'settings.labourRates.costCodes[0].costCode: expected a cost code or prefix like "23-05-00", got "x y"',
      'settings.labourRates.costCodes[0].rate: expected an hourly rate like "52.50" (not negative, at most two decimal places), got "1.234"',
      'settings.labourRates.default: expected an hourly rate like "52.50" (not negative, at most two decimal places), got "free"',
    ]);
  });
});
