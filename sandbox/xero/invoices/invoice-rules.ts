import { isObject, readString, type Json } from '../support/json.js';
import { failed, succeeded, type Outcome } from '../support/outcome.js';
import type { InvoiceRec, InvoiceStatus, InvoiceType, LineRec } from '../org/model.js';
import type { UnitOfWork } from '../org/organisation.js';
import { readHeader, type HeaderPatch } from './header.js';
import { buildLine } from './lines.js';
import { totalsOf } from './totals.js';

export interface InvoiceWriteOptions {
  readonly unitDp: 2 | 4;
  /** POST /Invoices may match an existing invoice by InvoiceNumber; PUT always creates. */
  readonly method: 'PUT' | 'POST';
  /** The {InvoiceID} of POST /Invoices/{InvoiceID}. */
  readonly forcedId?: string;
}

/**
 * Status moves a write may request. PAID only comes from payments; AUTHORISED can only be
 * voided (and only while unpaid, checked separately); PAID, VOIDED and DELETED are final.
 */
const TRANSITIONS: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  DRAFT: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  SUBMITTED: ['DRAFT', 'SUBMITTED', 'AUTHORISED', 'DELETED'],
  AUTHORISED: ['AUTHORISED', 'VOIDED'],
  PAID: [],
  VOIDED: [],
  DELETED: [],
};
const LOCKED_WHEN_PAID = ['LineItems', 'Contact', 'LineAmountTypes', 'CurrencyCode'];

const readLines = (raw: Json, type: InvoiceType, uow: UnitOfWork, unitDp: 2 | 4, existing: readonly LineRec[], errors: string[]): LineRec[] | undefined => {
  if (raw.LineItems === undefined) return undefined;
  if (!Array.isArray(raw.LineItems)) {
    errors.push('LineItems must be an array.');
    return undefined;
  }
  const ctx = { org: uow.org, type, unitDp, existing, newId: () => uow.newId() };
  return raw.LineItems.flatMap((line: unknown) => {
    const outcome = buildLine(line, ctx);
    errors.push(...outcome.errors);
    return outcome.line ? [outcome.line] : [];
  });
};

/** Rules that hold for any stored invoice, whether just created or updated. */
const checkDocument = (invoice: InvoiceRec, uow: UnitOfWork, errors: string[]): void => {
  const clash = invoice.Type === 'ACCREC' && invoice.InvoiceNumber !== undefined && [...uow.org.data.invoices.values()]
    .some((i) => i.Type === 'ACCREC' && i.InvoiceID !== invoice.InvoiceID && i.InvoiceNumber === invoice.InvoiceNumber && i.Status !== 'DELETED');
  if (clash) errors.push('Invoice # must be unique.');
  if (totalsOf(invoice).total < 0) errors.push('The document total must not be negative.');
  if (invoice.Status === 'DRAFT' || invoice.Status === 'DELETED') return;
  if (invoice.lines.length === 0) errors.push('A document must have at least one line item unless it is a draft.');
  if (invoice.lines.some((l) => l.AccountCode === undefined && !l.descriptionOnly)) errors.push('Each line item needs an AccountCode unless the document is a draft.');
};

/** Reference is ACCREC-only: on a bill it is dropped with a warning rather than failing the write (UNCONFIRMED). */
const dropBillReference = (type: InvoiceType, header: HeaderPatch, warnings: string[]): void => {
  if (type !== 'ACCPAY' || header.Reference === undefined) return;
  delete header.Reference;
  warnings.push('Reference is only stored on ACCREC invoices; it was ignored.');
};

