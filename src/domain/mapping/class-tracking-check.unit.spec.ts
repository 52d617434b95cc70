import { describe, expect, it } from 'vitest';
import { classTrackingWarnings } from './class-tracking-check.js';
import { EXAMPLE_MAPPING } from './example-mapping.js';
import type { BooksChart, CostCodeMapping } from './mapping.types.js';

const chart = (classTracking?: BooksChart['classTracking']): BooksChart => ({ accounts: [], items: [], classes: [], customers: [], ...(classTracking ? { classTracking } : {}) });
const withoutClasses = (mapping: CostCodeMapping): CostCodeMapping => ({ ...mapping, rules: mapping.rules.map((r) => ({ ...r, classRef: null })) });

describe('classTrackingWarnings', () => {
  it('warns once, counting the rules that name a class, when the books track classes nowhere', () => {
    const classed = EXAMPLE_MAPPING.rules.filter((r) => r.classRef !== null).length;
    expect(classTrackingWarnings(EXAMPLE_MAPPING, chart({ perTxn: false, perLine: false }))).toEqual([
      { path: `rules[].class (${classed} rules)`, message: expect.stringContaining('the books track no classes') },
    ]);
  });

  it('says nothing when the books track classes either way, when tracking is unknown, or when no rule names a class', () => {
    expect(classTrackingWarnings(EXAMPLE_MAPPING, chart({ perTxn: true, perLine: false }))).toEqual([]);
    expect(classTrackingWarnings(EXAMPLE_MAPPING, chart({ perTxn: false, perLine: true }))).toEqual([]);
    expect(classTrackingWarnings(EXAMPLE_MAPPING, chart())).toEqual([]);
    expect(classTrackingWarnings(withoutClasses(EXAMPLE_MAPPING), chart({ perTxn: false, perLine: false }))).toEqual([]);
  });
});
