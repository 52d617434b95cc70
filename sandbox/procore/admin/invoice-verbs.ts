import type { ContractLine, Id, InvoiceLine, PaymentApplication, PaymentApplicationStatus, Requisition, RequisitionStatus } from '../data/model.js';
import { PAYMENT_APPLICATION_STATUSES, REQUISITION_STATUSES } from '../data/model.js';
import { requisitionLedger } from '../data/ledger.js';
import { formatCents, parseCents } from '../data/money.js';
import type { ProcoreStore } from '../data/store.js';
import { badRequest, notFound, unprocessable } from '../http/errors.js';
import { RESOURCE } from '../webhooks/resources.js';

/**
 * A new amount for one invoice line, named by the line's id or by its SOV line (`lineItemId`);
 * on a requisition, also retainage released on the line this period (left as it is when absent).
 */
export interface LineAmount { readonly itemId?: Id; readonly lineItemId?: Id; readonly amount?: string; readonly retainageReleased?: string }

export interface NewInvoice {
  readonly invoiceNumber?: string;
  readonly billingDate?: string;
  readonly periodStart?: string;
  readonly periodEnd?: string;
  /** Lines not listed are billed at 0.00, as Procore creates a row for every SOV line. */
  readonly lines?: readonly LineAmount[];
}

export const centsOrThrow = (value: unknown, name: string): number => {
  const cents = parseCents(value);
  if (cents === null) throw badRequest(`${name} must be a decimal amount such as "1250.00"`, { [name]: ['is not a decimal amount'] });
  return cents;
};

/** Checks every change before applying any, so a bad request leaves the invoice untouched. */
const applyAmounts = (lines: InvoiceLine[], changes: readonly LineAmount[]): void => {
  const resolved = changes.map((change) => {
    const line = lines.find((l) => l.id === change.itemId || l.contractLineId === change.lineItemId);
    if (!line) throw unprocessable(`No invoice line ${change.itemId ?? change.lineItemId ?? '(unnamed)'} on this invoice`);
    return {
      line, cents: change.amount === undefined ? line.thisPeriodCents : centsOrThrow(change.amount, 'amount'),
      released: change.retainageReleased === undefined ? line.releasedCents : centsOrThrow(change.retainageReleased, 'retainage_released'),
    };
  });
  for (const { line, cents, released } of resolved) {
    line.thisPeriodCents = cents;
    if (released !== undefined) line.releasedCents = released;
  }
};

/**
 * Procore releases no more retainage on a line than it holds to date (earlier invoices'
 * retainage less their releases, plus this one's): checked before anything is stored.
 */
const assertReleases = (store: ProcoreStore, requisition: Requisition): void => {
  for (const row of requisitionLedger(store, requisition).lines) {
    const held = row.retainagePreviousCents + row.retainageThisCents;
    if (row.releasedThisCents < 0 || row.releasedThisCents > held) {
      throw unprocessable(`Retainage released on line ${row.sov.id} (${formatCents(row.releasedThisCents)}) must be between 0.00 and the ${formatCents(held)} held to date`);
    }
  }
};

const assertStatus = (statuses: readonly string[], status: string): void => {
  if (!statuses.includes(status)) throw badRequest(`status must be one of ${statuses.join(', ')}`);
};

const newLines = (store: ProcoreStore, sov: readonly ContractLine[], amounts: readonly LineAmount[] = []): InvoiceLine[] => {
  const lines = sov.map((s) => ({ id: store.nextId(), contractLineId: s.id, thisPeriodCents: 0 }));
  applyAmounts(lines, amounts);
  return lines;
};

/** Billing date defaults to today and the period to its calendar month. */
const period = (store: ProcoreStore, input: NewInvoice) => {
  const today = store.timestamp().slice(0, 10);
  const billingDate = input.billingDate ?? today;
  const start = input.periodStart ?? `${billingDate.slice(0, 8)}01`;
  const end = input.periodEnd ?? billingDate;
  return { billingDate, periodStart: start, periodEnd: end };
};

const NO_ORIGIN = { originId: null, originData: null, originCode: null } as const;

