import { costKey } from '../budget/cost-ledger.js';
import type { CostLine } from '../documents/snapshots.js';
import { costCodeLabel } from '../mapping/cost-code.js';
import type { CostCodeMapping, MappingRule } from '../mapping/mapping.types.js';
import { resolveMapping } from '../mapping/resolve-mapping.js';
import type { BooksRef } from '../shared/books-ref.js';
import type { Cents } from '../shared/money.js';
import { addMoney, formatMoney, ZERO } from '../shared/money.js';
import type { UnmappedCostCode } from '../posting/sync-facts.js';
import type { PurchaseOrderLine } from './commitment-po.outputs.js';
import type { CommitmentDoc, CommitmentPoMemory } from './commitment-po.state.js';

/** One cost code and type of the PO: the commitment's lines on it plus its change orders'. */
export interface PoCell {
  readonly lineKey: string;
  readonly costCode: string;
  readonly costType: string | null;
  readonly amount: Cents;
  readonly description: string;
  readonly firstLineId: string;
  readonly lineIds: readonly string[];
}

const addLine = (cells: Map<string, PoCell>, line: CostLine, changeOrder: string | null): void => {
  const lineKey = costKey(line.costCode, line.costType);
  const seen = cells.get(lineKey);
  const description = seen?.description ?? line.description;
  const noted = changeOrder === null || description.includes(changeOrder) ? description : `${description} (incl. ${changeOrder})`;
  cells.set(lineKey, {
    lineKey, costCode: line.costCode, costType: line.costType, amount: addMoney(seen?.amount ?? ZERO, line.amount),
    description: noted, firstLineId: seen?.firstLineId ?? line.lineId, lineIds: [...(seen?.lineIds ?? []), line.lineId],
  });
};

/** The PO's cost codes in the commitment's order, then new codes in change order order. Zero cells drop out. */
export const purchaseOrderCells = (doc: CommitmentDoc, s: CommitmentPoMemory): PoCell[] => {
  const cells = new Map<string, PoCell>();
  for (const line of doc.snapshot.lines) addLine(cells, line, null);
  const changeOrders = Object.values(s.changeOrders).sort((a, b) => (a.ref.externalId < b.ref.externalId ? -1 : 1));
  for (const co of changeOrders) for (const line of co.lines) addLine(cells, line, co.number);
  return [...cells.values()].filter((c) => c.amount !== 0);
};

export type CellMapping =
  | { readonly kind: 'mapped'; readonly cells: readonly (PoCell & { readonly rule: MappingRule })[] }
  | { readonly kind: 'unmapped'; readonly unmapped: readonly UnmappedCostCode[] }
  | { readonly kind: 'invalid'; readonly message: string };

/** QBO DocNumber holds at most 21 characters. */
const DOC_NUMBER_MAX = 21;

/** Each cell's rule, or the codes without one; a cell below zero can't be a PO line (QBO 2290). */
export const mapCells = (doc: CommitmentDoc, cells: readonly PoCell[], mapping: CostCodeMapping): CellMapping => {
  const negative = cells.find((c) => c.amount < 0);
  if (negative) {
    const label = costCodeLabel(negative.costCode, negative.costType);
    return { kind: 'invalid', message: `${label} totals ${formatMoney(negative.amount)} with its change orders; a PurchaseOrder line can't be negative` };
  }
  const { number } = doc.snapshot;
  if (number.length > DOC_NUMBER_MAX) return { kind: 'invalid', message: `commitment number "${number}" is longer than the books' ${DOC_NUMBER_MAX} characters` };
  const mapped: (PoCell & { rule: MappingRule })[] = [];
  const unmapped: UnmappedCostCode[] = [];
  for (const cell of cells) {
    const resolved = resolveMapping(mapping, { projectId: doc.snapshot.projectId, costCode: cell.costCode, costType: cell.costType });
    if (resolved.kind === 'mapped') mapped.push({ ...cell, rule: resolved.rule });
    else unmapped.push({ costCode: cell.costCode, costType: cell.costType, lineIds: cell.lineIds });
  }
  return unmapped.length > 0 ? { kind: 'unmapped', unmapped } : { kind: 'mapped', cells: mapped };
};

/** Mapped like a bill's cost lines; an existing line keeps its Id so bills linked to it stay linked. */
export const purchaseOrderLines = (
  cells: readonly (PoCell & { readonly rule: MappingRule })[], mapping: CostCodeMapping, customerRef: BooksRef, existingLineIds: ReadonlyMap<string, string>,
): PurchaseOrderLine[] => cells.map((c) => {
  const base = {
    description: c.description, amount: c.amount, classRef: c.rule.classRef, customerRef,
    billable: c.rule.billable ?? mapping.settings.billableByDefault, role: 'cost' as const,
    source: { lineId: c.firstLineId, costCode: c.costCode, costType: c.costType },
    lineKey: c.lineKey, lineId: existingLineIds.get(c.lineKey) ?? null,
  };
  const target = c.rule.target;
  return target.kind === 'account'
    ? { ...base, kind: 'account', accountRef: target.accountRef }
    : { ...base, kind: 'item', itemRef: target.itemRef, qty: 1, unitPrice: c.amount };
});
