import type { FlowEvent } from '../../bench/replay/invoice-flow.js';
import { deterministicEventId } from '../../src/eventstore/index.js';

/** Event ids are UUIDs, derived like the hub's own. */
const eventId = (id: string, n: number): string => deterministicEventId('numbers-flow', id, n);

/** Event flows of timecards and owner invoices as their sagas write them, for the reconciliation's numbers. */
const C = 'acme';
export const NUMBERS_PROJECT = '2468013';
const P = NUMBERS_PROJECT;

/** A timecard's life as the timecard saga writes it: the entry, its copy, the TimeActivity request (costed) and the answer. */
export const timecardFlow = (id: string, hours: string, labourCents: number | null): FlowEvent[] => {
  const doc = `${C}.procore.timecard-${id}`;
  const saga = `${C}.sagas.timecard-${id}`;
  const version = '2026-03-02T18:00:00.000Z';
  const snapshot = {
    projectId: P, employeeId: '7788', employeeName: 'Dana Ortiz', date: '2026-03-02', hours, costCode: '23-05-00', costType: 'L',
    description: 'Equipment pads', approvalStatus: 'approved', billable: false, updatedAt: version,
  };
  const ref = { connection: C, source: 'procore', type: 'timecard', externalId: id };
  const hub = { connection: C, source: 'hub', processManager: 'timecard' };
  const labour = labourCents === null ? null : { projectId: P, costCode: '23-05-00', costType: 'L', amount: labourCents };
  return [
    { id: eventId(id, 1), stream: doc, type: 'TimecardApproved.v1', data: { ref, version, observedAt: version, snapshot, raw: {} }, metadata: { connection: C, source: 'procore' } },
    { id: eventId(id, 2), stream: saga, type: 'TimecardApproved.v1', data: { ref, version, observedAt: version, snapshot }, metadata: { ...hub, inputStream: doc } },
    { id: eventId(id, 3), stream: saga, type: 'PostTimeActivityRequested.v1', data: { requestNo: 1, document: ref, version, hours: 8, minutes: 0, costRate: '48.00', labour }, metadata: hub },
    { id: eventId(id, 4), stream: saga, type: 'TimeActivityPosted.v1', data: { requestNo: 1, timeActivityId: `ta-${id}`, syncToken: '0' }, metadata: { ...hub, inputStream: `${C}.outbound.request-${id}` } },
    { id: eventId(id, 5), stream: saga, type: 'TimecardSynced.v1', data: { document: ref, version, timeActivityId: `ta-${id}`, hours: 8, minutes: 0 }, metadata: hub },
  ];
};

/** An owner invoice (pay application) as the owner-invoice saga takes it to accounts receivable, and the owner's payment. */
export const ownerInvoiceFlow = (id: string, lines: ReadonlyArray<{ costCode: string; costType: string; amount: number; retainage: number }>, arTotal: number, received = 0): FlowEvent[] => {
  const doc = `${C}.procore.owner_invoice-${id}`;
  const saga = `${C}.sagas.owner-invoice-${id}`;
  const version = '2026-03-31T12:00:00.000Z';
  const gross = lines.reduce((s, l) => s + l.amount, 0);
  const retained = lines.reduce((s, l) => s + l.retainage, 0);
  const snapshot = {
    projectId: P, primeContractId: '640001', ownerName: 'Harbor Point Builders', number: id, invoiceNumber: `PA-${id}`, status: 'approved',
    billingDate: '2026-03-31', periodStart: null, periodEnd: null, grossAmount: gross, retainageRetained: retained, retainageReleased: 0,
    netAmount: gross - retained, updatedAt: version, lines: lines.map((l, i) => ({ lineId: `${id}-${i}`, description: 'Work', ...l })),
  };
  const ref = { connection: C, source: 'procore', type: 'owner_invoice', externalId: id };
  const hub = { connection: C, source: 'hub', processManager: 'owner-invoice' };
  const events: FlowEvent[] = [
    { id: eventId(id, 1), stream: doc, type: 'OwnerInvoiceApproved.v1', data: { ref, version, observedAt: version, snapshot, raw: {} }, metadata: { connection: C, source: 'procore' } },
    { id: eventId(id, 2), stream: saga, type: 'OwnerInvoiceApproved.v1', data: { ref, version, observedAt: version, snapshot }, metadata: { ...hub, inputStream: doc } },
    { id: eventId(id, 3), stream: saga, type: 'PostInvoiceRequested.v1', data: { requestNo: 1, document: ref, version, purpose: 'progress', total: arTotal }, metadata: hub },
    { id: eventId(id, 4), stream: saga, type: 'InvoicePosted.v1', data: { requestNo: 1, invoiceId: `inv-${id}`, syncToken: '0', docNumber: `PA-${id}` }, metadata: { ...hub, inputStream: `${C}.outbound.request-${id}` } },
    { id: eventId(id, 5), stream: saga, type: 'OwnerInvoiceSynced.v1', data: { document: ref, version, progressInvoiceId: `inv-${id}`, releaseInvoiceId: null, total: arTotal }, metadata: hub },
  ];
  if (received > 0) {
    const snapshotPaid = { kind: 'payment', counterpartyId: '58', txnDate: '2026-04-20', totalAmount: received, appliedTo: [{ txnId: `inv-${id}`, txnType: 'Invoice', amount: received }], deleted: false, updatedAt: version };
    events.push({ id: eventId(id, 6), stream: `${C}.quickbooks.payment-${id}`, type: 'PaymentReceived.v1', data: { ref: {}, version, observedAt: version, snapshot: snapshotPaid, raw: {} }, metadata: { connection: C, source: 'quickbooks' } });
  }
  return events;
};

