import type { BooksFailure } from '../../../domain/books/index.js';
import { parseMoney, type Cents } from '../../../domain/shared/money.js';
import type { XeroObject } from '../xero-client.js';
import { xeroAmount } from './bodies.js';
import type { XeroCall } from './deps.js';
import { JOB_CATEGORY } from './jobs.js';
import { failureFrom } from './xero-failure.js';
import { derivedKey } from './xero-writes.js';

/**
 * A supplier credit note, once AUTHORISED, is allocated to the bills it credits (facts §13:
 * PUT /CreditNotes/{id}/Allocations): the contact's AUTHORISED bills with an amount due, on the
 * same job (a Job tracking option the credit's lines carry), oldest first, each taking what it
 * owes until the credit is used up. Xero allows no more than is left on either side, both
 * AUTHORISED and of one contact, and so this never asks for more. A refusal leaves the credit
 * unallocated (it stays the supplier's credit in Xero, as a person would leave it); a passing
 * failure is retried with the document, whose find then allocates what is still left.
 */
type Row = Record<string, unknown>;

const money = (value: unknown): Cents => parseMoney(String(value ?? 0));
const dayOf = (doc: Row): string => String(doc.DateString ?? '').slice(0, 10);
const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The Job tracking options a document's lines carry. */
const jobOptions = (doc: Row): Set<string> => {
  const lines = Array.isArray(doc.LineItems) ? doc.LineItems.filter(isRow) : [];
  return new Set(lines.flatMap((l) => (Array.isArray(l.Tracking) ? l.Tracking.filter(isRow) : []))
    .filter((t) => String(t.Name ?? '').toLowerCase() === JOB_CATEGORY.toLowerCase())
    .map((t) => String(t.Option ?? '').toLowerCase()));
};

const sameJob = (credit: Set<string>, bill: Row): boolean => credit.size === 0 || [...jobOptions(bill)].some((o) => credit.has(o));

/** The bills to allocate to, oldest first. */
const openBills = async (call: XeroCall, note: Row, contactId: string): Promise<Row[] | BooksFailure> => {
  // Paged, since a list without `page` leaves line items out (their Job tracking is what matches; UNCONFIRMED, the safer call).
  const listed = await call.client.list('Invoices', { where: 'Type=="ACCPAY"', ContactIDs: contactId, page: 1, pageSize: 100 });
  if (!listed.ok) return failureFrom(listed.error, 'read');
  const jobs = jobOptions(note);
  return (listed.body as Row[])
    .filter((b) => b.Status === 'AUTHORISED' && money(b.AmountDue) > 0 && sameJob(jobs, b))
    .sort((a, b) => dayOf(a).localeCompare(dayOf(b)) || String(a.InvoiceNumber ?? '').localeCompare(String(b.InvoiceNumber ?? '')));
};

/** Allocates what is left of an AUTHORISED supplier credit; undefined when done (or nothing to do), a failure to retry otherwise. */
export const allocateCredit = async (call: XeroCall, note: XeroObject): Promise<BooksFailure | undefined> => {
  const contactId = isRow(note.Contact) ? String(note.Contact.ContactID ?? '') : '';
  let left = money(note.RemainingCredit);
  if (note.Type !== 'ACCPAYCREDIT' || note.Status !== 'AUTHORISED' || left <= 0 || contactId === '') return undefined;
  const bills = await openBills(call, note, contactId);
  if (!Array.isArray(bills)) return bills;
  const creditId = String(note.CreditNoteID);
  for (const bill of bills) {
    if (left <= 0) break;
    const amount = Math.min(left, money(bill.AmountDue)) as Cents;
    const date = [dayOf(note), dayOf(bill)].sort().at(-1) ?? dayOf(note);
    const body = { Allocations: [{ Invoice: { InvoiceID: bill.InvoiceID }, Amount: xeroAmount(amount), Date: date }] };
    const put = await call.client.http.request<unknown>('PUT', `/CreditNotes/${encodeURIComponent(creditId)}/Allocations`, {
      body, headers: { 'Idempotency-Key': derivedKey(call.idempotencyKey, 'allocate', creditId, String(bill.InvoiceID)) },
    });
    if (!put.ok) return put.error.retryable ? failureFrom(put.error, 'write') : undefined;
    left = (left - amount) as Cents;
  }
  return undefined;
};