export const createRequisition = (store: ProcoreStore, commitmentId: Id, input: NewInvoice = {}): Requisition => {
  const commitment = store.live(store.commitments, commitmentId);
  if (!commitment) throw notFound('Commitment');
  if (commitment.status !== 'Approved' && commitment.status !== 'Complete') {
    throw unprocessable(`Commitment ${commitment.number} is ${commitment.status}; invoices need an approved commitment`);
  }
  const siblings = [...store.requisitions.values()].filter((r) => r.commitmentId === commitmentId);
  const number = Math.max(0, ...siblings.map((r) => r.number)) + 1;
  const requisition: Requisition = {
    ...store.audit(), ...NO_ORIGIN, commitmentId, number, invoiceNumber: input.invoiceNumber ?? `${commitment.number}-${number}`,
    status: 'draft', ...period(store, input), submittedAt: null, items: newLines(store, commitment.lines, input.lines),
  };
  assertReleases(store, requisition);
  store.requisitions.set(requisition.id, requisition);
  store.changed(requisition, RESOURCE.requisitions, 'create', store.project.id);
  return requisition;
};

const liveRequisition = (store: ProcoreStore, id: Id): Requisition => {
  const requisition = store.live(store.requisitions, id);
  if (!requisition) throw notFound('Requisition');
  return requisition;
};

export const setRequisitionStatus = (store: ProcoreStore, id: Id, status: string): Requisition => {
  assertStatus(REQUISITION_STATUSES, status);
  const requisition = liveRequisition(store, id);
  requisition.status = status as RequisitionStatus;
  if (status === 'under_review') requisition.submittedAt = store.timestamp();
  store.changed(requisition, RESOURCE.requisitions, 'update', store.project.id);
  return requisition;
};

/** New amounts, and by default back to "revise_and_resubmit" (the reviewer's request for changes). */
export const reviseRequisition = (store: ProcoreStore, id: Id, input: { lines?: readonly LineAmount[]; status?: string } = {}): Requisition => {
  const status = input.status ?? 'revise_and_resubmit';
  assertStatus(REQUISITION_STATUSES, status);
  const requisition = liveRequisition(store, id);
  const items = requisition.items.map((l) => ({ ...l }));
  applyAmounts(items, input.lines ?? []);
  assertReleases(store, { ...requisition, items });
  requisition.items = items;
  return setRequisitionStatus(store, id, status);
};

export const deleteRequisition = (store: ProcoreStore, id: Id): void => {
  store.changed(liveRequisition(store, id), RESOURCE.requisitions, 'delete', store.project.id);
};

export const createPaymentApplication = (store: ProcoreStore, input: NewInvoice & { primeContractId?: Id; retainageReleased?: string } = {}): PaymentApplication => {
  const prime = input.primeContractId === undefined ? [...store.primeContracts.values()][0] : store.live(store.primeContracts, input.primeContractId);
  if (!prime) throw notFound('Prime Contract');
  const siblings = [...store.paymentApplications.values()].filter((a) => a.primeContractId === prime.id);
  const number = Math.max(0, ...siblings.map((a) => a.number)) + 1;
  const application: PaymentApplication = {
    ...store.audit(), ...NO_ORIGIN, primeContractId: prime.id, number, invoiceNumber: input.invoiceNumber ?? `${prime.number}-${number}`,
    status: 'draft', ...period(store, input), lines: newLines(store, prime.lines, input.lines),
    retainageReleasedCents: input.retainageReleased === undefined ? 0 : centsOrThrow(input.retainageReleased, 'retainage_released'),
  };
  store.paymentApplications.set(application.id, application);
  store.changed(application, RESOURCE.paymentApplications, 'create', store.project.id);
  return application;
};

const liveApplication = (store: ProcoreStore, id: Id): PaymentApplication => {
  const application = store.live(store.paymentApplications, id);
  if (!application) throw notFound('Payment Application');
  return application;
};

export const setPaymentApplicationStatus = (store: ProcoreStore, id: Id, status: string): PaymentApplication => {
  assertStatus(PAYMENT_APPLICATION_STATUSES, status);
  const application = liveApplication(store, id);
  application.status = status as PaymentApplicationStatus;
  store.changed(application, RESOURCE.paymentApplications, 'update', store.project.id);
  return application;
};

export const revisePaymentApplication = (store: ProcoreStore, id: Id, input: { lines?: readonly LineAmount[]; status?: string } = {}): PaymentApplication => {
  const status = input.status ?? 'revise_and_resubmit';
  assertStatus(PAYMENT_APPLICATION_STATUSES, status);
  applyAmounts(liveApplication(store, id).lines, input.lines ?? []);
  return setPaymentApplicationStatus(store, id, status);
};

export const deletePaymentApplication = (store: ProcoreStore, id: Id): void => {
  store.changed(liveApplication(store, id), RESOURCE.paymentApplications, 'delete', store.project.id);
};
