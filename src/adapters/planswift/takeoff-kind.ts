import { formatMoney } from '../../domain/shared/money.js';
import {
  decimalToCents, normaliseUnit, parseDecimalText, PATH_SEPARATOR, takeoffBudget, type Decimal, type TakeoffRow,
} from '../../domain/imports/index.js';
import { cellOf, resolveColumns, type CellProblem, type ResolvedColumns } from '../imports/column-map.js';
import { budgetLineDocument, removedBudgetLine } from '../imports/budget-documents.js';
import type { ImportKind, ImportReading, ReadContext } from '../imports/import-kind.js';
import type { Table } from '../imports/tabular-file.js';
import { STOCK_COST_TYPES, TAKEOFF_COLUMNS, type TakeoffColumn } from './takeoff-columns.js';

type Cols = ResolvedColumns<TakeoffColumn>;

const number = (cols: Cols, cells: readonly string[], row: number, field: TakeoffColumn, problems: CellProblem[]): Decimal | null => {
  const text = cellOf(cols, cells, field);
  if (text === '') return null;
  const parsed = parseDecimalText(text);
  if (parsed.ok) return parsed.value;
  problems.push({ row, column: cols.header[field], message: parsed.reason });
  return null;
};

const costTypeOf = (text: string, ctx: ReadContext): string | null => {
  if (text === '') return null;
  const own = Object.entries(ctx.settings.costTypes).find(([k]) => k.toLowerCase() === text.toLowerCase());
  return own?.[1] ?? STOCK_COST_TYPES[text.toLowerCase()] ?? text;
};

const pathOf = (cols: Cols, cells: readonly string[], name: string): string[] => {
  const full = cellOf(cols, cells, 'path');
  const path = full === '' ? [] : full.split(PATH_SEPARATOR).map((s) => s.trim()).filter((s) => s !== '');
  return path.at(-1) === name ? path : [...path, name];
};

const rowOf = (cols: Cols, r: Table['rows'][number], ctx: ReadContext, problems: CellProblem[]): TakeoffRow | undefined => {
  const name = cellOf(cols, r.cells, 'name');
  if (name === '') {
    problems.push({ row: r.row, column: cols.header.name, message: 'no name' });
    return undefined;
  }
  const before = problems.length;
  const quantity = number(cols, r.cells, r.row, 'quantity', problems);
  const unitCost = number(cols, r.cells, r.row, 'unitCost', problems);
  const totalDecimal = number(cols, r.cells, r.row, 'total', problems);
  const total = totalDecimal === null ? null : decimalToCents(totalDecimal) ?? null;
  if (totalDecimal !== null && total === null) problems.push({ row: r.row, column: cols.header.total, message: 'a total with fractions of a cent' });
  if (problems.length > before) return undefined;
  const costCode = cellOf(cols, r.cells, 'costCode');
  return {
    row: r.row, path: pathOf(cols, r.cells, name), name, quantity, unit: normaliseUnit(cellOf(cols, r.cells, 'unit')), unitCost, total,
    costCode: costCode === '' ? null : costCode, costType: costTypeOf(cellOf(cols, r.cells, 'costType'), ctx),
  };
};

const read = (table: Table, ctx: ReadContext): ImportReading => {
  const cols = resolveColumns(table, TAKEOFF_COLUMNS, ctx.settings.columns);
  const columns = Object.fromEntries((Object.keys(TAKEOFF_COLUMNS) as TakeoffColumn[]).map((f) => [f, cols.index[f] === undefined ? null : cols.header[f]]));
  const base = { columns, ignoredColumns: cols.ignored };
  if (cols.problems.length > 0) return { ...base, documents: [], problems: cols.problems, held: [], summary: null };
  const problems: CellProblem[] = [];
  const rows = table.rows.flatMap((r) => rowOf(cols, r, ctx, problems) ?? []);
  const budget = takeoffBudget(rows);
  problems.push(...budget.problems.map((p) => ({ row: p.row, column: cols.header[p.field], message: p.message })));
  const held = budget.uncoded.map((u) => ({ row: u.row, column: cols.header.costCode, message: `"${u.name}" (${formatMoney(u.amount)}) has no cost code: held out of the budget until it has one` }));
  const summary = {
    budgetLines: budget.lines.map((l) => ({ costCode: l.costCode, costType: l.costType, amount: formatMoney(l.amount) })),
    parents: budget.parents,
  };
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { ...base, documents: problems.length > 0 ? [] : budget.lines.map((l) => budgetLineDocument(ctx, l)), problems, held, summary };
};

/** A PlanSwift takeoff export: the project's original budget per cost code and cost type. */
export const PLANSWIFT_TAKEOFF: ImportKind = {
  kind: 'planswift-takeoff',
  source: 'planswift',
  summary: 'PlanSwift takeoff export (CSV or .xlsx): the original budget per cost code and cost type',
  columns: TAKEOFF_COLUMNS,
  read,
  removed: removedBudgetLine,
};
