/**
 * Synthetic event flows shaped like the hub's own: a subcontractor invoice's document
 * events, its saga stream (input copies, requests, outcome copies, facts), the outbound
 * request streams (queued, attempts, outcome) and books-side payments and hand edits.
 * Used by the replay bench and the projection tests, so both exercise the same shapes.
 */
import { deterministicEventId } from '../../src/eventstore/index.js';

export interface FlowEvent {
  readonly id: string;
  readonly stream: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

export interface FlowLine {
  readonly costCode: string;
  readonly costType: string;
  readonly amount: number;
  readonly retainage: number;
  /** Retainage released on the line this period (already taken off `retainage`, as Procore's snapshot has it). */
  readonly released?: number;
}

export interface InvoiceFlowOptions {
  readonly connection: string;
  readonly projectId: string;
  readonly invoiceId: string;
  readonly commitmentId?: string;
  readonly vendorName?: string;
  readonly lines: readonly FlowLine[];
  /** Later versions of the lines: each is a revision the saga posts as an update. */
  readonly revisions?: ReadonlyArray<readonly FlowLine[]>;
  /** 'posted' (default), 'mapping-missing' (parked), 'dead-lettered', or 'none' (no saga yet). */
  readonly outcome?: 'posted' | 'mapping-missing' | 'dead-lettered' | 'none';
  readonly billId?: string;
  /** Cents a bill payment applies to the bill. */
  readonly paid?: number;
  /** A bookkeeper changes the bill's total to this, by hand. */
  readonly editedTotal?: number;
}

const sum = (lines: readonly FlowLine[], pick: (l: FlowLine) => number): number => lines.reduce((s, l) => s + pick(l), 0);

export const invoiceStream = (connection: string, invoiceId: string): string => `${connection}.procore.subcontractor_invoice-${invoiceId}`;

class Flow {
  readonly events: FlowEvent[] = [];
  readonly docStream: string;
  readonly saga: string;
  private seq = 0;
  private requestNo = 0;

  constructor(private readonly o: InvoiceFlowOptions) {
    this.docStream = invoiceStream(o.connection, o.invoiceId);
    this.saga = `${o.connection}.sagas.invoice-sync-${o.invoiceId}`;
  }

  private push(stream: string, type: string, data: unknown, metadata: Record<string, unknown>, id?: string): FlowEvent {
    const event = { id: id ?? deterministicEventId('flow', stream, this.seq++), stream, type, data, metadata: { connection: this.o.connection, ...metadata } };
    this.events.push(event);
    return event;
  }

  /** The webhook that announced a change: every change reaches the hub this way first. */
  notice(source: 'procore' | 'quickbooks', resource: string, resourceId: string, action: string): void {
    const noticeId = `${resource}:${resourceId}:${this.seq}`;
    this.push(`${this.o.connection}.inbox.${source}`, source === 'procore' ? 'ProcoreWebhookReceived.v1' : 'QuickBooksWebhookReceived.v1', {
      connection: this.o.connection, source, resource, resourceId, projectId: source === 'procore' ? this.o.projectId : null, action,
      occurredAt: '2026-03-31T12:00:00.000Z', noticeId, raw: { id: noticeId, resource_name: resource, resource_id: Number(resourceId) || resourceId, event_type: action, company_id: 5358233 },
    }, { source }, deterministicEventId('flow-notice', this.o.connection, this.o.invoiceId, noticeId));
  }

  document(type: string, status: string, version: string, lines: readonly FlowLine[]): FlowEvent {
    const o = this.o;
    this.notice('procore', 'Requisitions', o.invoiceId, type.includes('Submitted') ? 'create' : 'update');
    const snapshot = {
      projectId: o.projectId, commitmentId: o.commitmentId ?? '786001', vendorId: '5521', vendorName: o.vendorName ?? 'Northwind Sheet Metal LLC',
      number: o.invoiceId, invoiceNumber: `INV-${o.invoiceId}`, status, billingDate: '2026-03-31', periodStart: '2026-03-01', periodEnd: '2026-03-31',
      lines: lines.map((l, i) => ({ lineId: `${o.invoiceId}-${i}`, costCode: l.costCode, costType: l.costType, description: `Work on ${l.costCode}`, amount: l.amount, retainage: l.retainage, ...(l.released ? { released: l.released } : {}) })),
      grossAmount: sum(lines, (l) => l.amount), retainageAmount: sum(lines, (l) => l.retainage),
      netAmount: sum(lines, (l) => l.amount - l.retainage), retainagePercent: '10.00', updatedAt: version,
    };
    const ref = { connection: o.connection, source: 'procore', type: 'subcontractor_invoice', externalId: o.invoiceId };
    const raw = { id: Number(o.invoiceId), status, number: o.invoiceId, summary: { current_payment_due: String(snapshot.netAmount / 100) }, updated_at: version };
    return this.push(this.docStream, type, { ref, version, observedAt: version, snapshot, raw }, { source: 'procore', correlationId: `corr-${o.invoiceId}` });
  }

