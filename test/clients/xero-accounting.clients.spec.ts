import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditNote, Invoice, LineAmountTypes, type LineItem, type XeroClient } from 'xero-node';
import { SAMPLE_XERO } from '../../sandbox/sample/sample-project.js';
import { startXeroSandbox, type XeroSandbox } from '../../sandbox/xero/index.js';
import { apiFailure, connectedXeroClient, routeVendorHostsTo } from './xero-sdk.js';

const TENANT = SAMPLE_XERO.tenantId;

const ductwork = (overrides: Partial<LineItem> = {}): LineItem => ({
  description: 'Supply and return ductwork', quantity: 1, unitAmount: 45000, accountCode: '310', taxType: 'NONE',
  tracking: [{ name: 'Job', option: '2026-014 Riverside Medical Office' }, { name: 'Cost Code', option: '23 HVAC' }],
  ...overrides,
});

/** An AUTHORISED bill (ACCPAY) to the seeded subcontractor, one tracked line. */
const bill = (invoiceNumber: string, line: Partial<LineItem> = {}): Invoice => ({
  type: Invoice.TypeEnum.ACCPAY, contact: { name: 'Northwind Sheet Metal LLC' }, invoiceNumber,
  date: '2026-03-31', dueDate: '2026-04-30', status: Invoice.StatusEnum.AUTHORISED, lineAmountTypes: LineAmountTypes.Exclusive,
  lineItems: [ductwork(line)],
});

const numbered = (sandbox: XeroSandbox, invoiceNumber: string) => sandbox.state.invoices().filter((i) => i.InvoiceNumber === invoiceNumber);

