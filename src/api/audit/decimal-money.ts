import { formatMoney, type Cents } from '../../domain/shared/money.js';

/**
 * Field names under which the hub stores money as integer cents: normalised snapshots
 * (documents and books objects), saga drafts and facts. Every API answer gives money as a
 * decimal string with two places, history and as-of answers included.
 */
const CENTS_FIELDS = new Set([
  'amount', 'total', 'unitPrice', 'totalAmount', 'grossAmount', 'netAmount', 'retainage', 'retainageAmount', 'retainageHeld',
  'retainageReleased', 'released', 'retainageRetained', 'retainageApplied', 'held', 'heldAfter', 'billedBefore', 'originalBudget', 'revisedBudget',
  'approvedChanges', 'committed', 'delta', 'pendingBudgetChanges', 'pendingCostChanges', 'previousAmount', 'amountInForce',
]);

/** What the source or the books sent (or answered) verbatim: shown as it came, in their own format. */
const VERBATIM = new Set(['raw', 'response', 'body']);

/** A copy of a stored payload with its cents fields as decimal strings; everything else as stored. */
export const withDecimalMoney = (value: unknown, key?: string): unknown => {
  if (key !== undefined && VERBATIM.has(key)) return value;
  if (typeof value === 'number') return key !== undefined && CENTS_FIELDS.has(key) && Number.isSafeInteger(value) ? formatMoney(value as Cents) : value;
  if (Array.isArray(value)) return value.map((item) => withDecimalMoney(item, key));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withDecimalMoney(v, k)]));
  }
  return value;
};
