import type { Company } from '../model/company.js';
import { refValue, type Doc, type EntityName } from '../model/entity-types.js';
import { errors } from '../model/qbo-error.js';
import { maxLength, requireField, sameName, selfId } from './common.js';
import type { EntityRules } from './context.js';

const DAY_MS = 86_400_000;

const wholeNumber = (doc: Doc, field: string, min: number, max: number): void => {
  const value = doc[field];
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw errors.business(`${field} must be a whole number from ${min} to ${max}`, field);
  }
};

/**
 * A payment term ("Net 30", "Due on receipt"). STANDARD terms fall due DueDays after the
 * transaction date; DATE_DRIVEN ones on DayOfMonthDue, next month when the transaction is
 * dated within DueNextMonthDays of that day (or after it).
 */
export const termRules: EntityRules = {
  canDelete: false,
  canVoid: false,
  prepare(ctx, doc, previous) {
    requireField(doc, 'Name');
    if (typeof doc.Name !== 'string') throw errors.invalidProperty('Property Name:Name specified is unsupported or invalid: a string is expected');
    maxLength(doc, 'Name', 31);
    const self = selfId(previous);
    if (ctx.company.all('Term').some((t) => String(t.doc.Id) !== self && sameName(t.doc.Name, doc.Name))) throw errors.duplicateItemName('Term');
    const dateDriven = doc.DayOfMonthDue !== undefined;
    if (!dateDriven && doc.DueDays === undefined) throw errors.required('DueDays');
    wholeNumber(doc, 'DueDays', 0, 999);
    wholeNumber(doc, 'DayOfMonthDue', 1, 31);
    wholeNumber(doc, 'DueNextMonthDays', 0, 31);
    return { ...doc, Type: dateDriven ? 'DATE_DRIVEN' : 'STANDARD', Active: doc.Active ?? true };
  },
};

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const dateDrivenDue = (txnDate: string, term: Doc): string => {
  const [year = 0, month = 1, day = 1] = txnDate.split('-').map(Number);
  const dueDay = Number(term.DayOfMonthDue);
  const nextMonth = day > dueDay - Number(term.DueNextMonthDays ?? 0);
  const dueMonth = month - 1 + (nextMonth ? 1 : 0);
  const lastDay = new Date(Date.UTC(year, dueMonth + 1, 0)).getUTCDate();
  return isoDay(Date.UTC(year, dueMonth, Math.min(dueDay, lastDay)));
};

/** The due date a term gives a transaction dated `txnDate`. */
const dueUnder = (term: Doc, txnDate: string): string =>
  term.Type === 'DATE_DRIVEN' ? dateDrivenDue(txnDate, term) : isoDay(Date.parse(`${txnDate}T00:00:00Z`) + Number(term.DueDays ?? 0) * DAY_MS);

/**
 * DueDate as the server fills it when the request left it out (facts §1): from the
 * transaction's own term, else its party's default term, else the transaction date.
 */
export const defaultDueDate = (company: Company, doc: Doc, party: { entity: EntityName; field: string; termField: string }): string => {
  const txnDate = String(doc.TxnDate);
  const partyId = refValue(doc, party.field);
  const termId = refValue(doc, 'SalesTermRef') ?? (partyId ? refValue(company.get(party.entity, partyId)?.doc, party.termField) : undefined);
  const term = termId ? company.get('Term', termId)?.doc : undefined;
  return term ? dueUnder(term, txnDate) : txnDate;
};
