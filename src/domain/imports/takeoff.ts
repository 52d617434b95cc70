import type { CostCodeAmount } from '../budget/cost-ledger.js';
import { costKey } from '../budget/cost-ledger.js';
import type { Cents } from '../shared/money.js';
import { addMoney } from '../shared/money.js';
import type { Decimal } from './decimal-text.js';
import { addDecimals, extendedCents, formatDecimal } from './decimal-text.js';

/** A takeoff field a problem can name; the adapter turns it into the file's column header. */
export type TakeoffField = 'name' | 'path' | 'quantity' | 'unit' | 'unitCost' | 'total' | 'costCode' | 'costType' | 'itemId';

/**
 * One row of a takeoff export, already read cell by cell. `path` is the item's full name in
 * PlanSwift's tree (folder\takeoff item\assembly\part): a row is the parent of every row
 * whose path continues its own.
 */
export interface TakeoffRow {
  /** The row's number in the file (the header is row 1), for problems. */
  readonly row: number;
  readonly path: readonly string[];
  readonly name: string;
  readonly quantity: Decimal | null;
  /** Normalised (see normaliseUnit). */
  readonly unit: string | null;
  readonly unitCost: Decimal | null;
  readonly total: Cents | null;
  readonly costCode: string | null;
  readonly costType: string | null;
}

export interface RowProblem {
  readonly row: number;
  readonly field: TakeoffField;
  readonly message: string;
}

/** A costed leaf with no cost code: held back from the budget (like an unmapped line), listed. */
export interface UncodedItem {
  readonly row: number;
  readonly name: string;
  readonly amount: Cents;
}

/** A parent's quantity, derived from its leaves, per unit (a wall's studs and boards differ). */
export interface DerivedQuantity {
  readonly path: string;
  readonly quantities: Readonly<Record<string, string>>;
}

export interface TakeoffBudget {
  /** Amount per cost code and type, in cost key order. */
  readonly lines: readonly CostCodeAmount[];
  readonly uncoded: readonly UncodedItem[];
  readonly parents: readonly DerivedQuantity[];
  readonly problems: readonly RowProblem[];
}

export const PATH_SEPARATOR = '\\';
const pathKey = (path: readonly string[]): string => path.join(PATH_SEPARATOR);

/** Rows that are some other row's ancestor: their quantities and costs are formulas over their children. */
const parentKeys = (rows: readonly TakeoffRow[]): Set<string> => {
  const parents = new Set<string>();
  for (const row of rows) for (let depth = 1; depth < row.path.length; depth++) parents.add(pathKey(row.path.slice(0, depth)));
  return parents;
};

const leafAmount = (row: TakeoffRow): Cents | RowProblem => {
  if (row.quantity !== null && row.unitCost !== null) return extendedCents(row.quantity, row.unitCost);
  if (row.total !== null) return row.total;
  if (row.unitCost !== null) return { row: row.row, field: 'quantity', message: 'a unit cost with no quantity' };
  return { row: row.row, field: 'unitCost', message: 'no unit cost and no total: the item cannot be costed' };
};

const duplicatePaths = (rows: readonly TakeoffRow[]): RowProblem[] => {
  const first = new Map<string, number>();
  return rows.flatMap((row) => {
    const key = pathKey(row.path);
    const seen = first.get(key);
    if (seen === undefined) first.set(key, row.row);
    return seen === undefined ? [] : [{ row: row.row, field: 'path' as const, message: `the same item as row ${seen}` }];
  });
};

const derivedQuantities = (rows: readonly TakeoffRow[], leaves: readonly TakeoffRow[], parents: Set<string>): DerivedQuantity[] =>
  rows.filter((r) => parents.has(pathKey(r.path))).map((parent) => {
    const prefix = pathKey(parent.path) + PATH_SEPARATOR;
    const byUnit = new Map<string, Decimal[]>();
    for (const leaf of leaves) {
      if (!pathKey(leaf.path).startsWith(prefix) || leaf.quantity === null) continue;
      const unit = leaf.unit ?? '';
      byUnit.set(unit, [...(byUnit.get(unit) ?? []), leaf.quantity]);
    }
    const quantities = Object.fromEntries([...byUnit].sort(([a], [b]) => (a < b ? -1 : 1)).map(([unit, qs]) => [unit, formatQuantity(addDecimals(qs))]));
    return { path: pathKey(parent.path), quantities };
  });

/** "412.50" -> "412.5": a derived quantity is shown, not stored. */
const formatQuantity = (d: Decimal): string => {
  const text = formatDecimal(d);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
};

/**
 * The takeoff's original budget: only leaves (items with no children) are costed, at
 * quantity × unit cost (or their stated total when there is no unit cost), and summed per
 * cost code and cost type. Parents' quantities are derived from their children and shown,
 * never added, so an assembly and its parts are not counted twice.
 */
export const takeoffBudget = (rows: readonly TakeoffRow[]): TakeoffBudget => {
  const parents = parentKeys(rows);
  const leaves = rows.filter((r) => !parents.has(pathKey(r.path)));
  const problems: RowProblem[] = duplicatePaths(rows);
  const totals = new Map<string, CostCodeAmount>();
  const uncoded: UncodedItem[] = [];
  for (const leaf of leaves) {
    const amount = leafAmount(leaf);
    if (typeof amount === 'object') {
      problems.push(amount);
      continue;
    }
    if (leaf.costCode === null) {
      uncoded.push({ row: leaf.row, name: leaf.name, amount });
      continue;
    }
    const key = costKey(leaf.costCode, leaf.costType);
    const before = totals.get(key);
    totals.set(key, { costCode: leaf.costCode, costType: leaf.costType, amount: before ? addMoney(before.amount, amount) : amount });
  }
  const lines = [...totals.keys()].sort().map((key) => totals.get(key)!);
  return { lines, uncoded, parents: derivedQuantities(rows, leaves, parents), problems: problems.sort((a, b) => a.row - b.row) };
};
