import { isObject, readString, type Json } from '../support/json.js';
import { failed, succeeded, type Outcome } from '../support/outcome.js';
import { parseDay } from '../support/dates.js';
import type { CreditNoteType, InvoiceStatus, LedgerDocRec, LineRec, PurchaseOrderStatus, QuoteStatus } from '../org/model.js';
import type { UnitOfWork } from '../org/organisation.js';
import { resolveContact } from '../invoices/header.js';
import { buildLine } from '../invoices/lines.js';
import { totalsOf } from '../invoices/totals.js';

/**
 * CreditNotes and PurchaseOrders: a contact, a number and lines, checked line by line as
 * invoices are (accounts, ≤ 2 tracking categories, amounts). Where the facts are silent the
 * stricter reading: Reference is ACCRECCREDIT-only on credit notes (as on invoices); a
 * purchase order's number is unique among those not deleted; final statuses are final.
 */
type Status = InvoiceStatus | PurchaseOrderStatus | QuoteStatus;

export interface LedgerKind {
  readonly collection: 'CreditNotes' | 'PurchaseOrders' | 'Quotes';
  readonly idKey: 'CreditNoteID' | 'PurchaseOrderID' | 'QuoteID';
  readonly numberKey: 'CreditNoteNumber' | 'PurchaseOrderNumber' | 'QuoteNumber';
  readonly label: string;
  readonly records: (uow: UnitOfWork) => Map<string, LedgerDocRec>;
  readonly transitions: Readonly<Record<string, readonly Status[]>>;
  readonly category?: 'CREDITNOTE';
}

const DRAFTLIKE: readonly Status[] = ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'];

export const CREDIT_NOTES: LedgerKind = {
  collection: 'CreditNotes', idKey: 'CreditNoteID', numberKey: 'CreditNoteNumber', label: 'credit note', category: 'CREDITNOTE',
  records: (uow) => uow.org.data.creditNotes,
  // PAID comes from allocations; an approved credit note can only be voided.
  transitions: { DRAFT: DRAFTLIKE, SUBMITTED: DRAFTLIKE, AUTHORISED: ['AUTHORISED', 'VOIDED'], PAID: [], VOIDED: [], DELETED: [] },
};

export const PURCHASE_ORDERS: LedgerKind = {
  collection: 'PurchaseOrders', idKey: 'PurchaseOrderID', numberKey: 'PurchaseOrderNumber', label: 'purchase order',
  records: (uow) => uow.org.data.purchaseOrders,
  // BILLED closes a PO; it may be reopened (AUTHORISED) when more is ordered.
  transitions: { DRAFT: DRAFTLIKE, SUBMITTED: DRAFTLIKE, AUTHORISED: ['AUTHORISED', 'BILLED', 'DELETED'], BILLED: ['BILLED', 'AUTHORISED'], DELETED: [] },
};

const QUOTE_OPEN: readonly Status[] = ['DRAFT', 'SENT', 'ACCEPTED', 'DECLINED', 'DELETED'];

export const QUOTES: LedgerKind = {
  collection: 'Quotes', idKey: 'QuoteID', numberKey: 'QuoteNumber', label: 'quote',
  records: (uow) => uow.org.data.quotes,
  // An invoiced quote is final (UNCONFIRMED: the stricter reading).
  transitions: { DRAFT: QUOTE_OPEN, SENT: QUOTE_OPEN, ACCEPTED: [...QUOTE_OPEN, 'INVOICED'], DECLINED: QUOTE_OPEN, INVOICED: [], DELETED: [] },
};

const TYPES: readonly CreditNoteType[] = ['ACCPAYCREDIT', 'ACCRECCREDIT'];
const TEXT_MAX = 255;

