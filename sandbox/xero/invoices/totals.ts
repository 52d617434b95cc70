import type { Cents } from '../support/money.js';
import type { InvoiceRec } from '../org/model.js';

export interface Totals {
  readonly subTotal: Cents;
  readonly totalTax: Cents;
  readonly total: Cents;
  readonly totalDiscount: Cents;
  readonly amountDue: Cents;
}

/** Document totals in cents. Inclusive lines already contain their tax; voided/deleted documents owe nothing. */
export const totalsOf = (invoice: Pick<InvoiceRec, 'lines' | 'LineAmountTypes' | 'paidCents' | 'creditedCents' | 'Status'>): Totals => {
  const lineSum = invoice.lines.reduce((sum, l) => sum + l.lineCents, 0);
  const totalTax = invoice.LineAmountTypes === 'NoTax' ? 0 : invoice.lines.reduce((sum, l) => sum + l.taxCents, 0);
  const subTotal = invoice.LineAmountTypes === 'Inclusive' ? lineSum - totalTax : lineSum;
  const total = subTotal + totalTax;
  const totalDiscount = invoice.lines.reduce((sum, l) => sum + l.discountCents, 0);
  const cancelled = invoice.Status === 'VOIDED' || invoice.Status === 'DELETED';
  return { subTotal, totalTax, total, totalDiscount, amountDue: cancelled ? 0 : total - invoice.paidCents - (invoice.creditedCents ?? 0) };
};
