import type { EventStore, RecordedEvent } from '../../eventstore/index.js';
import { parseDocumentStream } from '../../domain/documents/document-ref.js';
import type { SubcontractorInvoiceSnapshot } from '../../domain/documents/snapshots.js';
import { EMPTY_LEDGER, postToLedger, type Ledger } from '../../domain/budget/cost-ledger.js';
import { INVOICE_DOCUMENT_EVENTS } from '../../domain/invoice-sync/invoice-sync.event-types.js';
import { FactIndex } from './fact-index.js';

/** The subcontractor-invoice facts that say whether an invoice is approved, and for how much. */
export const INVOICE_BILLED_TYPES = INVOICE_DOCUMENT_EVENTS;

const APPROVED: ReadonlyArray<SubcontractorInvoiceSnapshot['status']> = ['approved', 'approved_as_noted'];

/** An invoice's latest approved gross per cost code and type; null once it is not (or no longer) approved. */
const grossOf = (event: RecordedEvent): Ledger | null => {
  if (event.type === 'SubcontractorInvoiceVoided.v1' || event.type === 'SubcontractorInvoiceSubmitted.v1') return null;
  const snapshot = (event.data as { snapshot?: SubcontractorInvoiceSnapshot } | null)?.snapshot;
  if (!snapshot || !APPROVED.includes(snapshot.status)) return null;
  return snapshot.lines.reduce((ledger, l) => postToLedger(ledger, { costCode: l.costCode, costType: l.costType, amount: l.amount }), EMPTY_LEDGER);
};

/**
 * Gross billed per commitment, invoice and cost line, from the invoices' own facts: the latest
 * approved version of each invoice counts, a void (or a step back to submitted) takes it out.
 * The invoice saga asks for the commitment's OTHER invoices, so a revision of an invoice never
 * counts against itself (the cumulative over-billing check, `CommittedCost.billedBefore`).
 */
export class InvoicesBilled {
  /** `{connection}|{commitmentId}` -> invoice id -> its approved gross. */
  private readonly billed = new Map<string, Map<string, Ledger>>();
  /** `{connection}|{invoiceId}` -> the commitment it was last counted on (an invoice may move). */
  private readonly placed = new Map<string, string>();
  private readonly index: FactIndex;

  constructor(store: EventStore) {
    this.index = new FactIndex(store, INVOICE_BILLED_TYPES, (event) => this.fold(event));
  }

  /** Gross billed on the commitment's approved invoices other than `invoiceId`, as of every fact committed before the call. */
  async billedBefore(connection: string, commitmentId: string, invoiceId: string): Promise<Ledger> {
    await this.index.catchUp();
    const invoices = this.billed.get(`${connection}|${commitmentId}`);
    if (!invoices) return EMPTY_LEDGER;
    let total = EMPTY_LEDGER;
    for (const [id, gross] of invoices) {
      if (id === invoiceId) continue;
      for (const entry of Object.values(gross)) total = postToLedger(total, entry);
    }
    return total;
  }

  private fold(event: RecordedEvent): void {
    const ref = parseDocumentStream(event.streamName);
    const connection = event.metadata.connection ?? ref?.connection;
    if (!ref || !connection || ref.type !== 'subcontractor_invoice') return;
    const placedKey = `${connection}|${ref.externalId}`;
    const before = this.placed.get(placedKey);
    if (before !== undefined) this.billed.get(before)?.delete(ref.externalId);
    this.placed.delete(placedKey);
    const gross = grossOf(event);
    const commitmentId = (event.data as { snapshot?: SubcontractorInvoiceSnapshot } | null)?.snapshot?.commitmentId;
    if (gross === null || !commitmentId) return;
    const commitmentKey = `${connection}|${commitmentId}`;
    const invoices = this.billed.get(commitmentKey) ?? new Map<string, Ledger>();
    invoices.set(ref.externalId, gross);
    this.billed.set(commitmentKey, invoices);
    this.placed.set(placedKey, commitmentKey);
  }
}