  copy(input: FlowEvent): void {
    const { raw: _raw, ...data } = input.data as Record<string, unknown>;
    this.push(this.saga, input.type, input.stream === this.docStream ? data : input.data,
      { source: 'hub', processManager: 'invoice-sync', causationId: input.id, inputStream: input.stream });
  }

  out(type: string, data: unknown, id?: string): FlowEvent {
    return this.push(this.saga, type, data, { source: 'hub', processManager: 'invoice-sync' }, id);
  }

  request(type: string, version: string, lines: readonly FlowLine[], extra: Record<string, unknown> = {}): { no: number; id: string; stream: string } {
    const no = ++this.requestNo;
    const id = deterministicEventId('flow-request', this.saga, no);
    const ref = { connection: this.o.connection, source: 'procore', type: 'subcontractor_invoice', externalId: this.o.invoiceId };
    const draftLines = lines.map((l, i) => ({
      kind: 'account', accountRef: { value: '61' }, description: `Work on ${l.costCode}`, amount: l.amount, classRef: null, customerRef: { value: '58' },
      billable: false, role: 'cost', source: { lineId: `${this.o.invoiceId}-${i}`, costCode: l.costCode, costType: l.costType },
    }));
    const held = sum(lines, (l) => l.retainage);
    this.out(type, {
      requestNo: no, invoice: ref, version, vendorRef: { value: '41' }, txnDate: '2026-03-31', dueDate: null, docNumber: `INV-${this.o.invoiceId}`,
      privateNote: `trestle:${this.o.connection}:${this.o.invoiceId}:${version}`, hubMarker: `trestle:${this.o.connection}:${this.o.invoiceId}:${version}`,
      lines: draftLines, total: sum(lines, (l) => l.amount), retainage: { mode: 'gross-open', held }, ...extra,
    }, id);
    return { no, id, stream: `${this.o.connection}.outbound.request-${id}` };
  }

