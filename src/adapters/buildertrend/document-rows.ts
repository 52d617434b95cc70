import type { CostLine } from '../../domain/documents/snapshots.js';
import { parseMoneyText } from '../../domain/imports/index.js';
import { sumBy, ZERO, type Cents } from '../../domain/shared/money.js';
import { cellOf, type CellProblem, type ResolvedColumns } from '../imports/column-map.js';
import type { ReadContext } from '../imports/import-kind.js';
import type { Table } from '../imports/tabular-file.js';
import { codeOf, costTypeOf } from './export-cells.js';

type Row = Table['rows'][number];

/** The columns every line-per-row document export has. */
export type LineColumn = 'costCode' | 'costType' | 'amount' | 'description';

/** One document of an export: its first row (whose header cells it takes) and its cost lines. */
export interface RowGroup {
  readonly key: string;
  readonly first: Row;
  readonly lines: readonly CostLine[];
  readonly total: Cents;
}

interface GroupSpec<F extends string> {
  /** The document a row belongs to; undefined when the row cannot say (its problems are pushed). */
  readonly keyOf: (r: Row) => string | undefined;
  /** Header cells (vendor, date, status) every line of one document must repeat. */
  readonly sameOnEveryLine: readonly F[];
}

const lineOf = <F extends string>(cols: ResolvedColumns<F | LineColumn>, r: Row, ctx: ReadContext, problems: CellProblem[]): Omit<CostLine, 'lineId'> | undefined => {
  const cell = (f: F | LineColumn) => cellOf(cols, r.cells, f);
  const costCode = codeOf(cell('costCode'));
  const amount = parseMoneyText(cell('amount'));
  if (costCode === '') problems.push({ row: r.row, column: cols.header.costCode, message: 'no cost code' });
  if (!amount.ok) problems.push({ row: r.row, column: cols.header.amount, message: amount.reason });
  if (costCode === '' || !amount.ok) return undefined;
  return { costCode, costType: costTypeOf(cell('costType'), ctx), description: cell('description'), amount: amount.value, retainage: ZERO };
};

/**
 * Rows to documents: each row is one cost line of the document its key names. A row that
 * repeats an earlier row of the same document cell for cell is the same line exported twice
 * (a re-export, a copy and paste): counted once and listed as held. Lines on the same cost
 * code and type are numbered in file order, so a line keeps its id across exports.
 */
export const groupRows = <F extends string>(
  table: Table, cols: ResolvedColumns<F | LineColumn>, ctx: ReadContext, spec: GroupSpec<F>, problems: CellProblem[], held: CellProblem[],
): RowGroup[] => {
  const groups = new Map<string, { first: Row; lines: CostLine[]; seen: Map<string, number> }>();
  for (const r of table.rows) {
    const key = spec.keyOf(r);
    const line = lineOf(cols, r, ctx, problems);
    if (key === undefined || line === undefined) continue;
    const group = groups.get(key) ?? { first: r, lines: [], seen: new Map<string, number>() };
    groups.set(key, group);
    const differs = spec.sameOnEveryLine.find((f) => cellOf(cols, r.cells, f) !== cellOf(cols, group.first.cells, f));
    if (differs !== undefined) {
      problems.push({ row: r.row, column: cols.header[differs], message: `differs from row ${group.first.row}, an earlier line of the same document` });
      continue;
    }
    const whole = r.cells.map((c) => c.trim()).join('\u001f');
    const earlier = group.seen.get(whole);
    if (earlier !== undefined) {
      held.push({ row: r.row, column: cols.header.amount, message: `the same line as row ${earlier}: counted once` });
      continue;
    }
    group.seen.set(whole, r.row);
    const n = group.lines.filter((l) => l.costCode === line.costCode && l.costType === line.costType).length + 1;
    group.lines.push({ ...line, lineId: `${line.costCode}:${line.costType ?? ''}:${n}` });
  }
  return [...groups].map(([key, g]) => ({ key, first: g.first, lines: g.lines, total: sumBy(g.lines, (l) => l.amount) }));
};
