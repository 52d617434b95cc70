import { SAMPLE_QBO } from '../sample/sample-project.js';
import type { Company } from './model/company.js';
import type { Doc, EntityName } from './model/entity-types.js';
import type { RuleContext } from './rules/context.js';
import { RULES } from './rules/registry.js';

/** Stores a record under a fixed Id, through the same rules as an API create. */
const seedOne = (ctx: RuleContext, entity: EntityName, id: string, doc: Doc): void => {
  ctx.company.insert(entity, RULES[entity].prepare(ctx, doc, undefined), id);
};

const ref = (value: string) => ({ value });

const splitName = (displayName: string): Doc => {
  const [given = displayName, ...rest] = displayName.split(' ');
  return { DisplayName: displayName, GivenName: given, FamilyName: rest.join(' ') || undefined };
};

const seedAccounts = (ctx: RuleContext): void => {
  // Parents first: sub-accounts need their ParentRef to exist.
  const accounts = [...SAMPLE_QBO.accounts].sort((a, b) => Number('parent' in a) - Number('parent' in b));
  for (const account of accounts) {
    seedOne(ctx, 'Account', account.id, {
      Name: account.name,
      AccountType: account.type,
      AcctNum: account.acctNum,
      ...('parent' in account ? { ParentRef: ref(account.parent) } : {}),
    });
  }
};

const seedItems = (ctx: RuleContext): void => {
  for (const item of SAMPLE_QBO.items) {
    seedOne(ctx, 'Item', item.id, {
      Name: item.name,
      Type: item.type,
      IncomeAccountRef: ref(item.incomeAccount),
      ...('expenseAccount' in item ? { ExpenseAccountRef: ref(item.expenseAccount) } : {}),
    });
  }
};

/** The payment terms a new QuickBooks company comes with. */
const TERMS = [
  { id: '1', name: 'Due on receipt', dueDays: 0 },
  { id: '2', name: 'Net 15', dueDays: 15 },
  { id: '3', name: 'Net 30', dueDays: 30 },
  { id: '4', name: 'Net 60', dueDays: 60 },
];

/**
 * The sample company: chart of accounts, items, classes (cost divisions), the GC customer
 * with the project as its Job, two vendors, a Customer named like a sub we will create as a
 * vendor (6240), and two employees.
 */
export const seedSampleCompany = (ctx: RuleContext): void => {
  seedAccounts(ctx);
  seedItems(ctx);
  for (const term of TERMS) seedOne(ctx, 'Term', term.id, { Name: term.name, DueDays: term.dueDays });
  for (const cls of SAMPLE_QBO.classes) seedOne(ctx, 'Class', cls.id, { Name: cls.name });
  for (const customer of SAMPLE_QBO.customers) {
    seedOne(ctx, 'Customer', customer.id, {
      DisplayName: customer.displayName,
      CompanyName: customer.displayName,
      ...('parent' in customer ? { ParentRef: ref(customer.parent), Job: customer.job, BillWithParent: false } : {}),
    });
  }
  for (const vendor of SAMPLE_QBO.vendors) seedOne(ctx, 'Vendor', vendor.id, { DisplayName: vendor.displayName, CompanyName: vendor.displayName });
  for (const clash of SAMPLE_QBO.nameCollisions) seedOne(ctx, clash.entity, clash.id, { DisplayName: clash.displayName, CompanyName: clash.displayName });
  for (const employee of SAMPLE_QBO.employees) seedOne(ctx, 'Employee', employee.id, { ...splitName(employee.displayName), CostRate: Number(employee.costRate) });
};

export const SAMPLE_COMPANY_NAME = 'Keystone Mechanical Inc.';

export const seedCompany = (company: Company, ctx: RuleContext): void => {
  if (company.realmId === SAMPLE_QBO.realmId) seedSampleCompany(ctx);
};
