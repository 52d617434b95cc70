import { mapCells, purchaseOrderCells, purchaseOrderLines } from '../commitments/purchase-order-lines.js';
import type { CommitmentDoc, CommitmentPoMemory } from '../commitments/commitment-po.state.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import { jobFor } from '../mapping/mapping.types.js';
import { resolveMapping } from '../mapping/resolve-mapping.js';
import type { DraftedPosting, PostingLine } from './preview-postings.js';
import { fromBooksLine, NOT_LOOKED_UP } from './preview-postings.js';

/**
 * The PurchaseOrder as the commitment saga drafts it (purchaseOrderCells, then
 * purchaseOrderLines): one line per cost code and type, the commitment's lines plus its change
 * orders'. A cell with no rule shows as unmapped; the saga would park the commitment then, and
 * also when a cell is negative or the number too long for the books (mapCells says which).
 */
export const draftPurchaseOrder = (doc: CommitmentDoc, memory: CommitmentPoMemory, mapping: CostCodeMapping): DraftedPosting => {
  const cells = purchaseOrderCells(doc, memory);
  const job = jobFor(mapping, doc.snapshot.projectId);
  const customerRef = job?.kind === 'customer' ? job.customerRef : NOT_LOOKED_UP;
  const lines = cells.map((cell): PostingLine => {
    const resolved = resolveMapping(mapping, { projectId: doc.snapshot.projectId, costCode: cell.costCode, costType: cell.costType });
    if (resolved.kind === 'mapped') {
      const [line] = purchaseOrderLines([{ ...cell, rule: resolved.rule }], mapping, customerRef, new Map());
      return fromBooksLine(line!, 1);
    }
    return {
      lineId: cell.firstLineId, costCode: cell.costCode, costType: cell.costType, description: cell.description,
      amount: cell.amount, cost: cell.amount, target: { kind: 'unmapped' }, classRef: null, billable: null,
    };
  });
  return { entity: 'PurchaseOrder', lines, wouldPark: mapCells(doc, cells, mapping).kind !== 'mapped' || job === undefined };
};

/** "Purchase order WO-786001 (Northwind Sheet Metal LLC)". */
export const purchaseOrderLabel = (doc: CommitmentDoc): string => `Purchase order ${doc.snapshot.number} (${doc.snapshot.vendorName})`;
