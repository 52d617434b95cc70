import { describe, expect, it } from 'vitest';
import type { ExpenseLine, VendorDocumentPosting } from '../../src/domain/books/index.js';
import { cents } from '../../src/domain/shared/money.js';
import { bodyFor, TrackingResolver } from '../../src/adapters/xero/outbound/bodies.js';
import { jobRefValue, parseJobRef } from '../../src/adapters/xero/outbound/jobs.js';
import type { TrackingCategory } from '../../src/adapters/xero/outbound/tracking-cache.js';
import { failureFrom } from '../../src/adapters/xero/outbound/xero-failure.js';
import { apiError } from '../../src/platform/http/api-result.js';

const CATEGORIES: TrackingCategory[] = [
  { id: 'c-job', name: 'Job', options: [{ id: 'o-riverside', name: '2026-014 Riverside Medical Office' }] },
  { id: 'c-code', name: 'Cost Code', options: [{ id: 'o-hvac', name: '23 HVAC' }, { id: 'o-plumb', name: '22 Plumbing' }] },
];

const JOB = { value: jobRefValue('o-riverside', 'owner-contact') };

const line = (overrides: Partial<ExpenseLine> = {}): ExpenseLine => ({
  kind: 'account', accountRef: { value: '310' }, description: '23-31-00/S Supply and return ductwork', amount: cents(4500000),
  jobRef: JOB, classRef: { value: 'o-hvac' }, billable: false, billedFrom: null, ...overrides,
} as ExpenseLine);

const bill = (lines: ExpenseLine[] = [line()]): VendorDocumentPosting => ({
  kind: 'bill', vendorRef: { value: 'vendor-contact' }, txnDate: '2026-03-31', dueDate: '2026-04-30', number: 'NSM-1041',
  note: { marker: 'trestle:acme:1280641:3', text: 'trestle:acme:1280641:3 Procore invoice 1280641' }, lines,
});

