import { dateString, dayToMs, legacyDate } from '../support/dates.js';
import { fromCents, fromScaled4 } from '../support/money.js';
import type { LedgerDocRec, LineRec } from '../org/model.js';
import type { Organisation } from '../org/organisation.js';
import { totalsOf } from '../invoices/totals.js';
import { remainingCredit } from './allocations.js';
import { CREDIT_NOTES, type LedgerKind } from './ledger-rules.js';

const lineView = (line: LineRec) => ({
  LineItemID: line.LineItemID,
  Description: line.Description,
  Quantity: fromScaled4(line.quantity4),
  UnitAmount: Math.round(line.unit4 / 100) / 100,
  ...(line.ItemCode !== undefined ? { ItemCode: line.ItemCode } : {}),
  ...(line.AccountCode !== undefined ? { AccountCode: line.AccountCode } : {}),
  TaxType: line.TaxType,
  TaxAmount: fromCents(line.taxCents),
  LineAmount: fromCents(line.lineCents),
  Tracking: line.Tracking.map((t) => ({ ...t })),
});

/** A credit note or purchase order as Xero renders it: money as decimals, dates legacy and ISO. */
export const ledgerView = (doc: LedgerDocRec, kind: LedgerKind, org: Organisation): Record<string, unknown> => {
  const totals = totalsOf({ ...doc, paidCents: 0, Status: 'DRAFT' });
  const contact = org.data.contacts.get(doc.ContactID);
  return {
    [kind.idKey]: doc.id,
    ...(doc.Type ? { Type: doc.Type } : {}),
    [kind.numberKey]: doc.Number ?? '',
    ...(kind !== CREDIT_NOTES || doc.Type === 'ACCRECCREDIT' ? { Reference: doc.Reference ?? '' } : {}),
    Contact: { ContactID: doc.ContactID, Name: contact?.Name ?? '', ...(contact?.ContactNumber ? { ContactNumber: contact.ContactNumber } : {}) },
    Date: legacyDate(dayToMs(doc.Date)),
    DateString: dateString(doc.Date),
    ...(doc.DeliveryDate ? { DeliveryDate: legacyDate(dayToMs(doc.DeliveryDate)), DeliveryDateString: dateString(doc.DeliveryDate) } : {}),
    Status: doc.Status,
    LineAmountTypes: doc.LineAmountTypes,
    LineItems: doc.lines.map(lineView),
    SubTotal: fromCents(totals.subTotal),
    TotalTax: fromCents(totals.totalTax),
    Total: fromCents(totals.total),
    ...(kind === CREDIT_NOTES ? {
      RemainingCredit: fromCents(remainingCredit(doc)),
      Allocations: (doc.allocations ?? []).map((a) => ({
        AllocationID: a.AllocationID, Amount: fromCents(a.amountCents), Date: legacyDate(dayToMs(a.Date)),
        Invoice: { InvoiceID: a.InvoiceID, InvoiceNumber: org.data.invoices.get(a.InvoiceID)?.InvoiceNumber ?? '' },
      })),
    } : {}),
    CurrencyCode: doc.CurrencyCode,
    HasAttachments: false,
    UpdatedDateUTC: legacyDate(doc.updatedMs),
  };
};
