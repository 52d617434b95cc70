import type { ContractLine, InvoiceLine, PaymentApplication, Requisition } from './model.js';
import { type BasisPoints, type Cents, percentOf, sum } from './money.js';
import type { ProcoreStore } from './store.js';

/** One G703 continuation-sheet row, in cents. */
export interface LedgerLine {
  readonly line: InvoiceLine;
  readonly sov: ContractLine;
  readonly scheduledCents: Cents;
  readonly previousCents: Cents;
  readonly thisCents: Cents;
  /** Retainage held on the line from earlier invoices: retained less released. */
  readonly retainagePreviousCents: Cents;
  readonly retainageThisCents: Cents;
  readonly releasedThisCents: Cents;
}

/** The G702 application-for-payment totals, in cents. */
export interface Ledger {
  readonly lines: readonly LedgerLine[];
  readonly rate: BasisPoints;
  readonly originalCents: Cents;
  readonly changeOrdersCents: Cents;
  readonly contractToDateCents: Cents;
  readonly completedCents: Cents;
  readonly retainageCents: Cents;
  readonly earnedLessRetainageCents: Cents;
  readonly previousCertificatesCents: Cents;
  readonly currentDueCents: Cents;
  readonly balanceCents: Cents;
}

interface Billing { readonly lines: readonly InvoiceLine[]; readonly releasedCents: Cents }

interface LedgerInput {
  readonly sov: readonly ContractLine[];
  readonly approvedChangeLines: readonly ContractLine[];
  readonly rate: BasisPoints;
  readonly previous: readonly Billing[];
  readonly current: Billing;
}

/**
 * G702/G703 arithmetic. Retainage is rounded per line per invoice so that the sheet's rows
 * add up to the summary exactly; earlier invoices count as "previous" whatever their status.
 */
export const computeLedger = (input: LedgerInput): Ledger => {
  const lines = input.current.lines.flatMap((line) => {
    const sov = input.sov.find((s) => s.id === line.contractLineId);
    return sov ? [ledgerLine(input, line, sov)] : [];
  });
  const previousLines = input.previous.flatMap((b) => b.lines);
  const previousCompleted = sum(previousLines.map((l) => l.thisPeriodCents));
  const previousReleased = sum(input.previous.map((b) => b.releasedCents));
  const previousRetainage = sum(previousLines.map((l) => percentOf(l.thisPeriodCents, input.rate))) - previousReleased;
  const originalCents = sum(input.sov.map((s) => s.amountCents));
  const changeOrdersCents = sum(input.approvedChangeLines.map((s) => s.amountCents));
  const contractToDateCents = originalCents + changeOrdersCents;
  const completedCents = previousCompleted + sum(lines.map((l) => l.thisCents));
  const retainageCents = previousRetainage + sum(lines.map((l) => l.retainageThisCents)) - input.current.releasedCents;
  const earnedLessRetainageCents = completedCents - retainageCents;
  const previousCertificatesCents = previousCompleted - previousRetainage;
  return {
    lines, rate: input.rate, originalCents, changeOrdersCents, contractToDateCents, completedCents, retainageCents,
    earnedLessRetainageCents, previousCertificatesCents,
    currentDueCents: earnedLessRetainageCents - previousCertificatesCents,
    balanceCents: contractToDateCents - earnedLessRetainageCents,
  };
};

const ledgerLine = (input: LedgerInput, line: InvoiceLine, sov: ContractLine): LedgerLine => {
  const earlier = input.previous.flatMap((b) => b.lines).filter((l) => l.contractLineId === sov.id);
  const changes = input.approvedChangeLines.filter((c) => c.wbsCodeId === sov.wbsCodeId);
  return {
    line, sov,
    scheduledCents: sov.amountCents + sum(changes.map((c) => c.amountCents)),
    previousCents: sum(earlier.map((l) => l.thisPeriodCents)),
    thisCents: line.thisPeriodCents,
    retainagePreviousCents: sum(earlier.map((l) => percentOf(l.thisPeriodCents, input.rate) - (l.releasedCents ?? 0))),
    retainageThisCents: percentOf(line.thisPeriodCents, input.rate),
    releasedThisCents: line.releasedCents ?? 0,
  };
};

const approvedChangeLines = (store: ProcoreStore, kind: 'commitment' | 'prime', contractId: number): ContractLine[] =>
  [...store.changeOrders.values()]
    .filter((co) => co.kind === kind && co.contractId === contractId && co.status === 'approved' && co.deletedAt === null)
    .flatMap((co) => co.lines);

export const requisitionLedger = (store: ProcoreStore, requisition: Requisition): Ledger => {
  const commitment = store.commitments.get(requisition.commitmentId);
  const previous = [...store.requisitions.values()].filter((r) =>
    r.commitmentId === requisition.commitmentId && r.number < requisition.number && r.deletedAt === null);
  return computeLedger({
    sov: commitment?.lines ?? [], rate: commitment?.retainageRate ?? 0,
    approvedChangeLines: approvedChangeLines(store, 'commitment', requisition.commitmentId),
    // A requisition releases retainage line by line (G703), so its release is the sum of its lines'.
    previous: previous.map((r) => ({ lines: r.items, releasedCents: sum(r.items.map((l) => l.releasedCents ?? 0)) })),
    current: { lines: requisition.items, releasedCents: sum(requisition.items.map((l) => l.releasedCents ?? 0)) },
  });
};

export const paymentApplicationLedger = (store: ProcoreStore, application: PaymentApplication): Ledger => {
  const prime = store.primeContracts.get(application.primeContractId);
  const previous = [...store.paymentApplications.values()].filter((p) =>
    p.primeContractId === application.primeContractId && p.number < application.number && p.deletedAt === null);
  return computeLedger({
    sov: prime?.lines ?? [], rate: prime?.retainageRate ?? 0,
    approvedChangeLines: approvedChangeLines(store, 'prime', application.primeContractId),
    previous: previous.map((p) => ({ lines: p.lines, releasedCents: p.retainageReleasedCents })),
    current: { lines: application.lines, releasedCents: application.retainageReleasedCents },
  });
};