  deliver(request: { no: number; id: string; stream: string }, type: string, outcomeType: string, outcome: unknown, status = 200): void {
    const meta = { source: 'hub', sagaStream: this.saga, requestId: request.id, causationId: request.id };
    this.push(request.stream, 'OutboundRequestQueued.v1', { requestId: request.id, requestType: type, target: 'quickbooks:9130', sagaStream: this.saga, requestRevision: 1, documentStream: this.docStream, queuedAt: '2026-04-01T00:00:00.000Z' }, meta);
    const attempt = { requestId: request.id, requestType: type, target: 'quickbooks:9130', cycle: 0, attempt: 1, operation: 'execute', batchSize: 1, consumedBudget: true, durationMs: 87, at: '2026-04-01T00:00:01.000Z' };
    if (status >= 500) {
      this.push(request.stream, 'OutboundAttempted.v1', { ...attempt, outcome: 'retryable', status, code: null, message: 'Service Unavailable', response: null }, meta);
      this.push(request.stream, 'OutboundDeadLettered.v1', { requestId: request.id, requestType: type, target: 'quickbooks:9130', cycle: 0, attempts: 5, lastFailure: { kind: 'retryable', status, code: null, message: 'Service Unavailable' }, sagaStream: this.saga, documentStream: this.docStream, at: attempt.at }, meta);
      this.copy(this.push(request.stream, outcomeType, { requestNo: request.no, reason: 'Service Unavailable', code: null, attempts: 5 }, { ...meta, outbound: { requestId: request.id, cycle: 0, result: 'dead-lettered' } }));
      return;
    }
    this.push(request.stream, 'OutboundAttempted.v1', { ...attempt, outcome: 'succeeded', status, code: null, message: null, response: { Bill: { Id: (outcome as { billId?: string }).billId } } }, meta);
    this.notice('quickbooks', 'Bill', String((outcome as { billId?: string }).billId), type.startsWith('Post') ? 'create' : 'update');
    this.copy(this.push(request.stream, outcomeType, outcome, { ...meta, outbound: { requestId: request.id, cycle: 0, result: 'succeeded' } }));
  }
}

/** One invoice's life, in commit order. */
export const invoiceFlow = (o: InvoiceFlowOptions): FlowEvent[] => {
  const flow = new Flow(o);
  const billId = o.billId ?? `${o.invoiceId}0`;
  flow.document('SubcontractorInvoiceSubmitted.v1', 'under_review', '2026-03-31T10:00:00.000Z', o.lines);
  const approved = flow.document('SubcontractorInvoiceApproved.v1', 'approved', '2026-03-31T12:00:00.000Z', o.lines);
  if (o.outcome === 'none') return flow.events;
  flow.copy(approved);
  const ref = { connection: o.connection, source: 'procore', type: 'subcontractor_invoice', externalId: o.invoiceId };
  if (o.outcome === 'mapping-missing') {
    flow.out('MappingMissing.v1', { invoice: ref, version: '2026-03-31T12:00:00.000Z', costCodes: [{ costCode: o.lines[0]?.costCode, costType: o.lines[0]?.costType, lineIds: [] }], jobMissingFor: null, message: `no account for ${o.lines[0]?.costCode}` });
    flow.out('DocumentSyncParked.v1', { document: ref, version: '2026-03-31T12:00:00.000Z', reasons: ['mapping-missing'], message: 'add the cost code to the mapping' });
    return flow.events;
  }
  const post = flow.request('PostBillRequested.v1', '2026-03-31T12:00:00.000Z', o.lines);
  if (o.outcome === 'dead-lettered') {
    flow.deliver(post, 'PostBillRequested.v1', 'PostingDeadLettered.v1', null, 503);
    flow.out('DocumentSyncParked.v1', { document: ref, version: '2026-03-31T12:00:00.000Z', reasons: ['dead-lettered'], message: 'QuickBooks did not answer' });
    return flow.events;
  }
  flow.deliver(post, 'PostBillRequested.v1', 'BillPosted.v1', { requestNo: post.no, billId, syncToken: '0', docNumber: `INV-${o.invoiceId}` });
  flow.out('InvoiceSynced.v1', { invoice: ref, version: '2026-03-31T12:00:00.000Z', entity: 'Bill', booksId: billId, docNumber: `INV-${o.invoiceId}`, syncToken: '0' });
  (o.revisions ?? []).forEach((lines, i) => {
    const version = `2026-04-0${(i % 8) + 1}T12:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0').slice(-3)}Z`;
    flow.copy(flow.document('SubcontractorInvoiceRevised.v1', 'approved', version, lines));
    const update = flow.request('UpdateBillRequested.v1', version, lines, { billId, lastKnownSyncToken: String(i) });
    flow.deliver(update, 'UpdateBillRequested.v1', 'BillUpdated.v1', { requestNo: update.no, billId, syncToken: String(i + 1) });
    flow.out('InvoiceSynced.v1', { invoice: ref, version, entity: 'Bill', booksId: billId, docNumber: `INV-${o.invoiceId}`, syncToken: String(i + 1) });
  });
  return [...flow.events, ...booksSide(o, billId)];
};

const booksSide = (o: InvoiceFlowOptions, billId: string): FlowEvent[] => {
  const events: FlowEvent[] = [];
  const observed = (type: string, stream: string, snapshot: unknown): FlowEvent =>
    ({ id: deterministicEventId('flow-books', stream, type), stream, type, data: { ref: {}, version: '2026-04-15T00:00:00.000Z', observedAt: '2026-04-15T00:00:00.000Z', snapshot, raw: {} }, metadata: { connection: o.connection, source: 'quickbooks' } });
  if (o.paid) {
    events.push(observed('BillPaymentRecorded.v1', `${o.connection}.quickbooks.bill_payment-${billId}`,
      { kind: 'bill_payment', counterpartyId: '41', txnDate: '2026-04-15', totalAmount: o.paid, appliedTo: [{ txnId: billId, txnType: 'Bill', amount: o.paid }], deleted: false, updatedAt: '2026-04-15T00:00:00.000Z' }));
  }
  if (o.editedTotal !== undefined) {
    events.push(observed('BooksObjectEditedByHand.v1', `${o.connection}.quickbooks.bill-${billId}`,
      { entity: 'Bill', id: billId, syncToken: '9', totalAmount: o.editedTotal, docNumber: `INV-${o.invoiceId}`, privateNote: null, deleted: false, updatedAt: '2026-04-15T00:00:00.000Z' }));
  }
  return events;
};
