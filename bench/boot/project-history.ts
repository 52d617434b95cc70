/**
 * One connection's history as the hub records it, for the boot bench: bench:replay's mixed
 * ledger (invoices with revisions and every outcome, their saga and outbound request streams,
 * inbox notices, budget lines, commitments, prime change orders, books-side payments), plus
 * what the sagas record beside it that the hub re-reads at boot: the budget facts of the
 * commitment and change-order sagas, the vendors and jobs resolved in the books, and the
 * operator's failure ledger entry of every dead-lettered request.
 */
import { FAILURE_LEDGER_STREAM, LEDGER_EVENT } from '../../src/adapters/pipeline/outbound/failure-ledger.js';
import { deterministicEventId } from '../../src/eventstore/index.js';
import type { FlowEvent } from '../replay/invoice-flow.js';
import { mixedLedger } from '../replay/mixed-ledger.js';

interface DocumentData {
  readonly ref: { connection: string; source: string; type: string; externalId: string };
  readonly version: string;
  readonly snapshot: { projectId: string; vendorId?: string; lines: ReadonlyArray<{ costCode: string; costType: string; amount: number }> };
}

const sagaEvent = (stream: string, type: string, data: unknown, connection: string, causationId: string, key: string): FlowEvent => ({
  id: deterministicEventId('boot-saga', stream, type, causationId, key),
  stream, type, data, metadata: { connection, source: 'hub', causationId },
});

/** The saga's copy of its input, then one budget fact per line: the shape `decide*` writes. */
const budgetFacts = (saga: string, input: FlowEvent, facts: ReadonlyArray<{ type: string; side?: 'budget' | 'cost'; sign: 1 | -1 }>): FlowEvent[] => {
  const doc = input.data as DocumentData;
  const connection = doc.ref.connection;
  const stream = `${connection}.saga.${saga}-${doc.ref.type}-${doc.ref.externalId}`;
  const change = input.type.replace(/^.*(Created|Approved|Voided)\.v1$/, '$1').toLowerCase();
  const cause = { document: doc.ref, version: doc.version, change: change === 'created' ? 'pending' : change };
  const copy: FlowEvent = { ...input, id: deterministicEventId('boot-copy', stream, input.id), stream, metadata: { ...input.metadata, source: 'hub', inputStream: input.stream, causationId: input.id } };
  return [copy, ...facts.flatMap((fact, f) => doc.snapshot.lines.map((l, i) => sagaEvent(stream, fact.type, {
    projectId: doc.snapshot.projectId, costCode: l.costCode, costType: l.costType, delta: fact.sign * l.amount, cause,
    ...(fact.side ? { side: fact.side } : {}), ...(saga === 'commitment_po' ? { commitmentId: doc.ref.externalId } : {}),
  }, connection, input.id, `${f}.${i}`)))];
};

const sagaFactsOf = (event: FlowEvent): FlowEvent[] => {
  switch (event.type) {
    case 'CommitmentApproved.v1': return budgetFacts('commitment_po', event, [{ type: 'CommittedCostAdjusted.v1', sign: 1 }]);
    case 'CommitmentVoided.v1': return budgetFacts('commitment_po', event, [{ type: 'CommittedCostAdjusted.v1', sign: -1 }]);
    case 'PrimeChangeOrderCreated.v1': return budgetFacts('change_order', event, [{ type: 'PendingChangeAdjusted.v1', side: 'budget', sign: 1 }]);
    case 'PrimeChangeOrderApproved.v1': return budgetFacts('change_order', event, [
      { type: 'PendingChangeAdjusted.v1', side: 'budget', sign: -1 }, { type: 'BudgetRevised.v1', sign: 1 },
    ]);
    default: return [];
  }
};

/** The first invoice of a vendor or project resolves it in the books: the links the sagas keep in memory. */
const linksOf = (event: FlowEvent, seen: Set<string>): FlowEvent[] => {
  if (event.type !== 'SubcontractorInvoiceApproved.v1') return [];
  const doc = event.data as DocumentData;
  const connection = doc.ref.connection;
  const saga = `${connection}.sagas.invoice-sync-${doc.ref.externalId}`;
  const out: FlowEvent[] = [];
  // Each project of the mixed ledger has its own vendors in the books (the ledger reuses one vendor id).
  const vendorId = `${doc.snapshot.vendorId ?? '5521'}-${doc.snapshot.projectId}`;
  if (!seen.has(`v${vendorId}`)) {
    seen.add(`v${vendorId}`);
    out.push(sagaEvent(saga, 'BooksVendorResolved.v1', { requestNo: 0, vendorId, vendorRef: { value: String(40 + seen.size) }, created: seen.size % 2 === 0 }, connection, event.id, 'vendor'));
  }
  if (!seen.has(`j${doc.snapshot.projectId}`)) {
    seen.add(`j${doc.snapshot.projectId}`);
    out.push(sagaEvent(saga, 'BooksJobResolved.v1', { requestNo: 0, projectId: doc.snapshot.projectId, customerRef: { value: String(58 + seen.size) }, created: false }, connection, event.id, 'job'));
  }
  return out;
};

/** What the failure-ledger projector appends for a dead-lettered request. */
const ledgerEntryOf = (event: FlowEvent): FlowEvent[] => {
  if (event.type !== 'OutboundDeadLettered.v1') return [];
  const d = event.data as { requestId: string; requestType: string; target: string; cycle: number; attempts: number; lastFailure: unknown; sagaStream: string; documentStream: string; at: string };
  const connection = String(event.metadata.connection);
  return [{
    id: deterministicEventId('boot-ledger', event.id), stream: FAILURE_LEDGER_STREAM, type: LEDGER_EVENT.recorded,
    data: {
      requestId: d.requestId, connection, result: 'dead-lettered', requestType: d.requestType, target: d.target, auditStream: event.stream,
      sagaStream: d.sagaStream, documentStream: d.documentStream, cycle: d.cycle, attempts: d.attempts, error: d.lastFailure, failedAt: d.at,
    },
    metadata: { connection, source: 'hub', causationId: event.id },
  }];
};

export interface ConnectionHistory {
  /** The connection's own streams, in commit order. */
  readonly events: FlowEvent[];
  /** Entries of the one shared failure-ledger stream, appended after every connection's history. */
  readonly ledger: FlowEvent[];
}

/** `invoices` subcontractor invoices over `projects` projects, with everything recorded around them. */
export const connectionHistory = (connection: string, invoices: number, projects: number): ConnectionHistory => {
  const events: FlowEvent[] = [];
  const ledger: FlowEvent[] = [];
  const seen = new Set<string>();
  for (const event of mixedLedger(invoices, connection, projects)) {
    events.push(event, ...linksOf(event, seen), ...sagaFactsOf(event));
    ledger.push(...ledgerEntryOf(event));
  }
  return { events, ledger };
};
