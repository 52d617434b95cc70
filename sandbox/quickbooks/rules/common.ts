import type { Company, StoredEntity } from '../model/company.js';
import {
  LINKED_TXN_TYPES, NAME_LIST, REF_TARGETS, asDoc, asDocs, asString, isDoc, type Doc, type EntityName,
} from '../model/entity-types.js';
import { errors } from '../model/qbo-error.js';
import { localDate } from '../model/clock.js';
import type { RuleContext } from './context.js';

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

export const requireField = (doc: Doc, field: string): void => {
  if (isBlank(doc[field])) throw errors.required(field);
};

export const maxLength = (doc: Doc, field: string, max: number): void => {
  const value = doc[field];
  if (typeof value === 'string' && value.length > max) throw errors.stringLength(field, max);
};

export const oneOf = (doc: Doc, field: string, allowed: readonly string[]): void => {
  const value = doc[field];
  if (value === undefined) return;
  if (typeof value !== 'string' || !allowed.includes(value)) throw errors.enumeration(field, String(value));
};

/** A name-list object referenced by a transaction must exist and be active. */
export const liveTarget = (company: Company, entity: EntityName, id: string): StoredEntity | undefined => {
  const stored = company.get(entity, id);
  if (!stored) return undefined;
  return NAME_LIST.has(entity) && stored.doc.Active === false ? undefined : stored;
};

const checkRef = (company: Company, field: string, ref: Doc): void => {
  const target = REF_TARGETS[field];
  if (!target) return;
  const id = ref.value;
  if (typeof id !== 'string' || id === '') throw errors.invalidId(`${field}.value`);
  if (!liveTarget(company, target, id)) throw errors.invalidReference(field, id);
};

const checkLinks = (company: Company, links: unknown): void => {
  for (const link of asDocs(links)) {
    const txnType = asString(link.TxnType) ?? '';
    const txnId = asString(link.TxnId);
    const target = LINKED_TXN_TYPES[txnType];
    if (!target) throw errors.enumeration('LinkedTxn.TxnType', txnType);
    if (!txnId) throw errors.required('LinkedTxn.TxnId');
    const stored = company.get(target, txnId);
    if (!stored || stored.voided) throw errors.invalidReference('LinkedTxn.TxnId', txnId);
  }
};

/** Walks a document checking every known reference and every LinkedTxn (2500 when dangling). */
export const checkReferences = (company: Company, value: unknown): void => {
  if (Array.isArray(value)) {
    for (const item of value) checkReferences(company, item);
    return;
  }
  if (!isDoc(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'ParentRef') continue; // checked by the entity's own hierarchy rule
    if (key === 'LinkedTxn') checkLinks(company, child);
    else if (REF_TARGETS[key] && isDoc(child)) checkRef(company, key, child);
    else checkReferences(company, child);
  }
};

/** Account type of a referenced account, for rules such as "APAccountRef must be Accounts Payable". */
export const accountType = (company: Company, ref: unknown): string | undefined => {
  const id = asString(asDoc(ref)?.value);
  return id ? asString(company.get('Account', id)?.doc.AccountType) : undefined;
};

export const requireAccountType = (company: Company, doc: Doc, field: string, type: string): void => {
  const found = accountType(company, doc[field]);
  if (found !== undefined && found !== type) throw errors.business(`${field} must be an account of type ${type}`, field);
};

/** The first account of a type, for defaults such as the A/P account of a bill. */
export const firstAccountOfType = (company: Company, type: string): Doc | undefined => {
  const account = company.all('Account').find((a) => a.doc.AccountType === type && a.doc.Active !== false);
  return account ? { value: account.doc.Id, name: account.doc.Name } : undefined;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const dateField = (doc: Doc, field: string): void => {
  const value = doc[field];
  if (value === undefined) return;
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) {
    throw errors.invalidProperty(`Property Name:${field} specified is unsupported or invalid (expected yyyy-MM-dd)`);
  }
};

/** Dates every transaction shares: TxnDate defaults to the company's today. */
export const txnDates = (ctx: RuleContext, doc: Doc): void => {
  dateField(doc, 'TxnDate');
  dateField(doc, 'DueDate');
  doc.TxnDate ??= localDate(ctx.now);
};

export const USD = { value: 'USD', name: 'United States Dollar' };

/** Case-insensitive, trimmed: how QuickBooks compares names. */
export const sameName = (a: unknown, b: unknown): boolean =>
  typeof a === 'string' && typeof b === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();

export const selfId = (previous: StoredEntity | undefined): string | undefined => (previous ? String(previous.doc.Id) : undefined);
