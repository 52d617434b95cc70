import { dayToMs, legacyDate } from '../support/dates.js';
import { fromCents } from '../support/money.js';
import type { PaymentRec } from '../org/model.js';
import type { Organisation } from '../org/organisation.js';

export const paymentView = (payment: PaymentRec, org: Organisation): Record<string, unknown> => {
  const invoice = org.data.invoices.get(payment.InvoiceID);
  const account = org.data.accounts.get(payment.AccountID);
  const contact = invoice && org.data.contacts.get(invoice.ContactID);
  return {
    PaymentID: payment.PaymentID,
    Date: legacyDate(dayToMs(payment.Date)),
    Amount: fromCents(payment.amountCents),
    BankAmount: fromCents(payment.amountCents),
    CurrencyRate: 1,
    Reference: payment.Reference ?? '',
    IsReconciled: payment.IsReconciled,
    Status: payment.Status,
    PaymentType: payment.PaymentType,
    UpdatedDateUTC: legacyDate(payment.updatedMs),
    Account: { AccountID: payment.AccountID, Code: account?.Code ?? '' },
    Invoice: {
      InvoiceID: payment.InvoiceID, InvoiceNumber: invoice?.InvoiceNumber ?? '', Type: invoice?.Type ?? '',
      Contact: { ContactID: invoice?.ContactID ?? '', Name: contact?.Name ?? '' },
    },
    HasAccount: true,
    HasValidationErrors: false,
  };
};
