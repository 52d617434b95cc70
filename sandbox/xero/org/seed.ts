import { createHash } from 'node:crypto';
import { SAMPLE_COMPANY, SAMPLE_EMPLOYEES, SAMPLE_PRIME_CONTRACT, SAMPLE_VENDORS, SAMPLE_XERO } from '../../sample/sample-project.js';
import type { AccountRec, ContactRec, TrackingCategoryRec, UserRec } from './model.js';
import { Organisation } from './organisation.js';

/** A stable GUID for seeded records, so ids are the same in every run. */
export const seededId = (...parts: string[]): string => {
  const hex = createHash('sha1').update(parts.join(':')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

const account = (tenantId: string, code: string, name: string, type: string, nowMs: number): AccountRec => ({
  AccountID: seededId(tenantId, 'account', code), Code: code, Name: name, Type: type, Status: 'ACTIVE',
  EnablePaymentsToAccount: false, updatedMs: nowMs,
});

const contact = (tenantId: string, name: string, role: 'supplier' | 'customer', nowMs: number): ContactRec => ({
  ContactID: seededId(tenantId, 'contact', name), Name: name, ContactStatus: 'ACTIVE', fields: {},
  IsSupplier: role === 'supplier', IsCustomer: role === 'customer', updatedMs: nowMs,
});

const category = (tenantId: string, name: string, options: readonly string[]): TrackingCategoryRec => ({
  TrackingCategoryID: seededId(tenantId, 'tracking', name), Name: name, Status: 'ACTIVE',
  Options: options.map((option) => ({ TrackingOptionID: seededId(tenantId, 'option', name, option), Name: option, Status: 'ACTIVE' })),
});

/** A user named "First Last" (the part after the first space is the last name). */
export const userNamed = (tenantId: string, name: string, email: string): UserRec => {
  const space = name.indexOf(' ');
  return {
    UserID: seededId(tenantId, 'user', name), FirstName: space < 0 ? name : name.slice(0, space), LastName: space < 0 ? '' : name.slice(space + 1), EmailAddress: email,
  };
};

const emailOf = (name: string): string => `${name.toLowerCase().replaceAll(/[^a-z]+/g, '.')}@keystone-mechanical.example.com`;

/**
 * The sample organisation: chart of accounts, the Job / Cost Code tracking categories, the
 * GC as a customer, two of the three subcontractors (Apex Controls is left out so adapters
 * exercise look-up-then-create), and the sample's two field employees as users (who log time in Projects).
 */
export const seedSampleOrganisation = (nowMs: number): Organisation => {
  const tenantId = SAMPLE_XERO.tenantId;
  const org = new Organisation(tenantId, SAMPLE_COMPANY.name, nowMs);
  for (const a of SAMPLE_XERO.accounts) org.data.accounts.set(seededId(tenantId, 'account', a.code), account(tenantId, a.code, a.name, a.type, nowMs));
  for (const t of SAMPLE_XERO.trackingCategories) {
    const rec = category(tenantId, t.name, t.options);
    org.data.tracking.set(rec.TrackingCategoryID, rec);
  }
  const people = [
    contact(tenantId, SAMPLE_PRIME_CONTRACT.ownerName, 'customer', nowMs),
    ...SAMPLE_VENDORS.filter((v) => v.name !== 'Apex Controls Co').map((v) => contact(tenantId, v.name, 'supplier', nowMs)),
  ];
  for (const c of people) org.data.contacts.set(c.ContactID, c);
  for (const e of SAMPLE_EMPLOYEES) {
    const user = userNamed(tenantId, e.name, emailOf(e.name));
    org.data.users.set(user.UserID, user);
  }
  return org;
};

/** An empty organisation with only a bank account and a sales account, for multi-tenant tests. */
export const emptyOrganisation = (tenantId: string, name: string, nowMs: number): Organisation => {
  const org = new Organisation(tenantId, name, nowMs);
  for (const [code, accountName, type] of [['090', 'Business Bank Account', 'BANK'], ['200', 'Sales', 'REVENUE'], ['310', 'Cost of Goods Sold', 'DIRECTCOSTS']] as const) {
    org.data.accounts.set(seededId(tenantId, 'account', code), account(tenantId, code, accountName, type, nowMs));
  }
  return org;
};
