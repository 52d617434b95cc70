import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_XERO } from '../../sandbox/sample/sample-project.js';
import { startXeroSandbox, type XeroSandbox } from '../../sandbox/xero/index.js';
import { client, connect, sampleBill, type XeroClient } from './xero-test-client.js';

describe('Xero sandbox: contacts, settings and payments', () => {
  let sandbox: XeroSandbox;
  let xero: XeroClient;

  beforeAll(async () => {
    sandbox = await startXeroSandbox({ limits: { perMinute: 1000 } });
    xero = client(sandbox, (await connect(sandbox)).access_token);
  });
  afterAll(() => sandbox.close());

  const authorisedBill = async (number: string, amount = 45000) => {
    const response = await xero.put('/Invoices', sampleBill({ InvoiceNumber: number, LineItems: [{ Description: 'Ductwork', Quantity: 1, UnitAmount: amount, AccountCode: '310' }] }));
    return response.json.Invoices[0].InvoiceID as string;
  };

  it('refuses a second active contact with the same name (case-insensitive); an archived one frees it', async () => {
    const created = await xero.put('/Contacts', { Contacts: [{ Name: 'Apex Controls Co', ContactNumber: 'procore-vendor-5523' }] });
    expect(created.status).toBe(200);
    expect(created.json.Contacts[0]).toMatchObject({ Name: 'Apex Controls Co', ContactNumber: 'procore-vendor-5523', ContactStatus: 'ACTIVE' });
    const duplicate = await xero.put('/Contacts', { Name: 'APEX CONTROLS CO' });
    expect(duplicate.status).toBe(400);
    expect(duplicate.json.Elements[0]).toMatchObject({
      ContactID: '00000000-0000-0000-0000-000000000000',
      ValidationErrors: [{ Message: 'The contact name APEX CONTROLS CO is already assigned to another contact. The contact name must be unique across all active contacts.' }],
    });
    const id = created.json.Contacts[0].ContactID as string;
    expect((await xero.post(`/Contacts/${id}`, { ContactStatus: 'ARCHIVED' })).status).toBe(200);
    expect((await xero.put('/Contacts', { Name: 'Apex Controls Co' })).status).toBe(200);
  });

  it('finds contacts by where=Name and updates by ContactNumber on POST', async () => {
    const where = encodeURIComponent('Name=="Summit Insulation Inc"');
    const found = await xero.get(`/Contacts?where=${where}`);
    expect(found.json.Contacts).toHaveLength(1);
    await xero.put('/Contacts', { Name: 'Delta Electric', ContactNumber: 'v-77' });
    const updated = await xero.post('/Contacts', { ContactNumber: 'v-77', EmailAddress: 'ap@delta.example' });
    expect(updated.json.Contacts[0]).toMatchObject({ Name: 'Delta Electric', EmailAddress: 'ap@delta.example' });
  });

  it('serves the chart of accounts and the two seeded tracking categories; a third category is refused', async () => {
    const banks = await xero.get(`/Accounts?where=${encodeURIComponent('Type=="BANK"')}`);
    expect(banks.json.Accounts.map((a: { Code: string }) => a.Code)).toEqual(['090']);
    const tracking = await xero.get('/TrackingCategories');
    expect(tracking.json.TrackingCategories.map((t: { Name: string }) => t.Name)).toEqual(SAMPLE_XERO.trackingCategories.map((t) => t.name));
    const third = await xero.put('/TrackingCategories', { Name: 'Phase' });
    expect(third.status).toBe(400);
    expect(third.json.Elements[0].ValidationErrors[0].Message).toBe('An organisation can have a maximum of 2 active tracking categories.');
  });

  it('adds a tracking option that invoices can then use', async () => {
    const job = (await xero.get('/TrackingCategories')).json.TrackingCategories[0];
    const added = await xero.put(`/TrackingCategories/${job.TrackingCategoryID}/Options`, { Name: '2026-015 Lakeside Clinic' });
    expect(added.status).toBe(200);
    expect(added.json.Options[0]).toMatchObject({ Name: '2026-015 Lakeside Clinic', Status: 'ACTIVE' });
    expect((await xero.put(`/TrackingCategories/${job.TrackingCategoryID}/Options`, { Name: '2026-015 lakeside clinic' })).status).toBe(400);
    const bill = await xero.put('/Invoices', sampleBill({ InvoiceNumber: 'TR-1', LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 5, AccountCode: '310', Tracking: [{ Name: 'Job', Option: '2026-015 Lakeside Clinic' }] }] }));
    expect(bill.status).toBe(200);
  });

  it('applies partial payments until the bill is PAID, and refuses an amount over what is due', async () => {
    const invoiceId = await authorisedBill('PAY-1');
    const first = await xero.put('/Payments', { Payments: [{ Invoice: { InvoiceID: invoiceId }, Account: { Code: '090' }, Date: '2026-04-30', Amount: 20000, Reference: 'Check 10452' }] });
    expect(first.status).toBe(200);
    expect(first.json.Payments[0]).toMatchObject({ Amount: 20000, PaymentType: 'ACCPAYPAYMENT', Status: 'AUTHORISED', Reference: 'Check 10452' });
    const partial = (await xero.get(`/Invoices/${invoiceId}`)).json.Invoices[0];
    expect(partial).toMatchObject({ Status: 'AUTHORISED', AmountPaid: 20000, AmountDue: 25000 });

    const over = await xero.post('/Payments', { Invoice: { InvoiceID: invoiceId }, Account: { Code: '090' }, Amount: 25000.01 });
    expect(over.status).toBe(400);
    expect(over.json.Elements[0].ValidationErrors[0].Message).toBe('Payment amount exceeds the amount outstanding on this document.');

    const rest = await xero.post('/Payments', { Invoice: { InvoiceID: invoiceId }, Account: { Code: '090' }, Date: '2026-05-15', Amount: 25000 });
    expect(rest.status).toBe(200);
    const paid = (await xero.get(`/Invoices/${invoiceId}`)).json.Invoices[0];
    expect(paid).toMatchObject({ Status: 'PAID', AmountPaid: 45000, AmountDue: 0, FullyPaidOnDate: `/Date(${Date.parse('2026-05-15')}+0000)/` });
    expect(paid.Payments).toHaveLength(2);
    const edit = await xero.post(`/Invoices/${invoiceId}`, { LineItems: [] });
    expect(edit.status).toBe(400);
  });

  it('refuses payments to drafts and from non-bank accounts; deleting a payment reopens the invoice', async () => {
    const draft = (await xero.put('/Invoices', sampleBill({ InvoiceNumber: 'PAY-D', Status: 'DRAFT' }))).json.Invoices[0].InvoiceID as string;
    const toDraft = await xero.post('/Payments', { Invoice: { InvoiceID: draft }, Account: { Code: '090' }, Amount: 1 });
    expect(toDraft.json.Elements[0].ValidationErrors[0].Message).toMatch(/AUTHORISED/);
    const invoiceId = await authorisedBill('PAY-2', 100);
    const fromExpense = await xero.post('/Payments', { Invoice: { InvoiceID: invoiceId }, Account: { Code: '310' }, Amount: 10 });
    expect(fromExpense.status).toBe(400);
    const paid = await xero.post('/Payments', { Invoice: { InvoiceNumber: 'PAY-2' }, Account: { Code: '090' }, Amount: 100 });
    const paymentId = paid.json.Payments[0].PaymentID as string;
    expect((await xero.get(`/Invoices/${invoiceId}`)).json.Invoices[0].Status).toBe('PAID');
    const deleted = await xero.post(`/Payments/${paymentId}`, { Status: 'DELETED' });
    expect(deleted.json.Payments[0].Status).toBe('DELETED');
    expect((await xero.get(`/Invoices/${invoiceId}`)).json.Invoices[0]).toMatchObject({ Status: 'AUTHORISED', AmountDue: 100 });
  });

  it('records a payment and edits an invoice by hand through the admin API', async () => {
    const invoiceId = await authorisedBill('HAND-1', 300);
    const tenant = `${sandbox.baseUrl}/_sandbox/tenants/${SAMPLE_XERO.tenantId}`;
    const payment = await fetch(`${tenant}/payments`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ InvoiceID: invoiceId, Amount: 120 }),
    });
    expect(payment.status).toBe(200);
    const edited = await fetch(`${tenant}/invoices/${invoiceId}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ DueDate: '2026-06-30' }),
    });
    expect(await edited.json()).toMatchObject({ AmountPaid: 120, AmountDue: 180, DueDateString: '2026-06-30T00:00:00' });
    expect(sandbox.state.payments().some((p) => (p.Invoice as { InvoiceID: string }).InvoiceID === invoiceId)).toBe(true);
    expect(sandbox.state.editInvoice(invoiceId, { Status: 'VOIDED' }).ok).toBe(false);
  });
});
