/** Budget lines, commitments and prime change orders, shaped like the inbound side records them (see invoice-flow.ts). */
import { deterministicEventId } from '../../src/eventstore/index.js';
import type { FlowEvent, FlowLine } from './invoice-flow.js';

const documentEvent = (connection: string, type: string, docType: string, externalId: string, version: string, snapshot: unknown): FlowEvent => {
  const stream = `${connection}.procore.${docType}-${externalId}`;
  return {
    id: deterministicEventId('flow', stream, type, version), stream, type,
    data: { ref: { connection, source: 'procore', type: docType, externalId }, version, observedAt: version, snapshot, raw: { id: externalId, updated_at: version } },
    metadata: { connection, source: 'procore', correlationId: `corr-${externalId}` },
  };
};

/** Procore's budget line; the hub takes its original budget (its change columns are counted from change orders). */
export const budgetLineEvent = (
  connection: string, projectId: string, costCode: string, costType: string, original: number, version = '2026-02-01T00:00:00.000Z',
): FlowEvent => documentEvent(connection, 'BudgetLineChanged.v1', 'budget_line', `${projectId}-${costCode}-${costType}`, version, {
  projectId, costCode, costType, originalBudget: original, approvedChanges: 0, revisedBudget: original, updatedAt: version,
});

/** A commitment created as a draft, then approved (or approved and then voided). */
export const commitmentEvents = (
  connection: string, projectId: string, commitmentId: string, lines: readonly FlowLine[], options: { voided?: boolean } = {},
): FlowEvent[] => {
  const snapshot = (status: string, version: string) => ({
    projectId, kind: 'work_order', vendorId: '5521', vendorName: 'Northwind Sheet Metal LLC', number: `WO-${commitmentId}`, title: 'Ductwork',
    status, retainagePercent: '10.00', total: lines.reduce((s, l) => s + l.amount, 0), updatedAt: version,
    lines: lines.map((l, i) => ({ lineId: `${commitmentId}-${i}`, costCode: l.costCode, costType: l.costType, description: 'Scope', amount: l.amount, retainage: 0 })),
  });
  const events = [
    documentEvent(connection, 'CommitmentCreated.v1', 'commitment', commitmentId, '2026-02-10T00:00:00.000Z', snapshot('draft', '2026-02-10T00:00:00.000Z')),
    documentEvent(connection, 'CommitmentApproved.v1', 'commitment', commitmentId, '2026-02-11T00:00:00.000Z', snapshot('approved', '2026-02-11T00:00:00.000Z')),
  ];
  if (options.voided) events.push(documentEvent(connection, 'CommitmentVoided.v1', 'commitment', commitmentId, '2026-02-12T00:00:00.000Z', snapshot('void', '2026-02-12T00:00:00.000Z')));
  return events;
};

/** A prime contract change order drafted (pending), then approved: it moves the revised budget. */
export const primeChangeOrderEvents = (connection: string, projectId: string, changeOrderId: string, lines: readonly FlowLine[]): FlowEvent[] => {
  const snapshot = (status: string, version: string) => ({
    kind: 'prime', projectId, contractId: 'pc-1', number: `PCO-${changeOrderId}`, title: 'Owner-requested change', status,
    total: lines.reduce((s, l) => s + l.amount, 0), updatedAt: version,
    lines: lines.map((l, i) => ({ lineId: `${changeOrderId}-${i}`, costCode: l.costCode, costType: l.costType, description: 'Change', amount: l.amount, retainage: 0 })),
  });
  return [
    documentEvent(connection, 'PrimeChangeOrderCreated.v1', 'prime_change_order', changeOrderId, '2026-03-01T00:00:00.000Z', snapshot('pending', '2026-03-01T00:00:00.000Z')),
    documentEvent(connection, 'PrimeChangeOrderApproved.v1', 'prime_change_order', changeOrderId, '2026-03-02T00:00:00.000Z', snapshot('approved', '2026-03-02T00:00:00.000Z')),
  ];
};
