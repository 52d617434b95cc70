import { EMPTY_LEDGER, postToLedger, type Ledger } from '../../domain/budget/cost-ledger.js';
import { parseDocumentStream } from '../../domain/documents/document-ref.js';
import type { SubcontractorInvoiceSnapshot } from '../../domain/documents/snapshots.js';
import type { RecordedEvent } from '../../eventstore/index.js';
import { select, type Sql } from '../engine/projection.js';
import type { KeyedFold } from './keyed-rows.js';

const APPROVED: ReadonlyArray<SubcontractorInvoiceSnapshot['status']> = ['approved', 'approved_as_noted'];

const snapshotOf = (event: RecordedEvent): SubcontractorInvoiceSnapshot | undefined => (event.data as { snapshot?: SubcontractorInvoiceSnapshot } | null)?.snapshot;

/** An invoice's latest approved gross per cost code and type; null once it is not (or no longer) approved. */
const grossOf = (event: RecordedEvent): Ledger | null => {
  if (event.type === 'SubcontractorInvoiceVoided.v1' || event.type === 'SubcontractorInvoiceSubmitted.v1') return null;
  const snapshot = snapshotOf(event);
  if (!snapshot || !APPROVED.includes(snapshot.status)) return null;
  return snapshot.lines.reduce((ledger, l) => postToLedger(ledger, { costCode: l.costCode, costType: l.costType, amount: l.amount }), EMPTY_LEDGER);
};

/**
 * Gross billed per invoice (`invoice|{invoiceId}`), grouped by the commitment it bills: the
 * latest approved version of each invoice counts, a void (or a step back to submitted) takes
 * it out, and an invoice moved to another commitment moves its row's group.
 */
export const invoicesBilledFold: KeyedFold<Ledger> = {
  base: 'saga_invoices_billed',
  eventTypes: ['SubcontractorInvoiceSubmitted.v1', 'SubcontractorInvoiceApproved.v1', 'SubcontractorInvoiceRevised.v1', 'SubcontractorInvoiceVoided.v1'],
  readsCurrent: false,
  keysOf: (event) => {
    const ref = parseDocumentStream(event.streamName);
    const connection = event.metadata.connection ?? ref?.connection;
    return ref && connection && ref.type === 'subcontractor_invoice' ? [{ connection, key: `invoice|${ref.externalId}` }] : [];
  },
  evolve: (_current, event) => {
    const gross = grossOf(event);
    const commitmentId = snapshotOf(event)?.commitmentId;
    return gross !== null && commitmentId ? { grp: commitmentId, value: gross } : null;
  },
};

/**
 * Gross billed on the commitment's approved invoices other than `invoiceId`: a revision of an
 * invoice never counts against itself (the cumulative over-billing check, `CommittedCost.billedBefore`).
 */
export const readBilledBefore = async (db: Sql, connection: string, commitmentId: string, invoiceId: string): Promise<Ledger> => {
  const rows = await select<{ value: Ledger }>(db, 'SELECT value FROM projections.saga_invoices_billed WHERE connection = $1 AND grp = $2 AND key <> $3',
    [connection, commitmentId, `invoice|${invoiceId}`]);
  let total = EMPTY_LEDGER;
  for (const row of rows) for (const entry of Object.values(row.value)) total = postToLedger(total, entry);
  return total;
};
