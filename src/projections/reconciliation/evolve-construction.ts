import type {
  OwnerInvoiceEvent, TimecardEvent,
  BudgetLineEvent, CommitmentChangeOrderEvent, CommitmentEvent, PrimeChangeOrderEvent, SubcontractorInvoiceEvent,
} from '../../domain/documents/document-events.js';
import { everyType } from '../../domain/shared/event-types.js';
import { cents, list, obj, str, type Json } from '../shared/read-json.js';

type ConstructionEvent = SubcontractorInvoiceEvent | CommitmentEvent | CommitmentChangeOrderEvent | PrimeChangeOrderEvent | BudgetLineEvent
  | TimecardEvent | OwnerInvoiceEvent;
import type { ConstructionKind, ConstructionSide, CostAmount } from './recon-doc.js';

/** Lifecycle event type prefix => what the document is to the reconciliation. */
const KINDS: ReadonlyArray<readonly [string, ConstructionKind]> = [
  ['SubcontractorInvoice', 'subcontractor_invoice'],
  ['CommitmentChangeOrder', 'commitment_change_order'],
  ['Commitment', 'commitment'],
  ['PrimeChangeOrder', 'prime_change_order'],
  ['Timecard', 'timecard'],
  ['OwnerInvoice', 'owner_invoice'],
];

const LIFECYCLE = /^(SubcontractorInvoice|OwnerInvoice|CommitmentChangeOrder|Commitment|PrimeChangeOrder|Timecard)(Submitted|Created|Approved|Revised|Voided)\.v1$/;

/** Statuses under which each kind counts: approved invoices, approved (or completed) contracts and change orders. */
const COUNTING: Readonly<Record<ConstructionKind, ReadonlySet<string>>> = {
  subcontractor_invoice: new Set(['approved', 'approved_as_noted']),
  commitment: new Set(['approved', 'complete']),
  commitment_change_order: new Set(['approved']),
  prime_change_order: new Set(['approved']),
  budget_line: new Set(),
  timecard: new Set(['approved']),
  owner_invoice: new Set(['approved']),
};

/** The construction-side event types this projection reads. */
export const CONSTRUCTION_EVENT_TYPES: readonly string[] = everyType<ConstructionEvent['type']>()([
  'SubcontractorInvoiceSubmitted.v1', 'SubcontractorInvoiceApproved.v1', 'SubcontractorInvoiceRevised.v1', 'SubcontractorInvoiceVoided.v1',
  'CommitmentCreated.v1', 'CommitmentApproved.v1', 'CommitmentRevised.v1', 'CommitmentVoided.v1',
  'CommitmentChangeOrderCreated.v1', 'CommitmentChangeOrderApproved.v1', 'CommitmentChangeOrderRevised.v1', 'CommitmentChangeOrderVoided.v1',
  'PrimeChangeOrderCreated.v1', 'PrimeChangeOrderApproved.v1', 'PrimeChangeOrderRevised.v1', 'PrimeChangeOrderVoided.v1',
  'BudgetLineChanged.v1',
  'TimecardApproved.v1', 'TimecardRevised.v1', 'TimecardVoided.v1',
  'OwnerInvoiceSubmitted.v1', 'OwnerInvoiceApproved.v1', 'OwnerInvoiceRevised.v1', 'OwnerInvoiceVoided.v1',
]);

export const isConstructionType = (type: string): boolean => type === 'BudgetLineChanged.v1' || LIFECYCLE.test(type);

const lineOf = (value: unknown): CostAmount | undefined => {
  const line = obj(value);
  const costCode = str(line?.costCode);
  if (!line || !costCode) return undefined;
  const released = cents(line.released);
  return { costCode, costType: str(line.costType) ?? '', amount: cents(line.amount), retainage: cents(line.retainage), ...(released === 0 ? {} : { released }) };
};

export const linesOf = (snapshot: Json): CostAmount[] =>
  list(snapshot.lines).map(lineOf).filter((l): l is CostAmount => l !== undefined);

/**
 * A timecard is one line on its cost code, worth nothing on the construction side: Procore
 * knows hours, the books know what an hour costs (the saga's draft carries the cost).
 */
const timecardLine = (s: Json): CostAmount[] => {
  const costCode = str(s.costCode);
  return costCode ? [{ costCode, costType: str(s.costType) ?? '', amount: 0, retainage: 0 }] : [];
};

const labelOf = (kind: ConstructionKind, s: Json): string => {
  if (kind === 'timecard') return `Timecard ${str(s.employeeName) ?? ''} ${str(s.date) ?? ''} ${str(s.hours) ?? ''} h`.replace(/\s+/g, ' ').trim();
  const number = str(s.invoiceNumber) ?? str(s.number) ?? '';
  const party = str(s.vendorName) ?? str(s.title) ?? '';
  if (kind === 'subcontractor_invoice') return `${party} invoice ${number}`.trim();
  if (kind === 'owner_invoice') return `Owner invoice ${number} ${str(s.ownerName) ?? ''}`.trim();
  return `${kind === 'commitment' ? 'Commitment' : kind === 'prime_change_order' ? 'Prime change order' : 'Change order'} ${number} ${party}`.trim();
};

const budgetLine = (s: Json, version: string): ConstructionSide | undefined => {
  const costCode = str(s.costCode);
  const projectId = str(s.projectId);
  if (!costCode || !projectId) return undefined;
  const costType = str(s.costType) ?? '';
  return {
    kind: 'budget_line', projectId, label: `Budget ${costCode}${costType ? `/${costType}` : ''}`, version, effective: true, voided: false,
    lines: [{ costCode, costType, amount: 0, retainage: 0 }],
    budget: { original: cents(s.originalBudget) },
  };
};

/**
 * The construction side after one document event. Voided is for good (a void is never
 * undone); an event without a usable snapshot (no project) leaves the side unchanged.
 */
export const evolveConstruction = (previous: ConstructionSide | null, type: string, data: unknown): ConstructionSide | null => {
  const payload = obj(data);
  const snapshot = obj(payload?.snapshot);
  const version = str(payload?.version) ?? '';
  if (!snapshot) return previous;
  if (type === 'BudgetLineChanged.v1') return budgetLine(snapshot, version) ?? previous;
  const match = LIFECYCLE.exec(type);
  const kind = KINDS.find(([prefix]) => prefix === match?.[1])?.[1];
  const projectId = str(snapshot.projectId);
  if (!match || !kind || !projectId) return previous;
  const status = str(snapshot.status) ?? str(snapshot.approvalStatus) ?? '';
  // A rejected timecard comes back when approved again (Procore reopens it); a deleted one does not.
  const voided = (previous?.voided === true && kind !== 'timecard') || match[2] === 'Voided' || status === 'deleted' || status === 'void';
  return {
    kind, projectId, label: labelOf(kind, snapshot), version, voided,
    effective: !voided && COUNTING[kind].has(status),
    lines: kind === 'timecard' ? timecardLine(snapshot) : linesOf(snapshot),
    budget: null,
    ...(kind === 'owner_invoice' ? { released: cents(snapshot.retainageReleased) } : {}),
    ...(kind === 'subcontractor_invoice' && str(snapshot.commitmentId) ? { commitmentId: str(snapshot.commitmentId) } : {}),
  };
};
