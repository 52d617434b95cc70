import type { QbdSandbox } from '../qbd/index.js';
import { el, textOf } from '../qbd/qbxml/xml.js';
import type { QuickBooksSandbox } from '../quickbooks/index.js';
import type { XeroSandbox } from '../xero/index.js';
import type { StoryBookkeeper } from './sample-story.js';

type QboBill = { Id: string; DocNumber?: string; Balance: number };
type XeroBill = { InvoiceID: string; Type: string; InvoiceNumber?: string; AmountDue: number; Status: string };

/** Wire amounts in dollars from whole cents: exact for the sandboxes, which read two decimals. */
const dollars = (cents: number): number => cents / 100;

/** QuickBooks Online: a bill payment by check (the sandbox's CompanyAdmin fires its webhook). */
export const quickBooksBookkeeper = (quickbooks: QuickBooksSandbox): StoryBookkeeper => {
  const bill = (number: string) => (quickbooks.company().list('Bill') as unknown as QboBill[]).find((b) => b.DocNumber === number);
  return {
    books: 'QuickBooks Online',
    balanceDue: (number) => {
      const found = bill(number);
      return found ? Math.round(found.Balance * 100) : undefined;
    },
    payBill: (number, cents) => {
      quickbooks.company().payBill(bill(number)!.Id, dollars(cents));
    },
  };
};

/** Xero: a payment recorded by hand against the ACCPAY invoice (Xero has no payments webhook: the hub polls). */
export const xeroBookkeeper = (xero: XeroSandbox, tenantId = xero.state.tenantId): StoryBookkeeper => {
  const bill = (number: string) => (xero.state.invoices(tenantId) as unknown as XeroBill[])
    .find((i) => i.Type === 'ACCPAY' && i.InvoiceNumber === number && i.Status !== 'DELETED' && i.Status !== 'VOIDED');
  return {
    books: 'Xero',
    balanceDue: (number) => {
      const found = bill(number);
      return found ? Math.round(found.AmountDue * 100) : undefined;
    },
    payBill: (number, cents) => {
      const paid = xero.state.recordPayment({ InvoiceID: bill(number)!.InvoiceID, Amount: dollars(cents) }, tenantId);
      if (!paid.ok) throw new Error(`Xero refused the payment: ${paid.errors.join('; ')}`);
    },
  };
};

/**
 * QuickBooks Desktop: a bill payment entered at the desk (the company file the Web Connector
 * opens). `qbd` is a getter: the company exists once the Web Connector has its .qwc.
 */
export const qbdBookkeeper = (qbd: () => QbdSandbox | undefined, today: () => string = () => new Date().toISOString().slice(0, 10)): StoryBookkeeper => {
  const bill = (number: string) => qbd()?.company.txnsOf('Bill').find((b) => textOf(el('Bill', b.fields), 'RefNumber') === number);
  return {
    books: 'QuickBooks Desktop',
    balanceDue: (number) => {
      const found = bill(number);
      return found ? Number(found.total - found.applied) : undefined;
    },
    payBill: (number, cents) => {
      qbd()!.bookkeeper.payBill(bill(number)!.txnId, BigInt(cents), today());
    },
  };
};