describe('Xero bodies: a bill as an ACCPAY invoice', () => {
  it('writes one line per cost line: quantity 1 at the amount, its account, TaxType NONE, the Job and Cost Code tracking', () => {
    const body = bodyFor(bill([line(), line({ amount: cents(480000), classRef: { value: 'Cost Code/22 Plumbing' } })]), new TrackingResolver(CATEGORIES), 'AUTHORISED', 'https://hub.example.com/');
    expect(body).toEqual({
      Type: 'ACCPAY', Contact: { ContactID: 'vendor-contact' }, Date: '2026-03-31', DueDate: '2026-04-30', InvoiceNumber: 'NSM-1041',
      LineAmountTypes: 'NoTax', Status: 'AUTHORISED', Url: 'https://hub.example.com/books/trestle:acme:1280641:3',
      LineItems: [
        {
          Description: '23-31-00/S Supply and return ductwork', Quantity: 1, UnitAmount: 45000, AccountCode: '310', TaxType: 'NONE',
          Tracking: [
            { TrackingCategoryID: 'c-job', TrackingOptionID: 'o-riverside', Name: 'Job', Option: '2026-014 Riverside Medical Office' },
            { TrackingCategoryID: 'c-code', TrackingOptionID: 'o-hvac', Name: 'Cost Code', Option: '23 HVAC' },
          ],
        },
        expect.objectContaining({ UnitAmount: 4800, Tracking: [expect.objectContaining({ Option: '2026-014 Riverside Medical Office' }), expect.objectContaining({ Option: '22 Plumbing' })] }),
      ],
    });
  });

  it('keeps cents exact and sends no Reference on a bill (ACCREC only), no Url without a public address, DRAFT when the connection reviews', () => {
    const body = bodyFor(bill([line({ amount: cents(800005) })]), new TrackingResolver(CATEGORIES), 'DRAFT', undefined) as Record<string, unknown>;
    expect(body).not.toHaveProperty('Reference');
    expect(body).not.toHaveProperty('Url');
    expect(body.Status).toBe('DRAFT');
    expect((body.LineItems as Array<{ UnitAmount: number }>)[0]!.UnitAmount).toBe(8000.05);
  });

  it('uses an ItemCode for an item line', () => {
    const body = bodyFor(bill([line({ kind: 'item', itemRef: { value: 'DUCT' }, qty: 1, unitPrice: cents(100) } as Partial<ExpenseLine>)]), new TrackingResolver(CATEGORIES), 'AUTHORISED') as Record<string, unknown>;
    expect((body.LineItems as Array<Record<string, unknown>>)[0]).toMatchObject({ ItemCode: 'DUCT' });
    expect((body.LineItems as Array<Record<string, unknown>>)[0]).not.toHaveProperty('AccountCode');
  });

  it('fails the document, naming the option, when a class is not an active tracking option', () => {
    const body = bodyFor(bill([line({ classRef: { value: 'Cost Code/99 Nowhere' } })]), new TrackingResolver(CATEGORIES), 'AUTHORISED');
    expect(body).toMatchObject({ ok: false, kind: 'permanent', code: 'TRACKING_NOT_FOUND', message: expect.stringContaining('"Cost Code/99 Nowhere"') });
  });

  it('writes a vendor credit as an ACCPAYCREDIT credit note with the supplier number', () => {
    const body = bodyFor({ ...bill(), kind: 'vendor-credit', dueDate: null, number: 'NSM-1077-CR' }, new TrackingResolver(CATEGORIES), 'AUTHORISED', 'https://hub.example.com');
    expect(body).toMatchObject({ Type: 'ACCPAYCREDIT', CreditNoteNumber: 'NSM-1077-CR', Contact: { ContactID: 'vendor-contact' }, LineItems: [expect.objectContaining({ AccountCode: '310' })] });
    expect(body).not.toHaveProperty('Url');
    expect(body).not.toHaveProperty('DueDate');
  });

  it('addresses an owner invoice to the job reference\'s contact, the marker in Reference, and parks a job without one', () => {
    const posting = {
      kind: 'sales-invoice' as const, jobRef: JOB, txnDate: '2026-03-31', number: 'KM-PA-01', customerMemo: '',
      note: { marker: 'trestle:acme:3301:1', text: 'trestle:acme:3301:1' },
      lines: [{ kind: 'item' as const, description: 'Ductwork', amount: cents(5220000), itemRef: { value: '200' }, qty: 1 as const, unitPrice: cents(5220000), classRef: { value: 'o-hvac' }, source: null }],
    };
    expect(bodyFor(posting, new TrackingResolver(CATEGORIES), 'AUTHORISED')).toMatchObject({
      Type: 'ACCREC', Contact: { ContactID: 'owner-contact' }, InvoiceNumber: 'KM-PA-01', Reference: 'trestle:acme:3301:1',
      LineItems: [{ AccountCode: '200', UnitAmount: 52200, Tracking: [{ Option: '2026-014 Riverside Medical Office' }, { Option: '23 HVAC' }] }],
    });
    expect(bodyFor({ ...posting, jobRef: { value: 'o-riverside' } }, new TrackingResolver(CATEGORIES), 'AUTHORISED')).toMatchObject({ ok: false, code: 'NO_OWNER_CONTACT' });
  });

  it('writes no Accounting body for a time entry (time goes to Xero Projects)', () => {
    const body = bodyFor({ kind: 'time-entry' } as never, new TrackingResolver(CATEGORIES), 'AUTHORISED');
    expect(body).toMatchObject({ ok: false, kind: 'permanent', code: 'XERO_TIME_NOT_ACCOUNTING' });
  });
});

describe('Xero job references and failures', () => {
  it('reads a job reference with and without its contact', () => {
    expect(parseJobRef({ value: jobRefValue('opt', 'contact') })).toEqual({ tracking: 'opt', contactId: 'contact' });
    expect(parseJobRef({ value: 'Job/2026-014 Riverside' })).toEqual({ tracking: 'Job/2026-014 Riverside', contactId: null });
  });

  it('stops the tenant for the day on X-Rate-Limit-Problem: day, and names Xero\'s validation messages', () => {
    const day = failureFrom(apiError('throttled', 'HTTP 429', { status: 429, retryAfterMs: 3_600_000, limitProblem: 'day' }), 'write');
    expect(day).toMatchObject({ kind: 'throttled', code: 'XERO_DAY_LIMIT', retryAfterMs: 3_600_000, message: expect.stringContaining('daily call limit') });
    expect(failureFrom(apiError('throttled', 'HTTP 429', { status: 429, retryAfterMs: 5000, limitProblem: 'minute' }), 'write')).toMatchObject({ kind: 'throttled', code: 'XERO_LIMIT_MINUTE', retryAfterMs: 5000 });
    const refused = failureFrom(apiError('rejected', 'HTTP 400', {
      status: 400, body: { ErrorNumber: 10, Type: 'ValidationException', Elements: [{ ValidationErrors: [{ Message: "Account code '999' is not a valid code for this document." }] }] },
    }), 'write');
    expect(refused).toMatchObject({ kind: 'permanent', code: 'ValidationException', message: expect.stringContaining("Account code '999'") });
    expect(failureFrom(apiError('timeout', 'timed out'), 'write').kind).toBe('ambiguous');
    expect(failureFrom(apiError('timeout', 'timed out'), 'read').kind).toBe('retryable');
  });
});
