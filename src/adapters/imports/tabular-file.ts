import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** A spreadsheet as read: its header row and every later row, cells as text, numbered as in the file. */
export interface Table {
  readonly format: 'csv' | 'xlsx';
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<{ readonly row: number; readonly cells: readonly string[] }>;
}

/** A file that is not a readable table: its type, its encoding or its structure. */
export class UnreadableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const isBlank = (cells: readonly string[]): boolean => cells.every((c) => c.trim() === '');

const tableOf = (format: Table['format'], records: ReadonlyArray<{ row: number; cells: string[] }>): Table => {
  const header = records.find((r) => !isBlank(r.cells));
  if (!header) throw new UnreadableFileError('the file has no header row');
  const headers = header.cells.map((c) => c.trim());
  const rows = records.filter((r) => r.row > header.row && !isBlank(r.cells));
  return { format, headers, rows };
};

const readCsv = (content: Buffer): Table => {
  const text = content.toString('utf8');
  if (text.includes('\uFFFD') || text.includes('\u0000')) throw new UnreadableFileError('the file is neither CSV text (UTF-8) nor an Excel workbook (.xlsx)');
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: false });
  } catch (error) {
    throw new UnreadableFileError(`not valid CSV: ${(error as Error).message}`);
  }
  return tableOf('csv', records.map((cells, index) => ({ row: index + 1, cells })));
};

/** A cell's value as the user sees it: formulas by their result, rich text joined, numbers as JavaScript prints them. */
const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
};

const readXlsx = async (content: Buffer): Promise<Table> => {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableFileError(`not a readable Excel workbook: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableFileError('the workbook has no worksheet');
  const records: Array<{ row: number; cells: string[] }> = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells = Array.from({ length: width }, (_, i) => cellText(r.getCell(i + 1).value));
    records.push({ row: rowNumber, cells });
  });
  return tableOf('xlsx', records);
};

/** Reads an uploaded CSV or .xlsx file, told apart by content (an .xlsx is a zip), not by name. */
export const readTable = async (content: Buffer): Promise<Table> => {
  if (content.length === 0) throw new UnreadableFileError('the file is empty');
  return content.subarray(0, 4).equals(ZIP) ? readXlsx(content) : readCsv(content);
};
