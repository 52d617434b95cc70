import type { CostCodeAmount } from '../budget/cost-ledger.js';
import { costKey } from '../budget/cost-ledger.js';
import type { Cents } from '../shared/money.js';

export interface ChangedLine {
  readonly costCode: string;
  readonly costType: string | null;
  readonly before: Cents;
  readonly after: Cents;
}

/** What a revised file changes in the budget it replaces: exactly the lines that differ. */
export interface BudgetDiff {
  readonly added: readonly CostCodeAmount[];
  readonly changed: readonly ChangedLine[];
  readonly removed: readonly CostCodeAmount[];
}

const byKey = (lines: readonly CostCodeAmount[]): Map<string, CostCodeAmount> => new Map(lines.map((l) => [costKey(l.costCode, l.costType), l]));

export const diffBudgetLines = (before: readonly CostCodeAmount[], after: readonly CostCodeAmount[]): BudgetDiff => {
  const old = byKey(before);
  const next = byKey(after);
  const keys = [...new Set([...old.keys(), ...next.keys()])].sort();
  const added: CostCodeAmount[] = [];
  const changed: ChangedLine[] = [];
  const removed: CostCodeAmount[] = [];
  for (const key of keys) {
    const a = old.get(key);
    const b = next.get(key);
    if (!a && b) added.push(b);
    else if (a && !b) removed.push(a);
    else if (a && b && a.amount !== b.amount) changed.push({ costCode: b.costCode, costType: b.costType, before: a.amount, after: b.amount });
  }
  return { added, changed, removed };
};

export const isEmptyDiff = (d: BudgetDiff): boolean => d.added.length + d.changed.length + d.removed.length === 0;
