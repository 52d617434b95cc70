import { dateString, dayToMs, legacyDate } from '../support/dates.js';
import { fromCents, fromScaled4 } from '../support/money.js';
import type { InvoiceRec, LineRec } from '../org/model.js';
import type { Organisation } from '../org/organisation.js';
import { totalsOf } from './totals.js';

/** Renders stored invoices as Xero's JSON: money as decimals, dates in both legacy and ISO form. */
const lineView = (line: LineRec, unitDp: 2 | 4) => ({
  LineItemID: line.LineItemID,
  Description: line.Description,
  Quantity: fromScaled4(line.quantity4),
  UnitAmount: unitDp === 4 ? fromScaled4(line.unit4) : Math.round(line.unit4 / 100) / 100,
  ...(line.ItemCode !== undefined ? { ItemCode: line.ItemCode } : {}),
  ...(line.AccountCode !== undefined ? { AccountCode: line.AccountCode } : {}),
  TaxType: line.TaxType,
  TaxAmount: fromCents(line.taxCents),
  LineAmount: fromCents(line.lineCents),
  ...(line.discountRate100 !== undefined ? { DiscountRate: line.discountRate100 / 100 } : {}),
  ...(line.discountCents !== 0 && line.discountRate100 === undefined ? { DiscountAmount: fromCents(line.discountCents) } : {}),
  Tracking: line.Tracking.map((t) => ({ ...t })),
});

const paymentsOf = (invoice: InvoiceRec, org: Organisation) => invoice.paymentIds.flatMap((id) => {
  const p = org.data.payments.get(id);
  if (!p || p.Status !== 'AUTHORISED') return [];
  return [{ PaymentID: p.PaymentID, Date: legacyDate(dayToMs(p.Date)), Amount: fromCents(p.amountCents), Reference: p.Reference ?? '' }];
});

const contactOf = (invoice: InvoiceRec, org: Organisation) => {
  const contact = org.data.contacts.get(invoice.ContactID);
  return { ContactID: invoice.ContactID, Name: contact?.Name ?? '', ...(contact?.ContactNumber ? { ContactNumber: contact.ContactNumber } : {}) };
};

export const invoiceView = (invoice: InvoiceRec, org: Organisation, unitDp: 2 | 4 = 2): Record<string, unknown> => {
  const totals = totalsOf(invoice);
  return {
    Type: invoice.Type,
    InvoiceID: invoice.InvoiceID,
    InvoiceNumber: invoice.InvoiceNumber ?? '',
    ...(invoice.Type === 'ACCREC' ? { Reference: invoice.Reference ?? '' } : {}),
    Contact: contactOf(invoice, org),
    Date: legacyDate(dayToMs(invoice.Date)),
    DateString: dateString(invoice.Date),
    ...(invoice.DueDate ? { DueDate: legacyDate(dayToMs(invoice.DueDate)), DueDateString: dateString(invoice.DueDate) } : {}),
    Status: invoice.Status,
    LineAmountTypes: invoice.LineAmountTypes,
    LineItems: invoice.lines.map((l) => lineView(l, unitDp)),
    SubTotal: fromCents(totals.subTotal),
    TotalTax: fromCents(totals.totalTax),
    Total: fromCents(totals.total),
    ...(invoice.Type === 'ACCREC' ? { TotalDiscount: fromCents(totals.totalDiscount) } : {}),
    AmountDue: fromCents(totals.amountDue),
    AmountPaid: fromCents(invoice.paidCents),
    AmountCredited: fromCents(invoice.creditedCents ?? 0),
    CurrencyCode: invoice.CurrencyCode,
    CurrencyRate: 1,
    ...(invoice.fullyPaidOn ? { FullyPaidOnDate: legacyDate(dayToMs(invoice.fullyPaidOn)) } : {}),
    ...(invoice.Url ? { Url: invoice.Url } : {}),
    Payments: paymentsOf(invoice, org),
    HasAttachments: false,
    IsDiscounted: totals.totalDiscount !== 0,
    UpdatedDateUTC: legacyDate(invoice.updatedMs),
  };
};
