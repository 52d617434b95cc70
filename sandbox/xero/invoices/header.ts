import { parseDay } from '../support/dates.js';
import { isObject, notAString, readString, type Json } from '../support/json.js';
import type { InvoiceRec, InvoiceStatus, LineAmountTypes } from '../org/model.js';
import type { UnitOfWork } from '../org/organisation.js';

/** The document-level fields of an invoice write, read from the request and checked on their own. */
const STATUSES: readonly InvoiceStatus[] = ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'];
const AMOUNT_TYPES: readonly LineAmountTypes[] = ['Exclusive', 'Inclusive', 'NoTax'];
const TEXT_LIMITS = { InvoiceNumber: 255, Reference: 255, Url: 2000 } as const;

export type HeaderPatch = Partial<Pick<InvoiceRec, 'InvoiceNumber' | 'Reference' | 'ContactID' | 'Date' | 'DueDate' | 'LineAmountTypes' | 'Status' | 'CurrencyCode' | 'Url'>>;

const readEnum = <T extends string>(o: Json, key: string, allowed: readonly T[], errors: string[]): T | undefined => {
  const value = o[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  errors.push(`${key} '${String(value)}' is not valid.`);
  return undefined;
};

const readDay = (o: Json, key: string, errors: string[]): string | undefined => {
  if (o[key] === undefined || o[key] === null) return undefined;
  const day = parseDay(o[key]);
  if (!day) errors.push(`${key} '${String(o[key])}' is not a valid date.`);
  return day;
};

const readText = (o: Json, key: keyof typeof TEXT_LIMITS, errors: string[]): string | undefined => {
  if (notAString(o, key)) errors.push(`${key} must be a string.`);
  const value = readString(o, key);
  if (value !== undefined && value.length > TEXT_LIMITS[key]) errors.push(`${key} must not be longer than ${TEXT_LIMITS[key]} characters.`);
  return value;
};

const checkUrl = (url: string | undefined, errors: string[]): void => {
  if (url === undefined || url === '') return;
  if (!/^https?:\/\/[^\s]+$/i.test(url)) errors.push('Url must be an absolute http(s) URL.');
};

/** Finds the invoice's contact by ContactID, ContactNumber or Name; an unknown Name creates the contact, as Xero does. */
export const resolveContact = (raw: unknown, uow: UnitOfWork, errors: string[]): string | undefined => {
  if (!isObject(raw)) {
    errors.push('A Contact must be specified.');
    return undefined;
  }
  const org = uow.org;
  const id = readString(raw, 'ContactID');
  if (id) {
    if (org.data.contacts.has(id.toLowerCase())) return id.toLowerCase();
    errors.push(`Contact '${id}' could not be found.`);
    return undefined;
  }
  const number = readString(raw, 'ContactNumber');
  const name = readString(raw, 'Name')?.trim();
  const existing = (number ? org.contactByNumber(number) : undefined) ?? (name ? org.activeContactNamed(name) : undefined);
  if (existing) return existing.ContactID;
  if (!name) {
    errors.push('A Contact must be specified.');
    return undefined;
  }
  const created = { ContactID: uow.newId(), Name: name, ContactNumber: number, ContactStatus: 'ACTIVE' as const, fields: {}, IsSupplier: false, IsCustomer: false, updatedMs: uow.nowMs };
  org.data.contacts.set(created.ContactID, created);
  uow.changed('CONTACT', 'CREATE', created.ContactID);
  return created.ContactID;
};

/** Reads the header fields present in the request; absent fields stay undefined (an update keeps them). */
export const readHeader = (raw: Json, uow: UnitOfWork, errors: string[]): HeaderPatch => {
  const patch: HeaderPatch = {
    InvoiceNumber: readText(raw, 'InvoiceNumber', errors),
    Reference: readText(raw, 'Reference', errors),
    Url: readText(raw, 'Url', errors),
    Date: readDay(raw, 'Date', errors),
    DueDate: readDay(raw, 'DueDate', errors),
    Status: readEnum(raw, 'Status', STATUSES, errors),
    LineAmountTypes: readEnum(raw, 'LineAmountTypes', AMOUNT_TYPES, errors),
    CurrencyCode: readString(raw, 'CurrencyCode')?.toUpperCase(),
  };
  checkUrl(patch.Url, errors);
  if (patch.CurrencyCode !== undefined && !/^[A-Z]{3}$/.test(patch.CurrencyCode)) errors.push(`CurrencyCode '${patch.CurrencyCode}' is not valid.`);
  if (raw.Contact !== undefined) patch.ContactID = resolveContact(raw.Contact, uow, errors);
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as HeaderPatch;
};
