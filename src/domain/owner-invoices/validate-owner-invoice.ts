import type { OwnerInvoiceSnapshot } from '../documents/snapshots.js';
import { costCodeLabel } from '../mapping/cost-code.js';
import { addMoney, formatMoney, subtractMoney, sumBy } from '../shared/money.js';
import { docNumberOf } from './owner-invoice.state.js';

const money = formatMoney;

/** QBO DocNumber holds at most 21 characters; the release invoice's number adds "-R". */
const DOC_NUMBER_MAX = 21;
export const RELEASE_SUFFIX = '-R';

/**
 * The owner invoice's own rules, each failure a sentence naming the field. Every invoice line
 * bills its work net of the retainage withheld on it, so no line may net below zero: the books
 * refuse negative invoice lines (QBO 2290).
 */
export const validateOwnerInvoice = (invoice: OwnerInvoiceSnapshot): string[] => {
  const gross = sumBy(invoice.lines, (l) => l.amount);
  const retained = sumBy(invoice.lines, (l) => l.retainage);
  const net = addMoney(subtractMoney(invoice.grossAmount, invoice.retainageRetained), invoice.retainageReleased);
  const docNumber = docNumberOf(invoice);
  const suffix = invoice.retainageReleased > 0 ? RELEASE_SUFFIX : '';
  return [
    ...(gross === invoice.grossAmount ? [] : [`grossAmount: the lines sum to ${money(gross)}, not ${money(invoice.grossAmount)}`]),
    ...(retained === invoice.retainageRetained ? [] : [`retainageRetained: the lines' retainage sums to ${money(retained)}, not ${money(invoice.retainageRetained)}`]),
    ...(net === invoice.netAmount ? [] : [`netAmount: gross less retained plus released is ${money(net)}, not ${money(invoice.netAmount)}`]),
    ...(invoice.retainageReleased < 0 ? [`retainageReleased: ${money(invoice.retainageReleased)} is below zero`] : []),
    ...invoice.lines.flatMap((l, i) => (l.amount - l.retainage >= 0 ? [] : [
      `lines[${i}]: ${costCodeLabel(l.costCode, l.costType)} nets to ${money(subtractMoney(l.amount, l.retainage))} after retainage; an invoice line can't be negative`,
    ])),
    ...(docNumber.length + suffix.length <= DOC_NUMBER_MAX ? [] : [`invoiceNumber: "${docNumber}${suffix}" is longer than the books' ${DOC_NUMBER_MAX} characters`]),
  ];
};
