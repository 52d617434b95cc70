import type { DocumentRef } from '../documents/document-ref.js';
import type { CostLine } from '../documents/snapshots.js';

/**
 * A commitment change order's lines now in force (none once voided or no longer approved),
 * written by the change-order saga and read by the commitment's saga, the only writer of its
 * PurchaseOrder: it folds them into the PO's lines and answers with `PurchaseOrderSynced.v1`
 * naming the change order versions it holds. Defined here, with its reader, so the change
 * orders depend on the commitments and not both ways. `document` is the change order.
 */
export type CommitmentChangeOrderApplied = Readonly<{
  type: 'CommitmentChangeOrderApplied.v1';
  data: Readonly<{
    document: DocumentRef; version: string; projectId: string; commitmentId: string; number: string; title: string; lines: readonly CostLine[];
  }>;
}>;
