import { formatMoney, type Cents } from '../../domain/shared/money.js';
import { allocate } from './allocate.js';
import type { RetainageLine } from './retainage-lines.js';

/**
 * Retainage figures in cents. retained: withheld on the approved invoices at gross; released:
 * released by later invoices; paid: payments on an invoice beyond its work net of retainage
 * (up to what it retained and released), of which what the commitment's releases cover is
 * paid on release and the rest paidBeforeRelease; held = retained − released − paidBeforeRelease;
 * outstanding = retained − paid.
 */
export interface RetainageSums {
  readonly retained: number;
  readonly released: number;
  readonly held: number;
  readonly paid: number;
  readonly paidBeforeRelease: number;
  readonly outstanding: number;
}

export interface RetainageCostLine extends RetainageSums {
  readonly costCode: string;
  readonly costType: string;
}

/**
 * What disagrees on a commitment, with both amounts: paid_over_net_due (paid, against the net
 * due of its invoices) or retainage_paid_before_release (retainage paid, against what was released).
 */
export interface RetainageDiscrepancy {
  readonly reason: 'paid_over_net_due' | 'retainage_paid_before_release';
  readonly detail: string;
  readonly paid: number;
  readonly due: number;
  /** The invoices paid beyond their work net of retainage. */
  readonly documents: readonly string[];
}

export interface CommitmentRetainage extends RetainageSums {
  readonly connection: string;
  readonly projectId: string;
  readonly commitmentId: string;
  /** The commitment as a bookkeeper knows it (number and vendor); its id when the hub has not seen it. */
  readonly label: string;
  readonly invoices: number;
  /** Work billed at gross less retained plus released: what its approved invoices made payable. */
  readonly netDue: number;
  /** Bill payments on its invoices in the books. */
  readonly paidAmount: number;
  readonly costCodes: readonly RetainageCostLine[];
  readonly discrepancies: readonly RetainageDiscrepancy[];
}

/** What the report reads of each approved subcontractor invoice. */
export interface RetainageInvoice {
  readonly document: string;
  readonly connection: string;
  readonly projectId: string;
  readonly commitmentId: string | null;
  readonly paidAmount: number;
  readonly retainage: readonly RetainageLine[];
}

const sum = <T>(items: readonly T[], f: (item: T) => number): number => items.reduce((s, i) => s + f(i), 0);

const groupBy = <T>(items: readonly T[], key: (item: T) => string): T[][] => {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.values()];
};

/** Payments pay an invoice's work net of retainage first; beyond that they pay retainage, up to what it retained and released. */
const retainagePaidOn = (i: RetainageInvoice): number => {
  const workNet = sum(i.retainage, (l) => l.work - l.retained);
  const cap = Math.max(sum(i.retainage, (l) => l.retained + l.released), 0);
  return Math.min(Math.max(i.paidAmount - workNet, 0), cap);
};

interface PaidLine extends RetainageLine { readonly paid: number }

const paidLines = (i: RetainageInvoice): PaidLine[] => {
  const shares = allocate(retainagePaidOn(i), i.retainage.map((l) => l.retained + l.released));
  return i.retainage.map((l, n) => ({ ...l, paid: shares[n]! }));
};

const sums = (retained: number, released: number, releasePaid: number, early: number): RetainageSums => ({
  retained, released, held: retained - released - early, paid: releasePaid + early, paidBeforeRelease: early, outstanding: retained - releasePaid - early,
});

/**
 * A commitment's cost codes: what its totals paid on release and before release, spread
 * over the codes by what each released and by what each was paid beyond its release, so the
 * codes add up to the commitment exactly.
 */
