import { describe, expect, it } from 'vitest';
import { percentOf } from '../../src/projections/job-cost/percent.js';
import { jobCostLine } from '../../src/projections/reconciliation/recon-queries.js';

describe('job-cost percentages', () => {
  it('gives two decimals, rounded half away from zero, in integer math', () => {
    expect(percentOf(2, 3)).toBe('66.67');
    expect(percentOf(1, 8)).toBe('12.50');
    expect(percentOf(-1, 8)).toBe('-12.50');
    expect(percentOf(1, 200_000)).toBe('0.00'); // 0.0005 % rounds to 0.00, not -0.00
    expect(percentOf(-1, 20_000)).toBe('-0.01'); // -0.005 % rounds away from zero
    expect(percentOf(162_000_00, 184_000_00)).toBe('88.04');
    expect(percentOf(9_007_199_254_740_991, 3)).toBe('300239975158033033.33'); // beyond 2^53 once multiplied: still exact
  });

  it('has no percentage of a zero budget', () => {
    expect(percentOf(5, 0)).toBeNull();
    expect(jobCostLine('acme', 'p', '23-31-00', 0, 0, 100_00)).toMatchObject({ remaining: -100_00, committedPercent: null, actualPercent: null });
  });
});
