import type { CommitmentDoc, CommitmentPoMemory } from '../commitments/commitment-po.state.js';
import type { DocumentRef } from '../documents/document-ref.js';
import type { InvoiceDoc } from '../invoice-sync/invoice-sync.state.js';
import type { OwnerInvoiceMemory } from '../owner-invoices/owner-invoice.state.js';
import { ownerInvoiceLabel } from '../owner-invoices/owner-invoice.state.js';
import { assertNever } from '../shared/assert-never.js';
import type { TimecardDoc } from '../timecards/timecard.state.js';
import { timecardLabel } from '../timecards/timecard.state.js';
import type { CostCodeMapping } from '../mapping/mapping.types.js';
import { draftOwnerInvoice } from './preview-owner-invoice.js';
import type { DraftedPosting } from './preview-postings.js';
import { draftInvoice, invoiceLabel } from './preview-postings.js';
import { draftPurchaseOrder, purchaseOrderLabel } from './preview-purchase-order.js';
import { draftTimecard } from './preview-timecard.js';

interface Common {
  /** The books object the saga wrote for the document, or null when not (yet) posted. */
  readonly posted: { readonly entity: string; readonly id: string } | null;
  /** The saga instance that would repost it. */
  readonly sagaStream: string;
  /**
   * Its saga has a request out (or stalled): what lands was drafted under the mapping before
   * the change, so an "update" must reach it even when nothing is posted yet. Absent: none.
   */
  readonly requestOut?: boolean;
}

/** One document of the history, as its saga folded it: what was approved, and whether the books hold it. */
export type RemapDocument =
  | (Common & { readonly kind: 'subcontractor-invoice'; readonly doc: InvoiceDoc })
  | (Common & { readonly kind: 'purchase-order'; readonly doc: CommitmentDoc; readonly memory: CommitmentPoMemory })
  | (Common & { readonly kind: 'owner-invoice'; readonly memory: OwnerInvoiceMemory })
  /** `costRate`: the hourly cost the saga last drafted the entry with (null: never costed). */
  | (Common & { readonly kind: 'timecard'; readonly doc: TimecardDoc; readonly costRate: string | null });

export type RemapDocumentKind = RemapDocument['kind'];

/** The document and version the saga holds. */
export const documentOf = (d: RemapDocument): { readonly ref: DocumentRef; readonly version: string } => {
  switch (d.kind) {
    case 'subcontractor-invoice': case 'purchase-order': case 'timecard': return d.doc;
    case 'owner-invoice': return d.memory.doc;
    default: return assertNever(d);
  }
};

/** Approved and not voided: what the books should hold. */
export const isLive = (d: RemapDocument): boolean => {
  switch (d.kind) {
    case 'subcontractor-invoice': return d.doc.approved && !d.doc.voided;
    case 'purchase-order': return d.doc.phase === 'approved';
    case 'owner-invoice': return d.memory.doc.phase === 'approved';
    case 'timecard': return d.doc.phase === 'approved';
    default: return assertNever(d);
  }
};

/** What the document's saga would write under one mapping. */
export const draftPosting = (d: RemapDocument, mapping: CostCodeMapping): DraftedPosting => {
  switch (d.kind) {
    case 'subcontractor-invoice': return draftInvoice(d.doc, mapping);
    case 'purchase-order': return draftPurchaseOrder(d.doc, d.memory, mapping);
    case 'owner-invoice': return draftOwnerInvoice(d.memory, mapping);
    case 'timecard': return draftTimecard(d.doc, d.costRate, mapping);
    default: return assertNever(d);
  }
};

/** How people name the document. */
export const documentLabel = (d: RemapDocument, entity: string): string => {
  switch (d.kind) {
    case 'subcontractor-invoice': return invoiceLabel(d.doc, entity);
    case 'purchase-order': return purchaseOrderLabel(d.doc);
    case 'owner-invoice': return ownerInvoiceLabel(d.memory.doc);
    case 'timecard': return timecardLabel(d.doc);
    default: return assertNever(d);
  }
};

/**
 * Whose saga rewrites a posted document when a remap is applied with "update": every kind's
 * (bills and vendor credits, purchase orders, owner invoices, time activities).
 */
export const rewrittenOnRemap = (d: RemapDocument): boolean =>
  d.kind === 'subcontractor-invoice' || d.kind === 'purchase-order' || d.kind === 'owner-invoice' || d.kind === 'timecard';
