import type { CostCodeMapping, OwnerBillingItems } from '../mapping/mapping.types.js';
import { resolveMapping } from '../mapping/resolve-mapping.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';

/**
 * One line of a sales document (Invoice, Estimate): an item line at quantity 1, or a line of
 * text only (QBO DescriptionOnly) that carries no amount. Amounts are never negative: the
 * QuickBooks sandbox refuses negative lines (error 2290).
 */
export type SalesLine =
  | {
    readonly kind: 'item';
    readonly description: string;
    readonly amount: Cents;
    readonly itemRef: BooksRef;
    readonly qty: 1;
    readonly unitPrice: Cents;
    readonly classRef: BooksRef | null;
    /** The cost code and type billed; null for a retainage release. */
    readonly source: { readonly costCode: string; readonly costType: string | null } | null;
  }
  | { readonly kind: 'description'; readonly description: string };

/**
 * The connection's owner-billing items, from its mapping's `settings.ownerBilling` (the runner
 * passes them in): progress, for work on a cost code whose rule is not an item (sample:
 * "Progress Billing", 21); retainage, for a release (sample: "Retainage", 22).
 */
export type OwnerBillingSettings = OwnerBillingItems;

export interface SalesTarget {
  readonly itemRef: BooksRef;
  readonly classRef: BooksRef | null;
}

/**
 * The item and class a cost code bills on: the item its mapping rule names (e.g. "HVAC Labor"
 * for 23-05-00/L), else the progress-billing item; an account rule still gives its class.
 */
export const salesTargetFor = (
  mapping: CostCodeMapping | null, line: { readonly projectId: string; readonly costCode: string; readonly costType: string | null }, progressItemRef: BooksRef,
): SalesTarget => {
  const resolved = mapping === null ? null : resolveMapping(mapping, line);
  if (resolved === null || resolved.kind === 'missing') return { itemRef: progressItemRef, classRef: null };
  const target = resolved.rule.target;
  return { itemRef: target.kind === 'item' ? target.itemRef : progressItemRef, classRef: resolved.rule.classRef };
};

export const itemLine = (description: string, amount: Cents, target: SalesTarget, source: { costCode: string; costType: string | null } | null): SalesLine => ({
  kind: 'item', description, amount, itemRef: target.itemRef, qty: 1, unitPrice: amount, classRef: target.classRef, source,
});
