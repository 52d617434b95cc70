import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { BudgetLineSnapshot } from '../../src/domain/documents/snapshots.js';
import { NO_SETTINGS, type ImportReading } from '../../src/adapters/imports/import-kind.js';
import { readTable, UnreadableFileError } from '../../src/adapters/imports/tabular-file.js';
import { PLANSWIFT_TAKEOFF } from '../../src/adapters/planswift/takeoff-kind.js';
import { expectedBudget, SAMPLE_TAKEOFF } from './sample-files.js';

const ctx = { projectId: '2468013', at: '2026-12-04T14:00:00.000Z', settings: NO_SETTINGS };
const readText = async (text: string, settings = NO_SETTINGS): Promise<ImportReading> =>
  PLANSWIFT_TAKEOFF.read(await readTable(Buffer.from(text)), { ...ctx, settings });
const amounts = (reading: ImportReading): Record<string, number> => Object.fromEntries(reading.documents.map((d) => {
  const s = d.snapshot as BudgetLineSnapshot;
  return [`${s.costCode}|${s.costType ?? ''}`, s.originalBudget];
}));

describe('a PlanSwift takeoff export read into budget lines', () => {
  it("the sample project's takeoff: totals per cost code and type equal PlanSwift's part totals summed independently", async () => {
    const reading = PLANSWIFT_TAKEOFF.read(await readTable(readFileSync(SAMPLE_TAKEOFF)), ctx);
    expect(reading.problems).toEqual([]);
    expect(amounts(reading)).toEqual(expectedBudget(SAMPLE_TAKEOFF));
    expect(reading.held).toEqual([{ row: 21, column: 'Item #', message: '"Test and balance" (6200.00) has no cost code: held out of the budget until it has one' }]);
    expect(reading.documents[0]).toMatchObject({ type: 'budget_line', externalId: '2468013:01-50-00:O' });
    expect(reading.ignoredColumns).toEqual(['Tab']);
  });

  it('reads the same budget from an .xlsx workbook with numeric cells', async () => {
    const rows = parse(readFileSync(SAMPLE_TAKEOFF), { columns: false }) as string[][];
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Takeoff');
    const numeric = new Set(['Qty', 'Cost Each', 'Cost Total']);
    const header = rows[0]!;
    for (const [i, r] of rows.entries()) {
      sheet.addRow(r.map((cell, c) => (i > 0 && numeric.has(header[c]!) && cell !== '' ? Number(cell.replace(/[$,()]/g, '')) * (cell.startsWith('(') ? -1 : 1) : cell)));
    }
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const table = await readTable(xlsx);
    expect(table.format).toBe('xlsx');
    expect(amounts(PLANSWIFT_TAKEOFF.read(table, ctx))).toEqual(expectedBudget(SAMPLE_TAKEOFF));
  });

  it('takes a connection\'s own headers and part types', async () => {
    const text = 'Description,Quantity,UOM,Unit Price,Code,Kind\nPipe,"1,000",Lin Ft,$2.50,22-11-00,Mat\n';
    const settings = { columns: { name: 'Description', unitCost: 'Unit Price', costCode: 'Code', costType: 'Kind' }, costTypes: { Mat: 'M' } };
    expect(amounts(await readText(text, settings))).toEqual({ '22-11-00|M': 250_000 });
  });

  it('names the row and column of a non-numeric quantity, and yields no documents', async () => {
    const reading = await readText('Name,Qty,Cost Each,Item #\nPipe,10,$2.00,22-11-00\nValve,ten,$5.00,22-11-00\n');
    expect(reading.problems).toEqual([{ row: 3, column: 'Qty', message: '"ten" is not a number' }]);
    expect(reading.documents).toEqual([]);
  });

  it('names a missing required column and the headers the file has', async () => {
    const reading = await readText('Name,Qty,Cost Each\nPipe,10,$2.00\n');
    expect(reading.problems).toHaveLength(1);
    expect(reading.problems[0]).toMatchObject({ row: 1, column: 'Item #' });
    expect(reading.problems[0]!.message).toContain('the header row has: Name, Qty, Cost Each');
  });

  it('refuses a file that is not a table', async () => {
    await expect(readTable(Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0xfe, 0x00]))).rejects.toThrow(UnreadableFileError);
    await expect(readTable(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toThrow(/not a readable Excel workbook/);
    await expect(readTable(Buffer.alloc(0))).rejects.toThrow(/empty/);
  });
});
