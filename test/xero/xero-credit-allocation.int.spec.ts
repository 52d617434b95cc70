import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpenseLine, VendorDocumentPosting } from '../../src/domain/books/index.js';
import type { BooksRef } from '../../src/domain/shared/books-ref.js';
import { cents } from '../../src/domain/shared/money.js';
import { call, startXeroPort, type XeroPortHarness } from './support/xero-port-harness.js';

type Doc = Record<string, unknown>;

/**
 * A supplier credit is allocated to the bills it credits: the vendor's AUTHORISED bills on the
 * same job with an amount due, oldest first, never more than either side has left.
 */
describe('Xero books port: credit notes allocated to the bills they credit', () => {
  let h: XeroPortHarness;
  let northwind: BooksRef;
  const jobs: BooksRef[] = [];

  beforeAll(async () => {
    h = await startXeroPort();
    const vendor = await h.port.resolveVendor(call(randomUUID()), { vendorId: '5521', displayName: 'Northwind Sheet Metal LLC', match: 'lookup-or-create' });
    if (!vendor.ok) throw new Error(vendor.message);
    northwind = vendor.value.ref;
    const owner = String(h.sandbox.state.contacts().find((c) => c.Name === 'Harbor Point Builders')!.ContactID);
    for (const [projectId, jobName] of [['2468013', '2026-014 Riverside Medical Office'], ['2468014', '2026-015 Harbor Annex']] as const) {
      const job = await h.port.resolveJob(call(randomUUID()), { projectId, parentRef: { value: owner }, jobName });
      if (!job.ok) throw new Error(job.message);
      jobs.push(job.value.ref);
    }
  });
  afterAll(() => h?.close());

  const line = (amount: number, job: BooksRef): ExpenseLine => ({
    kind: 'account', accountRef: { value: '310' }, description: `23-31-00/S ${amount}`, amount: cents(amount * 100), jobRef: job, classRef: { value: 'Cost Code/23 HVAC' }, billable: false, billedFrom: null,
  });
  const document = (kind: 'bill' | 'vendor-credit', number: string, date: string, amount: number, job: BooksRef): VendorDocumentPosting => ({
    kind, vendorRef: northwind, txnDate: date, dueDate: kind === 'bill' ? '2026-06-30' : null, number,
    note: { marker: `trestle:acme:subcontractor_invoice-${number}:1`, text: 'Procore invoice' }, lines: [line(amount, job)],
  });
  const post = async (posting: VendorDocumentPosting, key = randomUUID()) => {
    const result = await h.port.post(call(key), posting);
    if (!result.ok) throw new Error(result.message);
    return result.value;
  };
  const bill = (number: string): Doc => h.sandbox.state.invoices().find((i) => i.InvoiceNumber === number)!;
  const credit = (number: string): Doc => h.sandbox.state.creditNotes().find((c) => c.CreditNoteNumber === number)!;

  it('takes a credit off the job\'s open bills, oldest first; a bill of another job is left alone; posting again allocates nothing more', async () => {
    await post(document('bill', 'NSM-2001', '2026-04-30', 3000, jobs[0]!));
    await post(document('bill', 'NSM-2000', '2026-03-31', 1000, jobs[0]!));
    await post(document('bill', 'NSM-3000', '2026-03-01', 5000, jobs[1]!));
    const key = randomUUID();
    await post(document('vendor-credit', 'NSM-2001-CR', '2026-05-05', 2500, jobs[0]!), key);
    expect([bill('NSM-2000'), bill('NSM-2001'), bill('NSM-3000')].map((b) => [b.Status, b.AmountDue, b.AmountCredited])).toEqual([
      ['PAID', 0, 1000], ['AUTHORISED', 1500, 1500], ['AUTHORISED', 5000, 0],
    ]);
    expect(credit('NSM-2001-CR')).toMatchObject({ Status: 'PAID', RemainingCredit: 0 });
    await post(document('vendor-credit', 'NSM-2001-CR', '2026-05-05', 2500, jobs[0]!), key);
    expect(bill('NSM-2001')).toMatchObject({ AmountDue: 1500 });
    expect(h.sandbox.state.creditNotes().filter((c) => c.CreditNoteNumber === 'NSM-2001-CR')).toHaveLength(1);
  });

  it('allocates no more than the bills owe: the rest stays the supplier\'s credit in Xero', async () => {
    await post(document('vendor-credit', 'NSM-2002-CR', '2026-05-06', 2000, jobs[0]!));
    expect(bill('NSM-2001')).toMatchObject({ Status: 'PAID', AmountDue: 0 });
    expect(credit('NSM-2002-CR')).toMatchObject({ Status: 'AUTHORISED', RemainingCredit: 500 });
    expect((credit('NSM-2002-CR').Allocations as Doc[]).map((a) => [a.Amount, (a.Invoice as Doc).InvoiceNumber])).toEqual([[1500, 'NSM-2001']]);
  });
});