const readLines = (raw: Json, kind: LedgerKind, type: CreditNoteType | undefined, uow: UnitOfWork, existing: readonly LineRec[], errors: string[]): LineRec[] | undefined => {
  if (raw.LineItems === undefined) return undefined;
  if (!Array.isArray(raw.LineItems)) {
    errors.push('LineItems must be an array.');
    return undefined;
  }
  // Discounts: sales side only, as on invoices.
  const ctx = { org: uow.org, type: type === 'ACCRECCREDIT' || kind === QUOTES ? 'ACCREC' as const : 'ACCPAY' as const, unitDp: 2 as const, existing, newId: () => uow.newId() };
  return raw.LineItems.flatMap((line: unknown) => {
    const outcome = buildLine(line, ctx);
    errors.push(...outcome.errors.map((e) => `${e}`));
    return outcome.line ? [outcome.line] : [];
  });
};

const readText = (raw: Json, key: string, errors: string[]): string | undefined => {
  if (raw[key] !== undefined && raw[key] !== null && typeof raw[key] !== 'string') errors.push(`${key} must be a string.`);
  const value = readString(raw, key);
  if (value !== undefined && value.length > TEXT_MAX) errors.push(`${key} must not be longer than ${TEXT_MAX} characters.`);
  return value;
};

const readDay = (raw: Json, key: string, errors: string[]): string | undefined => {
  if (raw[key] === undefined || raw[key] === null) return undefined;
  const day = parseDay(raw[key]);
  if (!day) errors.push(`${key} '${String(raw[key])}' is not a valid date.`);
  return day;
};

const readStatus = (raw: Json, kind: LedgerKind, errors: string[]): Status | undefined => {
  const value = raw.Status;
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value in kind.transitions) return value as Status;
  errors.push(`Status '${String(value)}' is not valid for a ${kind.label}.`);
  return undefined;
};

/** Rules on the stored document, new or updated. */
const checkDocument = (doc: LedgerDocRec, kind: LedgerKind, uow: UnitOfWork, errors: string[]): void => {
  const unique = kind !== CREDIT_NOTES || doc.Type === 'ACCRECCREDIT';
  if (unique && doc.Number !== undefined && [...kind.records(uow).values()].some((d) => d.id !== doc.id && d.Type === doc.Type && d.Number === doc.Number && d.Status !== 'DELETED')) {
    errors.push(`${kind.numberKey} must be unique.`);
  }
  if (totalsOf({ ...doc, paidCents: 0, Status: 'DRAFT' }).total < 0) errors.push('The document total must not be negative.');
  if (doc.Status === 'DRAFT' || doc.Status === 'DELETED') return;
  if (doc.lines.length === 0) errors.push('A document must have at least one line item unless it is a draft.');
  if (doc.lines.some((l) => l.AccountCode === undefined && l.ItemCode === undefined)) errors.push('Each line item needs an AccountCode unless the document is a draft.');
};

interface Fields {
  Number?: string;
  Reference?: string;
  ContactID?: string;
  Date?: string;
  DeliveryDate?: string;
  Status?: Status;
}

const readFields = (raw: Json, kind: LedgerKind, type: CreditNoteType | undefined, uow: UnitOfWork, errors: string[], warnings: string[]): Fields => {
  const fields: Fields = {
    Number: readText(raw, kind.numberKey, errors), Reference: readText(raw, 'Reference', errors),
    Date: readDay(raw, 'Date', errors), DeliveryDate: readDay(raw, 'DeliveryDate', errors), Status: readStatus(raw, kind, errors),
  };
  if (raw.Contact !== undefined) fields.ContactID = resolveContact(raw.Contact, uow, errors);
  if (type === 'ACCPAYCREDIT' && fields.Reference !== undefined) {
    delete fields.Reference;
    warnings.push('Reference is only stored on ACCRECCREDIT credit notes; it was ignored.');
  }
  if (raw.Url !== undefined && kind === CREDIT_NOTES) errors.push('Url is not a field of a credit note.');
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Fields;
};

