import { isObject, notAString, readString, type Json } from '../support/json.js';
import { failed, succeeded, type Outcome } from '../support/outcome.js';
import type { ContactRec } from '../org/model.js';
import type { UnitOfWork } from '../org/organisation.js';

/** Fields stored as sent and echoed back; the simulator has no rules for them. */
const PASSTHROUGH = [
  'FirstName', 'LastName', 'EmailAddress', 'AccountNumber', 'CompanyNumber', 'TaxNumber', 'TaxNumberType', 'Addresses', 'Phones',
  'ContactPersons', 'DefaultCurrency', 'PurchasesDefaultAccountCode', 'SalesDefaultAccountCode', 'PaymentTerms', 'BankAccountDetails',
  'AccountsPayableTaxType', 'AccountsReceivableTaxType',
];
const LIMITS: Record<string, number> = { Name: 255, ContactNumber: 50, AccountNumber: 50, TaxNumber: 50 };

export interface ContactWriteOptions {
  readonly method: 'PUT' | 'POST';
  readonly forcedId?: string;
}

const checkText = (raw: Json, errors: string[]): void => {
  for (const [key, max] of Object.entries(LIMITS)) {
    if (notAString(raw, key)) errors.push(`${key} must be a string.`);
    const value = readString(raw, key);
    if (value !== undefined && value.length > max) errors.push(`${key} must not be longer than ${max} characters.`);
  }
};

/** Name is unique among ACTIVE contacts only: an archived contact's name may be reused. */
const checkName = (name: string, status: ContactRec['ContactStatus'], uow: UnitOfWork, selfId: string | undefined, errors: string[]): void => {
  if (name.trim() === '') errors.push('The contact name must be specified.');
  else if (status === 'ACTIVE' && uow.org.activeContactNamed(name, selfId)) {
    errors.push(`The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`);
  }
};

const readStatus = (raw: Json, errors: string[]): ContactRec['ContactStatus'] | undefined => {
  const status = raw.ContactStatus;
  if (status === undefined) return undefined;
  if (status === 'ACTIVE' || status === 'ARCHIVED') return status;
  errors.push(`ContactStatus '${String(status)}' is not valid.`);
  return undefined;
};

const passthrough = (raw: Json): Record<string, unknown> =>
  Object.fromEntries(PASSTHROUGH.filter((key) => raw[key] !== undefined).map((key) => [key, raw[key]]));

const write = (current: ContactRec | undefined, raw: Json, uow: UnitOfWork): Outcome<ContactRec> => {
  const errors: string[] = [];
  checkText(raw, errors);
  const status = readStatus(raw, errors) ?? current?.ContactStatus ?? 'ACTIVE';
  const name = (readString(raw, 'Name') ?? current?.Name ?? '').trim();
  checkName(name, status, uow, current?.ContactID, errors);
  if (errors.length > 0) return failed(...errors);
  const next: ContactRec = {
    ContactID: current?.ContactID ?? uow.newId(), Name: name, ContactNumber: readString(raw, 'ContactNumber') ?? current?.ContactNumber,
    ContactStatus: status, fields: { ...current?.fields, ...passthrough(raw) },
    IsSupplier: current?.IsSupplier ?? false, IsCustomer: current?.IsCustomer ?? false, updatedMs: uow.nowMs,
  };
  uow.org.data.contacts.set(next.ContactID, next);
  uow.changed('CONTACT', current ? 'UPDATE' : 'CREATE', next.ContactID);
  return succeeded(next);
};

/** Creates a contact, or updates the one named by ContactID (or, on POST, by ContactNumber). */
export const upsertContact = (raw: unknown, uow: UnitOfWork, opts: ContactWriteOptions): Outcome<ContactRec> => {
  if (!isObject(raw)) return failed('Each contact must be an object.');
  const id = opts.forcedId ?? readString(raw, 'ContactID');
  if (id) {
    const current = uow.org.data.contacts.get(id.toLowerCase());
    return current ? write(current, raw, uow) : failed(`Contact '${id}' could not be found.`);
  }
  const number = readString(raw, 'ContactNumber');
  const byNumber = opts.method === 'POST' && number ? uow.org.contactByNumber(number) : undefined;
  return write(byNumber, raw, uow);
};
