import type { Cents } from '../shared/money.js';
import { addMoney, subtractMoney, sumBy, ZERO } from '../shared/money.js';

/** An amount on one cost code and cost type (Procore line item type; null when the source has none). */
export interface CostCodeAmount {
  readonly costCode: string;
  readonly costType: string | null;
  readonly amount: Cents;
}

/** Amounts per cost code and type, keyed by `costKey`. A zero entry is kept: the code was there. */
export type Ledger = Readonly<Record<string, CostCodeAmount>>;

export const EMPTY_LEDGER: Ledger = {};

export const costKey = (costCode: string, costType: string | null): string => `${costCode}|${costType ?? ''}`;

const entry = (ledger: Ledger, key: string): CostCodeAmount | undefined => (Object.hasOwn(ledger, key) ? ledger[key] : undefined);

export const amountIn = (ledger: Ledger, costCode: string, costType: string | null): Cents =>
  entry(ledger, costKey(costCode, costType))?.amount ?? ZERO;

/** Adds an amount to its cost code and type. */
export const postToLedger = (ledger: Ledger, posted: CostCodeAmount): Ledger => {
  const key = costKey(posted.costCode, posted.costType);
  const before = entry(ledger, key)?.amount ?? ZERO;
  return { ...ledger, [key]: { costCode: posted.costCode, costType: posted.costType, amount: addMoney(before, posted.amount) } };
};

/** Lines summed per cost code and type (a change order may carry two lines on one code). */
export const ledgerOf = (lines: readonly CostCodeAmount[]): Ledger => lines.reduce(postToLedger, EMPTY_LEDGER);

/**
 * What takes `applied` to `target`, per cost code and type: target − applied where they
 * differ, in key order so the same change always yields the same facts.
 */
export const ledgerDifferences = (applied: Ledger, target: Ledger): CostCodeAmount[] => {
  const keys = [...new Set([...Object.keys(applied), ...Object.keys(target)])].sort();
  return keys.flatMap((key) => {
    const from = entry(applied, key);
    const to = entry(target, key);
    const cell = (to ?? from)!;
    const delta = subtractMoney(to?.amount ?? ZERO, from?.amount ?? ZERO);
    return delta === 0 ? [] : [{ costCode: cell.costCode, costType: cell.costType, amount: delta }];
  });
};

export const ledgerTotal = (ledger: Ledger): Cents => sumBy(Object.values(ledger), (e) => e.amount);

export const ledgerEntries = (ledger: Ledger): CostCodeAmount[] =>
  Object.keys(ledger).sort().map((key) => ledger[key]!);
