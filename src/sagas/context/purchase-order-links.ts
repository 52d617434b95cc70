import type { EventStore } from '../../eventstore/index.js';
import {
  evolveCommitmentPo, initialCommitmentPoState, purchaseOrderLinksOf, type CommitmentPoEvent, type PurchaseOrderLinks,
} from '../../domain/commitments/index.js';
import type { DocumentRef } from '../../domain/documents/document-ref.js';
import { instanceStreamOf } from '../../domain/posting/sync-facts.js';

/**
 * The commitment's open PurchaseOrder and its line per cost code, for the invoice saga's new
 * bill lines (QBO LinkedTxn). Read from the commitment saga's own instance stream, the PO's
 * only writer, so the links are exactly what that saga last recorded; null while it has no PO.
 */
export const purchaseOrderLinksFor = async (store: EventStore, invoice: DocumentRef, commitmentId: string): Promise<PurchaseOrderLinks | null> => {
  const stream = instanceStreamOf('commitment_po', { connection: invoice.connection, source: invoice.source, type: 'commitment', externalId: commitmentId });
  const events = await store.readStream(stream);
  const state = events.reduce((s, e) => evolveCommitmentPo(s, { type: e.type, data: e.data } as CommitmentPoEvent), initialCommitmentPoState);
  return purchaseOrderLinksOf(state);
};