describe('xero-node (unmodified) against the Xero sandbox: contacts, invoices, batches, voids, idempotent retries', () => {
  let sandbox: XeroSandbox;
  let unroute: () => void;
  let xero: XeroClient;

  beforeAll(async () => {
    sandbox = await startXeroSandbox();
    unroute = routeVendorHostsTo(sandbox);
    xero = await connectedXeroClient(sandbox);
  });
  afterAll(async () => {
    unroute();
    await sandbox.close();
  });

  it('reads Items and writes a bill line by ItemCode, on the item\'s purchase account; an unknown code is a ValidationException', async () => {
    const items = (await xero.accountingApi.getItems(TENANT)).body.items!;
    expect(items.map((i) => [i.code, i.isPurchased, i.purchaseDetails?.accountCode])).toEqual([['DUCT-SUB', true, '310'], ['HVAC-LAB', false, undefined]]);
    const created = await xero.accountingApi.createInvoices(TENANT, { invoices: [bill('NSM-ITEM-9', { itemCode: 'DUCT-SUB', accountCode: undefined, unitAmount: 900 })] });
    expect(created.body.invoices![0]!.lineItems![0]).toMatchObject({ itemCode: 'DUCT-SUB', accountCode: '310', lineAmount: 900 });
    const refused = await apiFailure(xero.accountingApi.createInvoices(TENANT, { invoices: [bill('NSM-ITEM-10', { itemCode: 'NOPE', accountCode: undefined })] }));
    expect(refused.response.statusCode).toBe(400);
    expect(JSON.stringify(refused.response.body)).toContain("Item code 'NOPE' is not valid.");
  });

  it('allocates an AUTHORISED supplier credit note to a bill of its contact; more than is left on either side, a draft or another contact\'s bill is refused', async () => {
    const billId = (await xero.accountingApi.createInvoices(TENANT, { invoices: [bill('NSM-ALLOC-1', { unitAmount: 1000 })] })).body.invoices![0]!.invoiceID!;
    const credit = (status: CreditNote.StatusEnum, contact = 'Northwind Sheet Metal LLC') => xero.accountingApi.createCreditNotes(TENANT, { creditNotes: [{
      type: CreditNote.TypeEnum.ACCPAYCREDIT, contact: { name: contact }, date: '2026-05-05', status, lineAmountTypes: LineAmountTypes.NoTax,
      lineItems: [{ description: 'Back-charge', quantity: 1, unitAmount: 300, accountCode: '310', taxType: 'NONE' }],
    }] }).then((r) => r.body.creditNotes![0]!.creditNoteID!);
    const allocation = (amount: number) => ({ allocations: [{ invoice: { invoiceID: billId }, amount, date: '2026-05-05' }] });
    const creditId = await credit(CreditNote.StatusEnum.AUTHORISED);
    const tooMuch = await apiFailure(xero.accountingApi.createCreditNoteAllocation(TENANT, creditId, allocation(300.01)));
    expect(JSON.stringify(tooMuch.response.body)).toContain("more than the credit note's remaining credit");
    const made = await xero.accountingApi.createCreditNoteAllocation(TENANT, creditId, allocation(200), undefined, 'alloc-key-1');
    expect(made.body.allocations![0]).toMatchObject({ amount: 200, invoice: { invoiceID: billId } });
    expect((await xero.accountingApi.getInvoice(TENANT, billId)).body.invoices![0]).toMatchObject({ amountDue: 800, amountCredited: 200, status: 'AUTHORISED' });
    expect((await xero.accountingApi.getCreditNote(TENANT, creditId)).body.creditNotes![0]).toMatchObject({ remainingCredit: 100 });
    const draftId = await credit(CreditNote.StatusEnum.DRAFT);
    expect(JSON.stringify((await apiFailure(xero.accountingApi.createCreditNoteAllocation(TENANT, draftId, allocation(50)))).response.body)).toContain('only an AUTHORISED credit note');
    const otherId = await credit(CreditNote.StatusEnum.AUTHORISED, 'Summit Insulation Inc');
    expect(JSON.stringify((await apiFailure(xero.accountingApi.createCreditNoteAllocation(TENANT, otherId, allocation(50)))).response.body)).toContain('same contact');
    await xero.accountingApi.createCreditNoteAllocation(TENANT, creditId, allocation(100));
    expect((await xero.accountingApi.getCreditNote(TENANT, creditId)).body.creditNotes![0]).toMatchObject({ remainingCredit: 0, status: 'PAID' });
  });

  it('creates, reads, finds and updates a contact; a duplicate name is a ValidationException', async () => {
    const created = await xero.accountingApi.createContacts(TENANT, { contacts: [{ name: 'Ironwood Glazing LLC', contactNumber: 'procore-vendor-77' }] });
    const contactID = created.body.contacts![0]!.contactID!;
    expect(contactID).toMatch(/^[0-9a-f-]{36}$/);
    expect((await xero.accountingApi.getContact(TENANT, contactID)).body.contacts![0]).toMatchObject({ name: 'Ironwood Glazing LLC' });
    const found = await xero.accountingApi.getContacts(TENANT, undefined, 'ContactNumber=="procore-vendor-77"');
    expect(found.body.contacts!.map((c) => c.contactID)).toEqual([contactID]);

    const updated = await xero.accountingApi.updateContact(TENANT, contactID, { contacts: [{ emailAddress: 'ap@ironwood.example.com' }] });
    expect(updated.body.contacts![0]).toMatchObject({ contactID, name: 'Ironwood Glazing LLC', emailAddress: 'ap@ironwood.example.com' });

    const duplicate = await apiFailure(xero.accountingApi.createContacts(TENANT, { contacts: [{ name: 'Ironwood Glazing LLC' }] }));
    expect(duplicate.response.statusCode).toBe(400);
    expect(duplicate.response.body).toMatchObject({
      ErrorNumber: 10, Type: 'ValidationException', Elements: [{ ValidationErrors: [{ Message: expect.stringMatching(/already/i) }] }],
    });
  });

  it('creates a tracked bill, reads it back with totals, and updates its line', async () => {
    const created = await xero.accountingApi.createInvoices(TENANT, { invoices: [bill('NSM-2001')] });
    const invoice = created.body.invoices![0]!;
    expect(invoice).toMatchObject({ type: 'ACCPAY', status: 'AUTHORISED', total: 45000, amountDue: 45000, invoiceNumber: 'NSM-2001' });

    const read = (await xero.accountingApi.getInvoice(TENANT, invoice.invoiceID!)).body.invoices![0]!;
    expect(read.contact).toMatchObject({ name: 'Northwind Sheet Metal LLC' });
    expect(read.lineItems![0]!.tracking!.map((t) => t.option)).toEqual(['2026-014 Riverside Medical Office', '23 HVAC']);

    const updated = await xero.accountingApi.updateInvoice(TENANT, invoice.invoiceID!, {
      invoices: [{ lineItems: [ductwork({ description: 'Ductwork, revised', unitAmount: 47250.5 })] }],
    });
    expect(updated.body.invoices![0]).toMatchObject({ invoiceID: invoice.invoiceID, total: 47250.5 });
    expect(numbered(sandbox, 'NSM-2001')).toEqual([expect.objectContaining({ Total: 47250.5 })]);
  });

  it('batches with summarizeErrors=false: 200, valid objects saved, each invalid one carries its own validation errors', async () => {
    const batch = { invoices: [bill('NSM-3001'), bill('NSM-3002', { accountCode: '999' }), bill('NSM-3003')] };
    const result = await xero.accountingApi.createInvoices(TENANT, batch, false);
    expect(result.response.status).toBe(200);
    const [first, bad, third] = result.body.invoices!;
    expect(first).toMatchObject({ hasErrors: false, statusAttributeString: 'OK', invoiceNumber: 'NSM-3001' });
    expect(third).toMatchObject({ hasErrors: false, statusAttributeString: 'OK', invoiceNumber: 'NSM-3003' });
    expect(bad).toMatchObject({ hasErrors: true, statusAttributeString: 'ERROR' });
    expect(bad!.validationErrors![0]!.message).toMatch(/999/);
    expect(numbered(sandbox, 'NSM-3001')).toHaveLength(1);
    expect(numbered(sandbox, 'NSM-3002')).toHaveLength(0);
  });

  it('without summarizeErrors=false, one invalid object fails the whole batch with 400 and saves nothing', async () => {
    const failure = await apiFailure(xero.accountingApi.createInvoices(TENANT, { invoices: [bill('NSM-4001'), bill('NSM-4002', { accountCode: '999' })] }));
    expect(failure.response.statusCode).toBe(400);
    expect(failure.response.body).toMatchObject({ Type: 'ValidationException', Elements: [{ ValidationErrors: [{ Message: expect.stringMatching(/999/) }] }] });
    expect(numbered(sandbox, 'NSM-4001')).toHaveLength(0);
  });

  it('voids an authorised bill; a bill with a payment cannot be voided', async () => {
    const [open, paid] = (await xero.accountingApi.createInvoices(TENANT, { invoices: [bill('NSM-5001'), bill('NSM-5002')] })).body.invoices!;
    const voided = await xero.accountingApi.updateInvoice(TENANT, open!.invoiceID!, { invoices: [{ status: Invoice.StatusEnum.VOIDED }] });
    expect(voided.body.invoices![0]).toMatchObject({ status: 'VOIDED' });
    expect(numbered(sandbox, 'NSM-5001')[0]).toMatchObject({ Status: 'VOIDED' });

    const payment = await xero.accountingApi.createPayment(TENANT, { invoice: { invoiceID: paid!.invoiceID }, account: { code: '090' }, amount: 1000, date: '2026-04-15' });
    expect(payment.body.payments![0]).toMatchObject({ amount: 1000 });
    const refused = await apiFailure(xero.accountingApi.updateInvoice(TENANT, paid!.invoiceID!, { invoices: [{ status: Invoice.StatusEnum.VOIDED }] }));
    expect(refused.response.statusCode).toBe(400);
    expect(refused.response.body).toMatchObject({ Type: 'ValidationException' });
    expect(numbered(sandbox, 'NSM-5002')[0]).toMatchObject({ Status: 'AUTHORISED', AmountPaid: 1000 });
  });

  it('retries with the same Idempotency-Key after a lost response: one bill, the original answer', async () => {
    const key = 'procore-req-1280699-v1';
    sandbox.faults.add({ kind: 'timeout-after-write', count: 1 }, { method: 'PUT', path: '/Invoices' });
    const lost = await apiFailure(xero.accountingApi.createInvoices(TENANT, { invoices: [bill('NSM-6001')] }, undefined, undefined, key));
    expect(lost.response.statusCode).toBe(0); // no HTTP answer at all: the ambiguous case
    expect(numbered(sandbox, 'NSM-6001')).toHaveLength(1); // ...yet the bill was written

    const retried = await xero.accountingApi.createInvoices(TENANT, { invoices: [bill('NSM-6001')] }, undefined, undefined, key);
    expect(retried.response.status).toBe(200);
    expect(retried.body.invoices![0]!.invoiceID).toBe(numbered(sandbox, 'NSM-6001')[0]!.InvoiceID);
    expect(numbered(sandbox, 'NSM-6001')).toHaveLength(1);

    const reused = await apiFailure(xero.accountingApi.createInvoices(TENANT, { invoices: [bill('NSM-6002')] }, undefined, undefined, key));
    expect(reused.response.statusCode).toBe(422); // same key, other request (Xero leaves this UNCONFIRMED; the sandbox refuses)
    expect(numbered(sandbox, 'NSM-6002')).toHaveLength(0);
  });
});
