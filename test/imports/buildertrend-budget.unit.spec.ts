import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BudgetLineSnapshot } from '../../src/domain/documents/snapshots.js';
import { NO_SETTINGS } from '../../src/adapters/imports/import-kind.js';
import { readTable } from '../../src/adapters/imports/tabular-file.js';
import { BUILDERTREND_BUDGET } from '../../src/adapters/buildertrend/budget-kind.js';
import { SAMPLE_BUDGET } from '../../sandbox/sample/sample-project.js';

const FILE = fileURLToPath(new URL('../../sandbox/sample/files/buildertrend-budget-riverside.csv', import.meta.url));
const ctx = { projectId: '2468013', at: '2026-12-04T14:00:00.000Z', settings: NO_SETTINGS };

describe('a Buildertrend Job Costing Budget export', () => {
  it("reads the sample project's original budget, code names and the totals row left out", async () => {
    const reading = BUILDERTREND_BUDGET.read(await readTable(readFileSync(FILE)), ctx);
    expect(reading.problems).toEqual([]);
    const read = Object.fromEntries(reading.documents.map((d) => {
      const s = d.snapshot as BudgetLineSnapshot;
      return [`${s.costCode}|${s.costType}`, s.originalBudget];
    }));
    // The sample project's budget as the Procore sandbox holds it: "150000.00" -> 15000000 cents.
    expect(read).toEqual(Object.fromEntries(SAMPLE_BUDGET.map(([code, type, amount]) => [`${code}|${type}`, Number(amount.replace('.', ''))])));
    expect(reading.documents.every((d) => d.externalId.startsWith('2468013:'))).toBe(true);
  });

  it('names the row and column of an amount it cannot read and of a row with no cost code', async () => {
    const reading = BUILDERTREND_BUDGET.read(await readTable(Buffer.from('Cost Code,Cost Type,Estimates\n22-11-00,Labor,"$1,000.00"\n22-11-00,Material,lots\n,Labor,$5.00\n')), ctx);
    expect(reading.problems).toEqual([
      { row: 3, column: 'Estimates', message: '"lots" is not a number' },
      { row: 4, column: 'Cost Code', message: 'no cost code' },
    ]);
    expect(reading.documents).toEqual([]);
  });
});
