import { describe, expect, it } from 'vitest';
import type { SubcontractorInvoiceEvent } from '../documents/document-events.js';
import type { Cents } from '../shared/money.js';
import type { BooksMatchLookup } from './books-match.js';
import { CONTEXT, costLine, given, invoiceWith, play } from './invoice-sync.fixtures.js';

/** A Buildertrend bill: no retainage, so its net is its gross. */
const REF = { connection: 'keystone', source: 'buildertrend', type: 'subcontractor_invoice', externalId: '2468013:ab12:APX-118' } as const;
const BILL = invoiceWith([{ ...costLine('23-09-00:S:1', '23-09-00', 'S', 'Controls rough-in', '9625.00'), retainage: 0 as Cents }],
  { commitmentId: '', vendorId: 'ab12', vendorName: 'Apex Controls Co', number: 'APX-118', invoiceNumber: 'APX-118', retainageAmount: 0 as Cents, netAmount: 962_500 as Cents, retainagePercent: null });
const event = (change: 'Approved' | 'Revised' | 'Voided', version: string, snapshot = BILL): SubcontractorInvoiceEvent =>
  ({ type: `SubcontractorInvoice${change}.v1`, data: { ref: REF, version, observedAt: version, snapshot, raw: {} } } as SubcontractorInvoiceEvent);
const found = (total: number, id = '301') => ({ kind: 'bill' as const, id, version: '2', number: 'APX-118', total: total as Cents });
const lookup = (mode: BooksMatchLookup['mode'], ...docs: ReturnType<typeof found>[]): BooksMatchLookup => ({ mode, supported: true, found: docs });
const types = (outputs: readonly { type: string }[]) => outputs.map((o) => o.type);

describe('invoice sync: a Buildertrend bill the books may already hold', () => {
  it('links the bill the books hold under the same vendor, number and amount, and writes nothing', () => {
    const outputs = given([]).when(event('Approved', 'v1'), { ...CONTEXT, booksMatch: lookup('hub-posts', found(962_500)) });
    expect(outputs).toEqual([
      { type: 'InvoiceMatchedInBooks.v1', data: { invoice: REF, version: 'v1', entity: 'Bill', booksId: '301', docNumber: 'APX-118', syncToken: '2', mode: 'hub-posts', total: 962_500, lines: [{ costCode: '23-09-00', costType: 'S', amount: 962_500 }] } },
      { type: 'InvoiceSynced.v1', data: { invoice: REF, version: 'v1', entity: 'Bill', booksId: '301', docNumber: 'APX-118', syncToken: '2' } },
    ]);
  });

  it('posts it when the books hold none (hub-posts)', () => {
    expect(types(given([]).when(event('Approved', 'v1'), { ...CONTEXT, booksMatch: lookup('hub-posts') }))).toEqual(['InvoiceValidated.v1', 'PostBillRequested.v1']);
  });

  it('parks it until Buildertrend has synced it (books-synced-natively), then links it on a retry', () => {
    const stream = play([event('Approved', 'v1')], { ...CONTEXT, booksMatch: lookup('books-synced-natively') });
    expect(types(stream)).toEqual(['SubcontractorInvoiceApproved.v1', 'DocumentSyncParked.v1']);
    expect((stream[1]!.data as { message: string }).message).toContain('the books hold no bill APX-118 from Apex Controls Co for 9625.00 yet');
    const retry = { type: 'SyncRetryRequested.v1', data: { document: REF, requestedBy: 'op', requestedAt: 't' } } as never;
    expect(types(given(stream).when(retry, { ...CONTEXT, booksMatch: lookup('books-synced-natively', found(962_500)) })))
      .toEqual(['DocumentSyncResumed.v1', 'InvoiceMatchedInBooks.v1', 'InvoiceSynced.v1']);
  });

  it('parks a bill the books hold under its vendor and number for another amount, naming both', () => {
    const outputs = given([]).when(event('Approved', 'v1'), { ...CONTEXT, booksMatch: lookup('hub-posts', found(900_000)) });
    expect(types(outputs)).toEqual(['DocumentSyncParked.v1']);
    expect((outputs[0]!.data as { message: string }).message).toBe('The books hold Bill APX-118 (id 301) from Apex Controls Co for 9000.00, not the bill APX-118 from Apex Controls Co for 9625.00: correct one of them, then retry.');
  });

  it('parks with "not supported" when the books port cannot look', () => {
    const outputs = given([]).when(event('Approved', 'v1'), { ...CONTEXT, booksMatch: { mode: 'hub-posts', supported: false, system: 'QuickBooks Desktop' } });
    expect((outputs[0]!.data as { message: string }).message).toContain('not supported for QuickBooks Desktop');
  });

  it('never updates or deletes a matched bill: a revision is matched again, a void lets go of it', () => {
    const matched = play([event('Approved', 'v1')], { ...CONTEXT, booksMatch: lookup('hub-posts', found(962_500)) });
    const revised = invoiceWith(BILL.lines.map((l) => ({ ...l, amount: 1_000_000 as Cents })), { ...BILL, grossAmount: 1_000_000 as Cents, netAmount: 1_000_000 as Cents });
    expect(types(given(matched).when(event('Revised', 'v2', revised), { ...CONTEXT, booksMatch: lookup('hub-posts', found(1_000_000, '301')) })))
      .toEqual(['InvoiceMatchedInBooks.v1', 'InvoiceSynced.v1']);
    expect(given(matched).when(event('Voided', 'v2'), { ...CONTEXT, booksMatch: lookup('hub-posts') }))
      .toEqual([{ type: 'InvoiceVoidSynced.v1', data: { invoice: REF, version: 'v2', removed: null } }]);
  });
});
