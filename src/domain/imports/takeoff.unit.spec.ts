import { describe, expect, it } from 'vitest';
import type { Cents } from '../shared/money.js';
import { diffBudgetLines } from './budget-diff.js';
import type { Decimal } from './decimal-text.js';
import { takeoffBudget, type TakeoffRow } from './takeoff.js';

const d = (digits: number, scale = 0): Decimal => ({ digits: BigInt(digits), scale });
let rowNo = 1;
const row = (path: string, over: Partial<TakeoffRow> = {}): TakeoffRow => {
  const parts = path.split('\\');
  return { row: ++rowNo, path: parts, name: parts.at(-1)!, quantity: null, unit: null, unitCost: null, total: null, costCode: null, costType: null, ...over };
};

describe('a takeoff rolled up into budget lines', () => {
  // A partition (takeoff item) with an assembly of two parts, and a stand-alone count item.
  const rows = [
    row('Drywall'),
    row('Drywall\\Partition A', { quantity: d(4125, 1), unit: 'LF', total: 999_999 as Cents, costCode: '09-2116' }),
    row('Drywall\\Partition A\\Wall', { quantity: d(4125), unit: 'SF', total: 888_888 as Cents }),
    row('Drywall\\Partition A\\Wall\\GWB', { quantity: d(258), unit: 'SHT', unitCost: d(1425, 2), costCode: '09-2116', costType: 'M' }),
    row('Drywall\\Partition A\\Wall\\Hang', { quantity: d(4125), unit: 'SF', unitCost: d(65, 2), costCode: '09-2116', costType: 'L' }),
    row('Doors\\Door 3070', { quantity: d(12), unit: 'EA', unitCost: d(41000, 2), costCode: '08-1113', costType: 'M' }),
    row('Doors\\Hardware set', { quantity: d(12), unit: 'EA', total: 54_000 as Cents, costCode: '08-7100', costType: 'M' }),
  ];

  it('costs only leaves: parents\' stated quantities and totals are not added again', () => {
    const budget = takeoffBudget(rows);
    expect(budget.problems).toEqual([]);
    expect(budget.lines).toEqual([
      { costCode: '08-1113', costType: 'M', amount: 12 * 41_000 },
      { costCode: '08-7100', costType: 'M', amount: 54_000 },
      { costCode: '09-2116', costType: 'L', amount: 4125 * 65 },
      { costCode: '09-2116', costType: 'M', amount: 258 * 1425 },
    ]);
  });

  it("derives a parent's quantities from its leaves, per unit", () => {
    const budget = takeoffBudget(rows);
    expect(budget.parents.find((p) => p.path === 'Drywall\\Partition A')).toEqual({ path: 'Drywall\\Partition A', quantities: { SF: '4125', SHT: '258' } });
    expect(budget.parents.map((p) => p.path)).toEqual(['Drywall', 'Drywall\\Partition A', 'Drywall\\Partition A\\Wall']);
  });

  it('holds back a costed item with no cost code and names rows that cannot be costed or repeat', () => {
    const budget = takeoffBudget([
      row('Misc\\Cleanup', { quantity: d(1), unit: 'LS', unitCost: d(500) }),
      row('Misc\\Dumpster', { quantity: d(2), unit: 'EA', costCode: '01-7400' }),
      row('Misc\\Dumpster', { quantity: d(2), unit: 'EA', unitCost: d(300), costCode: '01-7400' }),
    ]);
    expect(budget.uncoded).toEqual([{ row: rowNo - 2, name: 'Cleanup', amount: 50_000 }]);
    expect(budget.problems).toEqual([
      { row: rowNo - 1, field: 'unitCost', message: 'no unit cost and no total: the item cannot be costed' },
      { row: rowNo, field: 'path', message: `the same item as row ${rowNo - 1}` },
    ]);
  });

  it('a revision differs by exactly the changed, removed and added lines', () => {
    const before = [
      { costCode: '01', costType: null, amount: 100 as Cents }, { costCode: '02', costType: 'M', amount: 200 as Cents }, { costCode: '03', costType: 'L', amount: 300 as Cents },
    ];
    const after = [
      { costCode: '01', costType: null, amount: 100 as Cents }, { costCode: '02', costType: 'M', amount: 250 as Cents }, { costCode: '04', costType: 'S', amount: 400 as Cents },
    ];
    expect(diffBudgetLines(before, after)).toEqual({
      added: [{ costCode: '04', costType: 'S', amount: 400 }],
      changed: [{ costCode: '02', costType: 'M', before: 200, after: 250 }],
      removed: [{ costCode: '03', costType: 'L', amount: 300 }],
    });
    expect(diffBudgetLines(after, after)).toEqual({ added: [], changed: [], removed: [] });
  });
});