const costLines = (lines: readonly PaidLine[], releasePaid: number, early: number): RetainageCostLine[] => {
  const codes = groupBy(lines, (l) => `${l.costCode}\u001f${l.costType}`)
    .map((g) => ({ costCode: g[0]!.costCode, costType: g[0]!.costType, retained: sum(g, (l) => l.retained), released: sum(g, (l) => l.released), paid: sum(g, (l) => l.paid) }))
    .sort((a, b) => a.costCode.localeCompare(b.costCode) || a.costType.localeCompare(b.costType));
  const onRelease = allocate(releasePaid, codes.map((c) => Math.max(c.released, 0)));
  const beyond = codes.map((c) => Math.max(c.paid - Math.max(c.released, 0), 0));
  const before = allocate(early, beyond.some((b) => b > 0) ? beyond : codes.map((c) => c.paid));
  // A code with no retainage at all (a schedule-of-values line not billed that period) is left out.
  return codes.map((c, n) => ({ costCode: c.costCode, costType: c.costType, ...sums(c.retained, c.released, onRelease[n]!, before[n]!) }))
    .filter((l) => l.retained !== 0 || l.released !== 0 || l.paid !== 0);
};

const money = (cents: number): string => formatMoney(cents as Cents);

const discrepanciesOf = (invoices: readonly RetainageInvoice[], totals: { paidAmount: number; netDue: number; paid: number; released: number; early: number }): RetainageDiscrepancy[] => {
  const documents = invoices.filter((i) => retainagePaidOn(i) > 0).map((i) => i.document).sort();
  const found: RetainageDiscrepancy[] = [];
  if (totals.paidAmount > totals.netDue) {
    found.push({ reason: 'paid_over_net_due', detail: `paid ${money(totals.paidAmount)} against a net due of ${money(totals.netDue)}`, paid: totals.paidAmount, due: totals.netDue, documents });
  }
  if (totals.early > 0) {
    found.push({
      reason: 'retainage_paid_before_release', paid: totals.paid, due: Math.max(totals.released, 0), documents,
      detail: `retainage ${money(totals.paid)} paid, ${money(Math.max(totals.released, 0))} released: ${money(totals.early)} paid before its release`,
    });
  }
  return found;
};

const commitmentOf = (invoices: readonly RetainageInvoice[], labels: ReadonlyMap<string, string>): CommitmentRetainage => {
  const { connection, projectId } = invoices[0]!;
  const commitmentId = invoices[0]!.commitmentId ?? '';
  const lines = invoices.flatMap(paidLines);
  const retained = sum(lines, (l) => l.retained);
  const released = sum(lines, (l) => l.released);
  const paid = sum(lines, (l) => l.paid);
  const releasePaid = Math.min(paid, Math.max(released, 0));
  const netDue = sum(lines, (l) => l.work - l.retained + l.released);
  const paidAmount = sum(invoices, (i) => i.paidAmount);
  return {
    connection, projectId, commitmentId, label: labels.get(`${connection}\u001f${commitmentId}`) ?? `Commitment ${commitmentId}`,
    invoices: invoices.length, netDue, paidAmount, ...sums(retained, released, releasePaid, paid - releasePaid),
    costCodes: costLines(lines, releasePaid, paid - releasePaid),
    discrepancies: discrepanciesOf(invoices, { paidAmount, netDue, paid, released, early: paid - releasePaid }),
  };
};

/**
 * Retainage per commitment and, within it, per cost code and type. Retainage released on a
 * later invoice may be paid on any of the commitment's bills (under gross-open the earlier
 * bills hold it open), so what is paid before release is judged per commitment, not per bill.
 * `labels` names commitments by connection and id.
 */
export const retainageByCommitment = (invoices: readonly RetainageInvoice[], labels: ReadonlyMap<string, string>): CommitmentRetainage[] =>
  groupBy(invoices, (i) => [i.connection, i.projectId, i.commitmentId ?? ''].join('\u001f')).map((g) => commitmentOf(g, labels))
    .sort((a, b) => a.connection.localeCompare(b.connection) || a.projectId.localeCompare(b.projectId) || a.commitmentId.localeCompare(b.commitmentId));
