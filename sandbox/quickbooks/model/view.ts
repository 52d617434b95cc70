import { paymentsApplyingTo } from '../rules/applications.js';
import type { Company, StoredEntity } from './company.js';
import { asDocs, refValue, type Doc } from './entity-types.js';
import { moneyOut } from './money.js';
import { withRefNames } from './ref-names.js';

const paymentLinks = (company: Company, stored: StoredEntity): Doc[] => {
  const seen = new Set<string>();
  const links: Doc[] = [];
  for (const { payment } of paymentsApplyingTo(company, stored.entity, String(stored.doc.Id))) {
    const id = String(payment.doc.Id);
    if (seen.has(id)) continue;
    seen.add(id);
    const txnType = payment.entity === 'Payment' ? 'Payment' : payment.doc.PayType === 'CreditCard' ? 'BillPaymentCreditCard' : 'BillPaymentCheck';
    links.push({ TxnId: id, TxnType: txnType });
  }
  return links;
};

/** Bills whose lines link to a purchase order. */
const billLinks = (company: Company, poId: string): Doc[] =>
  company.all('Bill')
    .filter((bill) => asDocs(bill.doc.Line).some((line) => asDocs(line.LinkedTxn).some((l) => l.TxnType === 'PurchaseOrder' && l.TxnId === poId)))
    .map((bill) => ({ TxnId: String(bill.doc.Id), TxnType: 'Bill' }));

const withLinks = (doc: Doc, extra: Doc[]): Doc => {
  const links = [...asDocs(doc.LinkedTxn), ...extra];
  return links.length > 0 ? { ...doc, LinkedTxn: links } : doc;
};

const sumBalances = (company: Company, entity: 'Bill' | 'VendorCredit' | 'Invoice', party: string, id: string): number =>
  company.all(entity).filter((t) => refValue(t.doc, party) === id).reduce((sum, t) => sum + Number(t.doc.Balance ?? 0), 0);

const customerBalanceWithJobs = (company: Company, id: string, depth = 0): number => {
  const own = sumBalances(company, 'Invoice', 'CustomerRef', id);
  if (depth > 5) return own;
  const jobs = company.all('Customer').filter((c) => refValue(c.doc, 'ParentRef') === id);
  return jobs.reduce((sum, job) => sum + customerBalanceWithJobs(company, String(job.doc.Id), depth + 1), own);
};

/** Stored fields plus what QuickBooks derives on read: payment links on bills and invoices, bill links on POs, open balances on parties. */
const derivedView = (company: Company, stored: StoredEntity): Doc => {
  const doc = stored.doc;
  const id = String(doc.Id);
  switch (stored.entity) {
    case 'Bill':
    case 'VendorCredit':
    case 'Invoice':
      return withLinks(doc, paymentLinks(company, stored));
    case 'PurchaseOrder':
      return withLinks(doc, billLinks(company, id));
    case 'Vendor':
      return { ...doc, Balance: sumBalances(company, 'Bill', 'VendorRef', id) - sumBalances(company, 'VendorCredit', 'VendorRef', id) };
    case 'Customer':
      return { ...doc, Balance: sumBalances(company, 'Invoice', 'CustomerRef', id), BalanceWithJobs: customerBalanceWithJobs(company, id) };
    default:
      return doc;
  }
};

/** The entity as QuickBooks shows it, still in cents: derived fields, and every reference carrying its name. */
export const viewOf = (company: Company, stored: StoredEntity): Doc => withRefNames(company, derivedView(company, stored)) as Doc;

/** The wire form: decimals for money, plus the `domain`/`sparse` markers every entity carries. */
export const toWire = (view: Doc): Doc => ({ ...moneyOut(view), domain: 'QBO', sparse: false });

export const present = (company: Company, stored: StoredEntity): Doc => toWire(viewOf(company, stored));

/** What a delete answers with (and CDC lists): the Id and status only. */
export const deletedStub = (id: string): Doc => ({ domain: 'QBO', status: 'Deleted', Id: id });