const createInvoice = (raw: Json, uow: UnitOfWork, opts: InvoiceWriteOptions): Outcome<InvoiceRec> => {
  const type = raw.Type;
  if (type !== 'ACCPAY' && type !== 'ACCREC') return failed(`Invoice Type '${String(type ?? '')}' is not supported: use ACCPAY or ACCREC.`);
  const errors: string[] = [];
  const warnings: string[] = [];
  const header = readHeader(raw, uow, errors);
  dropBillReference(type, header, warnings);
  if (raw.Contact === undefined) errors.push('A Contact must be specified.');
  const status = header.Status ?? 'DRAFT';
  if (!TRANSITIONS.DRAFT.includes(status) || status === 'DELETED') errors.push(`An invoice cannot be created with Status ${status}.`);
  const lines = readLines(raw, type, uow, opts.unitDp, [], errors) ?? [];
  if (errors.length > 0) return failed(...errors);
  const invoice: InvoiceRec = {
    InvoiceID: uow.newId(), Type: type, ContactID: '', Date: uow.today, LineAmountTypes: 'Exclusive', CurrencyCode: 'USD',
    ...header, Status: status, lines, paidCents: 0, paymentIds: [], createdMs: uow.nowMs, updatedMs: uow.nowMs,
  };
  if (type === 'ACCREC' && invoice.InvoiceNumber === undefined) invoice.InvoiceNumber = `INV-${String(uow.org.data.nextInvoiceNumber++).padStart(4, '0')}`;
  checkDocument(invoice, uow, errors);
  if (errors.length > 0) return failed(...errors);
  markContactRole(invoice, uow);
  uow.org.data.invoices.set(invoice.InvoiceID, invoice);
  uow.changed('INVOICE', 'CREATE', invoice.InvoiceID);
  return succeeded(invoice, warnings);
};

const markContactRole = (invoice: InvoiceRec, uow: UnitOfWork): void => {
  const contact = uow.org.data.contacts.get(invoice.ContactID);
  if (!contact) return;
  if (invoice.Type === 'ACCPAY') contact.IsSupplier = true;
  else contact.IsCustomer = true;
};

const updateErrors = (current: InvoiceRec, raw: Json, next: InvoiceStatus): string[] => {
  if (['PAID', 'VOIDED', 'DELETED'].includes(current.Status)) return [`Invoice not of valid status for modification: it is ${current.Status}.`];
  const errors: string[] = [];
  if (raw.Type !== undefined && raw.Type !== current.Type) errors.push('The invoice Type cannot be changed.');
  if (next === 'PAID') errors.push('Status PAID is set by applying payments, not by an update.');
  else if (!TRANSITIONS[current.Status].includes(next)) errors.push(`Invoice status cannot change from ${current.Status} to ${next}.`);
  if (current.paidCents > 0 && LOCKED_WHEN_PAID.some((key) => raw[key] !== undefined)) {
    errors.push('This document cannot be edited as it has a payment or credit note allocated to it.');
  }
  if (current.paidCents > 0 && next === 'VOIDED') errors.push('A document with payments allocated cannot be voided; remove the payments first.');
  return errors;
};

const updateInvoice = (current: InvoiceRec, raw: Json, uow: UnitOfWork, opts: InvoiceWriteOptions): Outcome<InvoiceRec> => {
  const errors: string[] = [];
  const warnings: string[] = [];
  const header = readHeader(raw, uow, errors);
  dropBillReference(current.Type, header, warnings);
  errors.push(...updateErrors(current, raw, header.Status ?? current.Status));
  const lines = readLines(raw, current.Type, uow, opts.unitDp, current.lines, errors);
  if (errors.length > 0) return failed(...errors);
  const next: InvoiceRec = { ...current, ...header, lines: lines ?? current.lines, updatedMs: uow.nowMs };
  checkDocument(next, uow, errors);
  if (errors.length > 0) return failed(...errors);
  markContactRole(next, uow);
  uow.org.data.invoices.set(next.InvoiceID, next);
  uow.changed('INVOICE', 'UPDATE', next.InvoiceID);
  return succeeded(next, warnings);
};

/** The invoice a write targets: by id, or (POST only) by a unique InvoiceNumber. */
const target = (raw: Json, uow: UnitOfWork, opts: InvoiceWriteOptions): InvoiceRec | string | undefined => {
  const id = opts.forcedId ?? readString(raw, 'InvoiceID');
  if (id) return uow.org.data.invoices.get(id.toLowerCase()) ?? `Invoice '${id}' could not be found.`;
  const number = readString(raw, 'InvoiceNumber');
  if (opts.method !== 'POST' || !number) return undefined;
  const matches = [...uow.org.data.invoices.values()].filter((i) => i.InvoiceNumber === number && i.Status !== 'DELETED');
  return matches.length === 1 ? matches[0] : undefined;
};

/** Creates or updates one invoice of a batch. */
export const upsertInvoice = (raw: unknown, uow: UnitOfWork, opts: InvoiceWriteOptions): Outcome<InvoiceRec> => {
  if (!isObject(raw)) return failed('Each invoice must be an object.');
  const existing = target(raw, uow, opts);
  if (typeof existing === 'string') return failed(existing);
  return existing ? updateInvoice(existing, raw, uow, opts) : createInvoice(raw, uow, opts);
};
