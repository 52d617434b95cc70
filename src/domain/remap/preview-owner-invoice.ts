import { progressDraft, releaseDraft } from '../owner-invoices/owner-invoice-drafts.js';
import type { OwnerInvoiceMemory } from '../owner-invoices/owner-invoice.state.js';
import type { SalesLine } from '../owner-invoices/sales-lines.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import { jobFor } from '../mapping/mapping.types.js';
import type { DraftedPosting, PostingLine } from './preview-postings.js';
import { NOT_LOOKED_UP } from './preview-postings.js';

type ItemLine = Extract<SalesLine, { kind: 'item' }>;

const postingLine = (lineId: string, line: ItemLine): PostingLine => ({
  lineId, costCode: line.source?.costCode ?? null, costType: line.source?.costType ?? null, description: line.description,
  amount: line.amount, cost: line.amount, target: { kind: 'item', ref: line.itemRef }, classRef: line.classRef, billable: null,
});

/**
 * The owner invoices as their saga drafts them (progressDraft, releaseDraft): each work line on
 * the item its cost code's rule names (else the progress-billing item) with the rule's class,
 * and a release on the retainage item. These are sales, not cost: `cost` carries the amount
 * billed. Without owner-billing items in the mapping nothing is drafted and it would park.
 */
export const draftOwnerInvoice = (memory: OwnerInvoiceMemory, mapping: CostCodeMapping): DraftedPosting => {
  const billing = mapping.settings.ownerBilling;
  const job = jobFor(mapping, memory.doc.snapshot.projectId);
  if (billing === undefined) return { entity: 'Invoice', lines: [], wouldPark: true };
  const customerRef = job?.kind === 'customer' ? job.customerRef : NOT_LOOKED_UP;
  const state = { ...memory, status: 'Tracking' as const };
  // Work lines come in the snapshot's order, one per line: they carry its line ids.
  const work = (progressDraft(state, mapping, billing, customerRef)?.lines ?? []).filter((l): l is ItemLine => l.kind === 'item');
  const release = (releaseDraft(state, billing, customerRef)?.lines ?? []).filter((l): l is ItemLine => l.kind === 'item');
  const ids = memory.doc.snapshot.lines.map((l) => l.lineId);
  const lines = [...work.map((l, i) => postingLine(ids[i] ?? `line-${i}`, l)), ...release.map((l) => postingLine('retainage-release', l))]
    .filter((l) => l.amount !== 0);
  return { entity: 'Invoice', lines, wouldPark: job === undefined };
};