const create = (raw: Json, kind: LedgerKind, uow: UnitOfWork): Outcome<LedgerDocRec> => {
  const type = kind === CREDIT_NOTES ? raw.Type : undefined;
  if (kind === CREDIT_NOTES && !TYPES.includes(type as CreditNoteType)) return failed(`CreditNote Type '${String(type ?? '')}' is not valid: use ACCPAYCREDIT or ACCRECCREDIT.`);
  const errors: string[] = [];
  const warnings: string[] = [];
  const fields = readFields(raw, kind, type as CreditNoteType | undefined, uow, errors, warnings);
  if (raw.Contact === undefined) errors.push('A Contact must be specified.');
  const status = fields.Status ?? 'DRAFT';
  if (!kind.transitions.DRAFT!.includes(status) || status === 'DELETED') errors.push(`A ${kind.label} cannot be created with Status ${status}.`);
  const lines = readLines(raw, kind, type as CreditNoteType | undefined, uow, [], errors) ?? [];
  if (errors.length > 0) return failed(...errors);
  const doc: LedgerDocRec = {
    id: uow.newId(), ...(type ? { Type: type as CreditNoteType } : {}), ContactID: '', Date: uow.today, LineAmountTypes: 'Exclusive', CurrencyCode: 'USD',
    ...fields, Status: status, lines, createdMs: uow.nowMs, updatedMs: uow.nowMs,
  };
  if (doc.Number === undefined && kind === QUOTES) doc.Number = `QU-${String(uow.org.data.nextQuoteNumber++).padStart(4, '0')}`;
  if (doc.Number === undefined && kind === PURCHASE_ORDERS) doc.Number = `PO-${String(uow.org.data.nextPurchaseOrderNumber++).padStart(4, '0')}`;
  if (doc.Number === undefined && doc.Type === 'ACCRECCREDIT') doc.Number = `CN-${String(uow.org.data.nextCreditNoteNumber++).padStart(4, '0')}`;
  checkDocument(doc, kind, uow, errors);
  if (errors.length > 0) return failed(...errors);
  kind.records(uow).set(doc.id, doc);
  if (kind.category) uow.changed(kind.category, 'CREATE', doc.id);
  return succeeded(doc, warnings);
};

const update = (current: LedgerDocRec, raw: Json, kind: LedgerKind, uow: UnitOfWork): Outcome<LedgerDocRec> => {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (raw.Type !== undefined && raw.Type !== current.Type) errors.push(`The ${kind.label} Type cannot be changed.`);
  const fields = readFields(raw, kind, current.Type, uow, errors, warnings);
  const next = fields.Status ?? current.Status;
  if (!(kind.transitions[current.Status] ?? []).includes(next)) {
    errors.push(kind.transitions[current.Status]?.length ? `${kind.label} status cannot change from ${current.Status} to ${next}.` : `The ${kind.label} is ${current.Status} and cannot be modified.`);
  }
  const lines = readLines(raw, kind, current.Type, uow, current.lines, errors);
  if (errors.length > 0) return failed(...errors);
  const doc: LedgerDocRec = { ...current, ...fields, Status: next, lines: lines ?? current.lines, updatedMs: uow.nowMs };
  checkDocument(doc, kind, uow, errors);
  if (errors.length > 0) return failed(...errors);
  kind.records(uow).set(doc.id, doc);
  if (kind.category) uow.changed(kind.category, 'UPDATE', doc.id);
  return succeeded(doc, warnings);
};

/** Creates, or (POST, by id) updates one document of a batch. */
export const upsertLedgerDoc = (raw: unknown, kind: LedgerKind, uow: UnitOfWork, forcedId?: string): Outcome<LedgerDocRec> => {
  if (!isObject(raw)) return failed(`Each ${kind.label} must be an object.`);
  const id = forcedId ?? readString(raw, kind.idKey);
  if (!id) return create(raw, kind, uow);
  const current = kind.records(uow).get(id.toLowerCase());
  return current ? update(current, raw, kind, uow) : failed(`${kind.label} '${id}' could not be found.`);
};
