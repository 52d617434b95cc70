import { randomUUID } from 'node:crypto';
import type { CallContext, OutboundRequest } from '../../../src/adapters/pipeline/outbound/index.js';
import type { DocumentRef } from '../../../src/domain/documents/document-ref.js';
import type { BooksLine, PostBillRequested } from '../../../src/domain/invoice-sync/invoice-sync.outputs.js';
import { cents, sumBy, type Cents } from '../../../src/domain/shared/money.js';

/** The connection the requests belong to (the harness gives it a QuickBooks client). */
export const CONNECTION = 'acme';

/** A request as the dispatcher hands it over: a recorded event of the saga's stream. */
export const requestOf = <D>(type: string, data: D, connection = CONNECTION): OutboundRequest<D> => ({
  id: randomUUID(), type, streamName: `${connection}.saga.invoice-sync-test`, revision: 0, position: { commit: 1n, prepare: 1n }, data,
  metadata: { correlationId: 'corr', causationId: null, connection, source: 'hub', schemaVersion: 1, recordedAt: new Date().toISOString() },
});

export const contextOf = (request: OutboundRequest, attempt = 1): CallContext => ({ idempotencyKey: request.id, attempt, signal: new AbortController().signal });

export const invoiceRef = (invoiceId: string): DocumentRef => ({ connection: CONNECTION, source: 'procore', type: 'subcontractor_invoice', externalId: invoiceId });

const JOB = { value: '59', name: 'Harbor Point Builders:2026-014 Riverside Medical Office' };
type AccountLine = Extract<BooksLine, { kind: 'account' }>;
type ItemLine = Extract<BooksLine, { kind: 'item' }>;

/** A cost line on the sample job to an expense account (Subcontractors by default). */
export const accountLine = (over: Partial<AccountLine> = {}): AccountLine => ({
  kind: 'account', accountRef: { value: '61' }, description: '23-31-00 Ductwork install', amount: cents(1_250_000),
  classRef: { value: '200000000000000123' }, customerRef: JOB, billable: true, role: 'cost', source: null, ...over,
});

/** A cost line on the sample job to an item, one unit at the amount. */
export const itemLine = (amount: Cents, over: Partial<ItemLine> = {}): ItemLine => ({
  kind: 'item', itemRef: { value: '11' }, qty: 1, unitPrice: amount, description: 'Ductwork subcontract', amount,
  classRef: { value: '200000000000000123' }, customerRef: JOB, billable: true, role: 'cost', source: null, ...over,
});

/** Account lines (Subcontractors, Job Materials) and item lines (Ductwork, HVAC Labor), classes, the job. */
export const fourLines = (): BooksLine[] => [
  accountLine(),
  accountLine({ accountRef: { value: '62' }, description: '22-10-00 Pipe', amount: cents(345_067), classRef: { value: '200000000000000122' }, billable: false }),
  itemLine(cents(800_005)),
  itemLine(cents(99), { itemRef: { value: '12' }, description: 'HVAC labor', classRef: null, billable: false }),
];

export type PostData = PostBillRequested['data'];

/** A post request's data for invoice `invoiceId`, version `version`, with the marker where the domain puts it. */
export const draftOf = (invoiceId: string, options: { version?: string; lines?: BooksLine[]; vendor?: string; docNumber?: string } = {}): PostData => {
  const version = options.version ?? '1';
  const hubMarker = `trestle:${CONNECTION}:${invoiceId}:${version}`;
  const lines = options.lines ?? fourLines();
  return {
    requestNo: 3, invoice: invoiceRef(invoiceId), version,
    vendorRef: { value: options.vendor ?? '46', name: 'Northwind Sheet Metal LLC' }, txnDate: '2026-03-31', dueDate: '2026-04-30',
    docNumber: options.docNumber ?? `NSM-${invoiceId}`, hubMarker,
    privateNote: `${hubMarker} Procore subcontractor invoice NSM-${invoiceId} (requisition 3).`,
    lines, total: sumBy(lines, (l) => l.amount), retainage: { mode: 'gross-open', held: 0 as Cents },
  };
};
