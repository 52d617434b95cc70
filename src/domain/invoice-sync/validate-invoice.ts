import type { SubcontractorInvoiceSnapshot } from '../documents/snapshots.js';
import { costCodeLabel } from '../mapping/cost-code.js';
import type { Cents } from '../shared/money.js';
import { addMoney, formatMoney, percentOf, subtractMoney, sumBy, ZERO } from '../shared/money.js';
import type { CommittedCost } from './invoice-sync.inputs.js';

/** A broken rule of the invoice; `field` is a path into the snapshot. */
export interface ValidationFailure {
  readonly field: string;
  readonly message: string;
}

/** QBO DocNumber holds at most 21 characters. */
export const DOC_NUMBER_MAX = 21;

/** The vendor's invoice number; without one, "{commitment}-{requisition number}". */
export const docNumberOf = (invoice: SubcontractorInvoiceSnapshot): string =>
  invoice.invoiceNumber?.trim() || `${invoice.commitmentId}-${invoice.number}`;

const money = formatMoney;

const checkTotals = (invoice: SubcontractorInvoiceSnapshot): ValidationFailure[] => {
  const gross = sumBy(invoice.lines, (l) => l.amount);
  const retainage = sumBy(invoice.lines, (l) => l.retainage);
  const net = subtractMoney(invoice.grossAmount, invoice.retainageAmount);
  return [
    ...(invoice.lines.length === 0 ? [{ field: 'lines', message: 'the invoice has no lines' }] : []),
    ...(gross === invoice.grossAmount ? [] : [{ field: 'grossAmount', message: `the lines sum to ${money(gross)} but the invoice's gross amount is ${money(invoice.grossAmount)}` }]),
    ...(retainage === invoice.retainageAmount ? [] : [{ field: 'retainageAmount', message: `the lines' retainage sums to ${money(retainage)} but the invoice's retainage is ${money(invoice.retainageAmount)}` }]),
    ...(net === invoice.netAmount ? [] : [{ field: 'netAmount', message: `gross ${money(invoice.grossAmount)} less retainage ${money(invoice.retainageAmount)} is ${money(net)}, not the net amount ${money(invoice.netAmount)}` }]),
  ];
};

const PERCENT = /^\d{1,3}(?:\.\d{1,2}0*)?$/;

/**
 * Each line retains the retainage percent of its amount, give or take a cent of rounding. The
 * line's retainage is net of what it releases, so a release is added back before comparing.
 */
const checkRetainage = (invoice: SubcontractorInvoiceSnapshot): ValidationFailure[] => {
  const percent = invoice.retainagePercent?.trim() ?? null;
  if (percent === null) return [];
  if (!PERCENT.test(percent)) return [{ field: 'retainagePercent', message: `${JSON.stringify(percent)} is not a percentage` }];
  return invoice.lines.flatMap((line, i) => {
    const expected = percentOf(line.amount, percent);
    if (Math.abs(expected - addMoney(line.retainage, line.released ?? ZERO)) <= 1) return [];
    const label = costCodeLabel(line.costCode, line.costType);
    return [{ field: `lines[${i}].retainage`, message: `retainage ${money(line.retainage)} on ${label} is not ${percent}% of ${money(line.amount)} (${money(expected)})` }];
  });
};

const key = (costCode: string, costType: string | null): string => `${costCode}/${costType ?? ''}`;

/** Billed to date on a cost code and type (other invoices plus this one) may not exceed the commitment. */
const checkCommitment = (invoice: SubcontractorInvoiceSnapshot, commitment: readonly CommittedCost[] | null): ValidationFailure[] => {
  if (commitment === null) return [];
  const allowed = new Map<string, { committed: Cents; billedBefore: Cents }>();
  for (const c of commitment) {
    const seen = allowed.get(key(c.costCode, c.costType));
    allowed.set(key(c.costCode, c.costType), seen === undefined ? c : { committed: addMoney(seen.committed, c.committed), billedBefore: addMoney(seen.billedBefore, c.billedBefore) });
  }
  const billed = new Map<string, { amount: Cents; index: number; label: string }>();
  invoice.lines.forEach((line, index) => {
    const seen = billed.get(key(line.costCode, line.costType));
    const label = costCodeLabel(line.costCode, line.costType);
    billed.set(key(line.costCode, line.costType), { amount: addMoney(seen?.amount ?? ZERO, line.amount), index: seen?.index ?? index, label });
  });
  return [...billed].flatMap(([k, b]) => {
    const c = allowed.get(k);
    if (c === undefined) return b.amount > 0 ? [{ field: `lines[${b.index}].costCode`, message: `${b.label} is not on the commitment` }] : [];
    const toDate = addMoney(c.billedBefore, b.amount);
    if (toDate <= c.committed) return [];
    return [{ field: `lines[${b.index}].amount`, message: `${b.label}: billed to date ${money(toDate)} (${money(c.billedBefore)} before, ${money(b.amount)} on this invoice) exceeds the committed ${money(c.committed)}` }];
  });
};

const checkDocNumber = (invoice: SubcontractorInvoiceSnapshot): ValidationFailure[] => {
  const docNumber = docNumberOf(invoice);
  return docNumber.length <= DOC_NUMBER_MAX ? [] : [{ field: 'invoiceNumber', message: `"${docNumber}" is longer than the books' ${DOC_NUMBER_MAX} characters for an invoice number` }];
};

/** The invoice's own rules: totals add up, retainage matches its percent, within the commitment. */
export const validateInvoice = (invoice: SubcontractorInvoiceSnapshot, commitment: readonly CommittedCost[] | null): ValidationFailure[] => [
  ...checkTotals(invoice),
  ...checkRetainage(invoice),
  ...checkCommitment(invoice, commitment),
  ...checkDocNumber(invoice),
];
