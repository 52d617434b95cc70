import { SAMPLE_QBO } from '../../sample/sample-project.js';
import { el, leaf } from '../qbxml/xml.js';
import type { QbdCompany } from './company.js';
import type { ListRecord } from './records.js';

const ACCOUNT_TYPE: Readonly<Record<string, string>> = {
  'Accounts Payable': 'AccountsPayable', 'Accounts Receivable': 'AccountsReceivable', 'Bank': 'Bank', 'Income': 'Income',
  'Cost of Goods Sold': 'CostOfGoodsSold', 'Other Current Liability': 'OtherCurrentLiability', 'Other Current Asset': 'OtherCurrentAsset',
};

/**
 * The sample company as a QuickBooks Desktop file: the sample's chart (sub-accounts under Job
 * Costs), its items and classes, the GC as customer with the project as its job, the two
 * subcontractors as vendors, the name that collides with a customer, and the two employees.
 * Plus what every new QuickBooks file has: standard terms, payment methods, sales-tax codes.
 */
export const seedSampleCompany = (company: QbdCompany): void => {
  const accounts = new Map<string, ListRecord>();
  const ordered = [...SAMPLE_QBO.accounts].sort((a, b) => Number('parent' in a) - Number('parent' in b));
  for (const account of ordered) {
    const parent = 'parent' in account ? accounts.get(account.parent) : undefined;
    accounts.set(account.id, company.addList('Account', account.name, [
      leaf('AccountType', ACCOUNT_TYPE[account.type] ?? 'Expense'), leaf('AccountNumber', account.acctNum),
    ], { parentId: parent?.listId }));
  }
  const accountRef = (name: string, id: string) => {
    const record = accounts.get(id);
    return record ? [company.refNode(name, record)] : [];
  };
  for (const item of SAMPLE_QBO.items) {
    const purchase = 'expenseAccount' in item
      ? el('SalesAndPurchase', [...accountRef('IncomeAccountRef', item.incomeAccount), ...accountRef('ExpenseAccountRef', item.expenseAccount)])
      : el('SalesOrPurchase', accountRef('AccountRef', item.incomeAccount));
    company.addList('ItemService', item.name, [purchase]);
  }
  for (const klass of SAMPLE_QBO.classes) company.addList('Class', klass.name, []);
  const customers = new Map<string, ListRecord>();
  for (const customer of SAMPLE_QBO.customers) {
    const parent = 'parent' in customer ? customers.get(customer.parent) : undefined;
    customers.set(customer.id, company.addList('Customer', customer.displayName,
      'job' in customer ? [leaf('JobStatus', 'InProgress')] : [leaf('CompanyName', customer.displayName)], { parentId: parent?.listId }));
  }
  for (const collision of SAMPLE_QBO.nameCollisions) company.addList('Customer', collision.displayName, [leaf('CompanyName', collision.displayName)]);
  for (const vendor of SAMPLE_QBO.vendors) company.addList('Vendor', vendor.displayName, [leaf('CompanyName', vendor.displayName)]);
  for (const employee of SAMPLE_QBO.employees) {
    const [first = '', ...rest] = employee.displayName.split(' ');
    company.addList('Employee', employee.displayName, [leaf('FirstName', first), leaf('LastName', rest.join(' '))]);
  }
  seedDefaults(company);
};

/** Lists a new QuickBooks Desktop company file comes with. */
export const seedDefaults = (company: QbdCompany): void => {
  for (const terms of ['Due on receipt', 'Net 15', 'Net 30', 'Net 60']) company.addList('StandardTerms', terms, []);
  for (const method of ['Cash', 'Check', 'Credit Card', 'E-Check']) company.addList('PaymentMethod', method, []);
  for (const code of ['Tax', 'Non']) company.addList('SalesTaxCode', code, []);
};
