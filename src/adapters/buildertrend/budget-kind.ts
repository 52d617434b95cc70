import type { CostCodeAmount } from '../../domain/budget/cost-ledger.js';
import { costKey } from '../../domain/budget/cost-ledger.js';
import { decimalToCents, parseDecimalText } from '../../domain/imports/index.js';
import { addMoney, formatMoney } from '../../domain/shared/money.js';
import { budgetLineDocument, removedBudgetLine } from '../imports/budget-documents.js';
import { cellOf, resolveColumns, type CellProblem, type ColumnSpec } from '../imports/column-map.js';
import type { ImportKind, ImportReading, ReadContext } from '../imports/import-kind.js';
import type { Table } from '../imports/tabular-file.js';
import { codeOf, costTypeOf } from './export-cells.js';

type BudgetColumn = 'costCode' | 'costType' | 'originalBudget';

/**
 * Buildertrend's Job Costing Budget export (facts buildertrend.md §3: columns include
 * Estimates, Revised Costs, Bills/POs, Time Clock Labor, ...; the exact layout is
 * unconfirmed), so the original budget is read from "Original Budget" or "Estimates".
 */
export const BUDGET_COLUMNS: ColumnSpec<BudgetColumn> = {
  costCode: { header: 'Cost Code', aliases: ['Code'], required: true },
  costType: { header: 'Cost Type', aliases: ['Cost Category', 'Category'] },
  originalBudget: { header: 'Original Budget', aliases: ['Estimates', 'Estimated Cost', 'Budget'], required: true },
};

/** Totals rows the grid export appends: not cost codes. */
const TOTALS = /^(grand\s+)?(sub)?totals?:?$/i;

const read = (table: Table, ctx: ReadContext): ImportReading => {
  const cols = resolveColumns(table, BUDGET_COLUMNS, ctx.settings.columns);
  const columns = Object.fromEntries((Object.keys(BUDGET_COLUMNS) as BudgetColumn[]).map((f) => [f, cols.index[f] === undefined ? null : cols.header[f]]));
  const base = { columns, ignoredColumns: cols.ignored, held: [] };
  if (cols.problems.length > 0) return { ...base, documents: [], problems: cols.problems, summary: null };
  const problems: CellProblem[] = [];
  const totals = new Map<string, CostCodeAmount>();
  for (const r of table.rows) {
    const code = codeOf(cellOf(cols, r.cells, 'costCode'));
    if (TOTALS.test(code)) continue;
    if (code === '') {
      problems.push({ row: r.row, column: cols.header.costCode, message: 'no cost code' });
      continue;
    }
    const parsed = parseDecimalText(cellOf(cols, r.cells, 'originalBudget') || '0');
    const amount = parsed.ok ? decimalToCents(parsed.value) : undefined;
    if (amount === undefined) {
      problems.push({ row: r.row, column: cols.header.originalBudget, message: parsed.ok ? 'fractions of a cent' : parsed.reason });
      continue;
    }
    const costType = costTypeOf(cellOf(cols, r.cells, 'costType'), ctx);
    const key = costKey(code, costType);
    const before = totals.get(key);
    totals.set(key, { costCode: code, costType, amount: before ? addMoney(before.amount, amount) : amount });
  }
  const lines = [...totals.keys()].sort().map((k) => totals.get(k)!);
  const summary = { budgetLines: lines.map((l) => ({ costCode: l.costCode, costType: l.costType, amount: formatMoney(l.amount) })) };
  return { ...base, documents: problems.length > 0 ? [] : lines.map((l) => budgetLineDocument(ctx, l)), problems, summary };
};

/** A Buildertrend Job Costing Budget export: the project's original budget per cost code and cost type. */
export const BUILDERTREND_BUDGET: ImportKind = {
  kind: 'buildertrend-budget',
  source: 'buildertrend',
  summary: 'Buildertrend Job Costing Budget export (CSV or .xlsx): the original budget per cost code and cost type',
  columns: BUDGET_COLUMNS,
  read,
  removed: removedBudgetLine,
};
