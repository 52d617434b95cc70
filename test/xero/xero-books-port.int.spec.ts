import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BooksRef } from '../../src/domain/shared/books-ref.js';
import type { ExpenseLine, VendorDocumentPosting } from '../../src/domain/books/index.js';
import { cents } from '../../src/domain/shared/money.js';
import { xeroTime } from '../../src/adapters/xero/xero-client.js';
import { call, CONNECTION, PUBLIC_URL, startXeroPort, type XeroPortHarness } from './support/xero-port-harness.js';

type Doc = Record<string, unknown>;

const costLine = (amount: number, account = '310', classRef = 'Cost Code/23 HVAC', jobRef: BooksRef | null = null): ExpenseLine => ({
  kind: 'account', accountRef: { value: account }, description: `23-31-00/S ductwork ${amount}`, amount: cents(amount * 100),
  jobRef, classRef: { value: classRef }, billable: false, billedFrom: null,
});

describe('Xero books port against the Xero sandbox over HTTP', () => {
  let h: XeroPortHarness;
  let northwind: BooksRef;
  let job: BooksRef;
  beforeAll(async () => {
    // More calls than Xero's 60 a minute in this file (credits look for bills to allocate to): the limits have their own tests.
    h = await startXeroPort({ limits: { perMinute: 1000 } });
    const vendor = await h.port.resolveVendor(call(randomUUID()), { vendorId: '5521', displayName: 'Northwind Sheet Metal LLC', match: 'lookup-or-create' });
    if (!vendor.ok) throw new Error(vendor.message);
    northwind = vendor.value.ref;
    const owner = h.sandbox.state.contacts().find((c) => c.Name === 'Harbor Point Builders')!;
    const resolved = await h.port.resolveJob(call(randomUUID()), { projectId: '2468013', parentRef: { value: String(owner.ContactID) }, jobName: '2026-014 Riverside Medical Office' });
    if (!resolved.ok) throw new Error(resolved.message);
    job = resolved.value.ref;
  });
  afterAll(() => h?.close());

  const billOf = (number: string, marker: string, lines: ExpenseLine[]): VendorDocumentPosting => ({
    kind: 'bill', vendorRef: northwind, txnDate: '2026-03-31', dueDate: '2026-04-30', number, note: { marker, text: `${marker} Procore invoice` }, lines,
  });
  const bills = (number: string) => h.sandbox.state.invoices().filter((i) => i.InvoiceNumber === number && i.Type === 'ACCPAY');

  it('writes a line whose rule names an item with its ItemCode (Xero takes the item\'s purchase account); an item Xero does not buy parks that bill with Xero\'s words', async () => {
    const itemLine = (code: string): ExpenseLine => ({
      kind: 'item', itemRef: { value: code }, qty: 1, unitPrice: cents(1_200_00), description: '23-31-00/S ductwork by item', amount: cents(1_200_00),
      jobRef: job, classRef: { value: 'Cost Code/23 HVAC' }, billable: false, billedFrom: null,
    });
    const posted = await h.port.post(call('item-bill-1'), billOf('NSM-ITEM-1', 'trestle:acme:subcontractor_invoice-item1:1', [itemLine('DUCT-SUB')]));
    expect(posted.ok).toBe(true);
    expect(bills('NSM-ITEM-1')[0]).toMatchObject({ Total: 1200, LineItems: [expect.objectContaining({ ItemCode: 'DUCT-SUB', AccountCode: '310', LineAmount: 1200 })] });
    const refused = await h.port.post(call('item-bill-2'), billOf('NSM-ITEM-2', 'trestle:acme:subcontractor_invoice-item2:1', [itemLine('HVAC-LAB')]));
    expect(refused).toMatchObject({ ok: false, kind: 'permanent', message: expect.stringContaining("Item 'HVAC-LAB' is not purchased") });
    expect(bills('NSM-ITEM-2')).toHaveLength(0);
  });

  it('uses the seeded contact with the vendor\'s name rather than creating another; creates a missing one with its ContactNumber', async () => {
    expect(h.sandbox.state.contacts().filter((c) => c.Name === 'Northwind Sheet Metal LLC')).toHaveLength(1);
    const apex = await h.port.resolveVendor(call(randomUUID()), { vendorId: '5523', displayName: 'Apex Controls Co', match: 'lookup-or-create' });
    expect(apex).toMatchObject({ ok: true, value: { created: true, ref: { name: 'Apex Controls Co' } } });
    expect(h.sandbox.state.contacts().find((c) => c.Name === 'Apex Controls Co')).toMatchObject({ ContactNumber: 'procore-vendor-5523' });
    const again = await h.port.findVendor(call(randomUUID()), { vendorId: '5523', displayName: 'Apex Controls Co (renamed in Procore)', match: 'lookup-or-create' });
    expect(again).toMatchObject({ ok: true, value: { created: false, ref: { value: apex.ok ? apex.value.ref.value : '' } } });
  });

  it('does not link a vendor to another party\'s contact of the same name: it creates "(vendor)" beside it', async () => {
    const other = await h.port.resolveVendor(call(randomUUID()), { vendorId: '9001', displayName: 'Ridge Electric', match: 'lookup-or-create' });
    expect(other.ok).toBe(true);
    const second = await h.port.resolveVendor(call(randomUUID()), { vendorId: '9002', displayName: 'Ridge Electric', match: 'lookup-or-create' });
    expect(second).toMatchObject({ ok: true, value: { created: true, ref: { name: 'Ridge Electric (vendor)' } } });
    expect(h.sandbox.state.contacts().filter((c) => String(c.Name).startsWith('Ridge Electric'))).toHaveLength(2);
  });

  it('adds a Job tracking option for a new project once, and finds it after', async () => {
    const owner = h.sandbox.state.contacts().find((c) => c.Name === 'Harbor Point Builders')!;
    const query = { projectId: '2468099', parentRef: { value: String(owner.ContactID) }, jobName: '2026-020 Eastside Clinic' };
    const created = await h.port.resolveJob(call(randomUUID()), query);
    expect(created).toMatchObject({ ok: true, value: { created: true, ref: { name: 'Job/2026-020 Eastside Clinic' } } });
    const found = await h.port.findJob(call(randomUUID()), query);
    expect(found).toMatchObject({ ok: true, value: { created: false, ref: { value: created.ok ? created.value.ref.value : '' } } });
    const options = [...h.sandbox.state.organisation().data.tracking.values()].find((t) => t.Name === 'Job')!.Options;
    expect(options.filter((o) => o.Name === '2026-020 Eastside Clinic')).toHaveLength(1);
  });

  it('posts a bill as AUTHORISED ACCPAY with Job and Cost Code tracking and the marker Url; a redelivery replays, never a second bill', async () => {
    const key = randomUUID();
    const posting = billOf('NSM-9001', 'trestle:acme:9001:1', [costLine(45000, '310', 'Cost Code/23 HVAC', job), costLine(4800, '320', 'Cost Code/23 HVAC', job)]);
    const first = await h.port.post(call(key), posting);
    expect(first).toMatchObject({ ok: true, value: { number: 'NSM-9001' } });
    const again = await h.port.post(call(key), posting);
    expect(again).toMatchObject({ ok: true, value: { id: first.ok ? first.value.id : '' } });
    const [bill, ...more] = bills('NSM-9001');
    expect(more).toHaveLength(0);
    expect(bill).toMatchObject({ Status: 'AUTHORISED', Total: 49800, Url: `${PUBLIC_URL}/books/trestle:acme:9001:1`, Contact: { ContactID: northwind.value } });
    expect((bill!.LineItems as Doc[])[0]).toMatchObject({ AccountCode: '310', TaxType: 'NONE', Tracking: [{ Name: 'Job', Option: '2026-014 Riverside Medical Office' }, { Name: 'Cost Code', Option: '23 HVAC' }] });
    // Inbound knows the echo of this write by the version it normalises a Xero invoice to (UpdatedDateUTC in ms).
    expect(await h.known.get(CONNECTION, 'xero', 'Invoice', first.ok ? first.value.id : '')).toMatchObject({ origin: 'hub', version: String(xeroTime(bill!.UpdatedDateUTC)) });
  });

  it('finds a bill whose answer was lost by its marker, and answers null for one never written', async () => {
    const posting = billOf('NSM-9002', 'trestle:acme:9002:1', [costLine(1000)]);
    const written = await h.port.post(call(randomUUID()), posting);
    expect(await h.port.findPosted(call(randomUUID()), posting)).toMatchObject({ ok: true, value: { id: written.ok ? written.value.id : 'x' } });
    expect(await h.port.findPosted(call(randomUUID()), { ...posting, number: 'NSM-9003', note: { marker: 'trestle:acme:9003:1', text: 'x' } })).toEqual({ ok: true, value: null, status: 200 });
  });

  it('after Xero applies a bill and drops the connection: the write is ambiguous, the lookup by marker finds it, a resend replays', async () => {
    h.sandbox.faults.add({ kind: 'timeout-after-write', count: 1 }, { method: 'PUT', path: '/Invoices' });
    const key = randomUUID();
    const posting = billOf('NSM-9004', 'trestle:acme:9004:1', [costLine(1200)]);
    const lost = await h.port.post(call(key), posting);
    expect(lost).toMatchObject({ ok: false, kind: 'ambiguous' });
    const found = await h.port.findPosted(call(randomUUID()), posting);
    expect(found).toMatchObject({ ok: true, value: { number: 'NSM-9004' } });
    expect(await h.port.post(call(key), posting)).toMatchObject({ ok: true, value: { id: found.ok ? found.value?.id : 'x' } });
    expect(bills('NSM-9004')).toHaveLength(1);
  });

  it('posts a batch in one summarizeErrors=false call: a bad account code parks that bill alone, naming the code', async () => {
    const items = ['9101', '9102', '9103'].map((n) => ({
      connection: CONNECTION, posting: billOf(`NSM-${n}`, `trestle:acme:${n}:1`, [costLine(2000, n === '9102' ? '999' : '310')]),
    }));
    const results = await h.port.postBatch({ idempotencyKey: randomUUID(), signal: new AbortController().signal, items });
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[1]).toMatchObject({ ok: false, kind: 'permanent', code: 'ValidationException', message: expect.stringContaining("Account code '999' is not a valid code") });
    expect([bills('NSM-9101').length, bills('NSM-9102').length, bills('NSM-9103').length]).toEqual([1, 0, 1]);
  });

  it('writes a vendor credit as an ACCPAYCREDIT credit note once, and finds it by contact, number, date and total', async () => {
    const key = randomUUID();
    const posting: VendorDocumentPosting = { ...billOf('NSM-1077-CR', 'trestle:acme:1280644:1', [costLine(2500)]), kind: 'vendor-credit', dueDate: null };
    const first = await h.port.post(call(key), posting);
    expect(first).toMatchObject({ ok: true, value: { number: 'NSM-1077-CR' } });
    await h.port.post(call(key), posting);
    const notes = h.sandbox.state.creditNotes().filter((c) => c.CreditNoteNumber === 'NSM-1077-CR');
    expect(notes).toHaveLength(1);
    // AUTHORISED, then allocated to Northwind's open bills (xero-credit-allocation.int.spec.ts).
    expect(notes[0]).toMatchObject({ Type: 'ACCPAYCREDIT', Status: expect.stringMatching(/^(AUTHORISED|PAID)$/), Total: 2500 });
    expect(await h.port.findPosted(call(randomUUID()), posting)).toMatchObject({ ok: true, value: { id: first.ok ? first.value.id : 'x' } });
  });

  it('updates a bill in place and voids it on retirement; retiring again is success', async () => {
    const posting = billOf('NSM-9201', 'trestle:acme:9201:1', [costLine(3000)]);
    const written = await h.port.post(call(randomUUID()), posting);
    if (!written.ok) throw new Error(written.message);
    const changed = { ...posting, note: { marker: 'trestle:acme:9201:2', text: 'v2' }, lines: [costLine(3500)] };
    const updated = await h.port.update(call(randomUUID()), { kind: 'bill', id: written.value.id, version: written.value.version }, changed);
    expect(updated).toMatchObject({ ok: true, value: { id: written.value.id } });
    expect(bills('NSM-9201')).toMatchObject([{ Total: 3500, Url: `${PUBLIC_URL}/books/trestle:acme:9201:2` }]);
    expect(await h.port.findUpdated(call(randomUUID()), { kind: 'bill', id: written.value.id, version: '' }, changed)).toMatchObject({ ok: true, value: { id: written.value.id } });
    const existing = { kind: 'bill' as const, id: written.value.id, version: '' };
    expect(await h.port.retire(call(randomUUID()), existing, 'delete')).toMatchObject({ ok: true });
    expect(bills('NSM-9201')).toMatchObject([{ Status: 'VOIDED' }]);
    expect(await h.port.retire(call(randomUUID()), existing, 'delete')).toMatchObject({ ok: true });
    expect(await h.port.findRetired(call(randomUUID()), existing, 'delete')).toMatchObject({ ok: true, value: { id: written.value.id } });
  });

  it('keeps one purchase order per commitment: an update rewrites it with its line ids kept', async () => {
    const line = { ...costLine(150000, '310', 'Cost Code/23 HVAC', job), lineKey: '23-31-00/S', lineId: null };
    const posting = { kind: 'purchase-order' as const, vendorRef: northwind, txnDate: '2026-03-01', number: 'WO-001', memo: 'Ductwork', note: { marker: 'trestle:acme:786001:1', text: 'x' }, lines: [line] };
    const written = await h.port.post(call(randomUUID()), posting);
    if (!written.ok) throw new Error(written.message);
    const lineId = written.value.lineIds?.[0]?.lineId;
    expect(lineId).toBeTruthy();
    const grown = { ...posting, note: { marker: 'trestle:acme:786001:2', text: 'x' }, lines: [{ ...line, amount: cents(16250000), lineId: lineId! }] };
    const updated = await h.port.update(call(randomUUID()), { kind: 'purchase-order', id: written.value.id, version: written.value.version }, grown);
    expect(updated).toMatchObject({ ok: true, value: { lineIds: [{ lineKey: '23-31-00/S', lineId }] } });
    expect(h.sandbox.state.purchaseOrders()).toMatchObject([{ PurchaseOrderNumber: 'WO-001', Total: 162500, Reference: 'trestle:acme:786001:2' }]);
  });

  it('parks a project when the Job category is full, with Xero\'s words; nothing is created', async () => {
    const job = [...h.sandbox.state.organisation().data.tracking.values()].find((t) => t.Name === 'Job')!;
    while (job.Options.length < 100) job.Options.push({ TrackingOptionID: randomUUID(), Name: `Filler ${job.Options.length}`, Status: 'ACTIVE' });
    const owner = h.sandbox.state.contacts().find((c) => c.Name === 'Harbor Point Builders')!;
    const result = await h.port.resolveJob(call(randomUUID()), { projectId: '2468777', parentRef: { value: String(owner.ContactID) }, jobName: '2026-777 One Too Many' });
    expect(result).toMatchObject({ ok: false, kind: 'permanent', message: expect.stringContaining('already has 100 active options') });
    expect(job.Options.some((o) => o.Name === '2026-777 One Too Many')).toBe(false);
  });

  it('reads a payment made in Xero as the hub records it', async () => {
    const written = await h.port.post(call(randomUUID()), billOf('NSM-9301', 'trestle:acme:9301:1', [costLine(800)]));
    if (!written.ok) throw new Error(written.message);
    const paid = h.sandbox.state.recordPayment({ InvoiceID: written.value.id, Amount: 300, Date: '2026-04-15' });
    if (!paid.ok) throw new Error(paid.errors.join(' '));
    const read = await h.port.readPayment(CONNECTION, 'bill_payment', String(paid.object.PaymentID));
    expect(read).toMatchObject({ ok: true, value: { kind: 'bill_payment', totalAmount: 30000, txnDate: '2026-04-15', appliedTo: [{ txnId: written.value.id, amount: 30000 }] } });
    expect(await h.port.readPayment(CONNECTION, 'bill_payment', randomUUID())).toMatchObject({ ok: true, value: null });
    // Payments received share the id space: a bill payment is not one.
    expect(await h.port.readPayment(CONNECTION, 'payment', String(paid.object.PaymentID))).toMatchObject({ ok: true, value: null });
  });

  it('amends the contract\'s quote: a change order\'s lines replace the ones it wrote before, once', async () => {
    const owner = h.sandbox.state.contacts().find((c) => c.Name === 'Harbor Point Builders')!;
    const client = h.deps.clients.xero(CONNECTION)!;
    const made = await client.write('PUT', '/Quotes', { Quotes: [{ Contact: { ContactID: owner.ContactID }, QuoteNumber: 'PC-001', Date: '2026-03-01', Status: 'DRAFT', LineItems: [
      { Description: 'Mechanical and plumbing', Quantity: 1, UnitAmount: 612000, AccountCode: '200', TaxType: 'NONE' },
    ] }] }, randomUUID());
    if (!made.ok) throw new Error(made.error.message);
    const found = await h.port.findEstimate(CONNECTION, ['PCO-001', 'PC-001']);
    expect(found).toEqual({ estimateId: (made.body.Quotes as Doc[])[0]!.QuoteID });
    const co = (amount: number) => ({ kind: 'item' as const, description: `PCO-001 exhaust ${amount}`, amount: cents(amount * 100), itemRef: { value: '200' }, qty: 1 as const, unitPrice: cents(amount * 100), classRef: { value: 'Cost Code/23 HVAC' }, source: null });
    const first = await h.port.amendEstimate(call(randomUUID()), { estimateId: found!.estimateId, replaceLineIds: [], lines: [co(16800)] });
    if (!first.ok) throw new Error(first.message);
    expect(first.value.lineIds).toHaveLength(1);
    const second = { estimateId: found!.estimateId, replaceLineIds: first.value.lineIds, lines: [co(17000), co(5600)] };
    const key = randomUUID();
    expect(await h.port.findEstimateAmended(call(key), second)).toMatchObject({ ok: true, value: null });
    expect(await h.port.amendEstimate(call(key), second)).toMatchObject({ ok: true, value: { lineIds: [expect.any(String), expect.any(String)] } });
    expect(await h.port.findEstimateAmended(call(randomUUID()), second)).toMatchObject({ ok: true, value: { id: found!.estimateId } });
    const [quote] = h.sandbox.state.quotes();
    expect((quote!.LineItems as Doc[]).map((l) => l.UnitAmount)).toEqual([612000, 17000, 5600]);
    expect(quote).toMatchObject({ Total: 634600 });
  });

});
