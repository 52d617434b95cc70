import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXeroSandbox, type XeroSandbox } from '../../sandbox/xero/index.js';
import { client, connect, sampleBill, type XeroClient } from './xero-test-client.js';

const BAD_ACCOUNT = "Account code '999' is not a valid code for this document.";
const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

describe('Xero sandbox: invoices', () => {
  let clock = Date.parse('2026-04-01T12:00:00Z');
  let sandbox: XeroSandbox;
  let xero: XeroClient;

  beforeAll(async () => {
    sandbox = await startXeroSandbox({ now: () => new Date(clock), limits: { perMinute: 1000 } });
    xero = client(sandbox, (await connect(sandbox)).access_token);
  });
  afterAll(() => sandbox.close());

  it('creates an ACCPAY bill with two tracking categories, in the Xero envelope', async () => {
    const response = await xero.put('/Invoices', { Invoices: [sampleBill()] });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ Status: 'OK', ProviderName: 'Trestle', DateTimeUTC: expect.stringMatching(/^\/Date\(\d+\)\/$/) });
    const bill = response.json.Invoices[0];
    expect(bill).toMatchObject({
      Type: 'ACCPAY', Status: 'AUTHORISED', InvoiceNumber: 'NSM-1041', Total: 45000, AmountDue: 45000, AmountPaid: 0,
      Contact: { Name: 'Northwind Sheet Metal LLC' }, DateString: '2026-03-31T00:00:00',
      UpdatedDateUTC: `/Date(${clock}+0000)/`,
    });
    expect(bill.Reference).toBeUndefined();
    expect(bill.LineItems[0]).toMatchObject({ LineAmount: 45000, AccountCode: '310', Quantity: 1, UnitAmount: 45000 });
    expect(bill.LineItems[0].Tracking).toEqual([
      expect.objectContaining({ Name: 'Job', Option: '2026-014 Riverside Medical Office', TrackingOptionID: expect.any(String) }),
      expect.objectContaining({ Name: 'Cost Code', Option: '23 HVAC', TrackingCategoryID: expect.any(String) }),
    ]);
    const read = await xero.get(`/Invoices/${bill.InvoiceID}`);
    expect(read.json.Invoices[0]).toEqual(bill);
  });

  it('fails the whole request with a 400 ValidationException for an unknown AccountCode (default summarizeErrors)', async () => {
    const before = sandbox.state.invoices().length;
    const bad = sampleBill({ InvoiceNumber: 'BAD-1', LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 10, AccountCode: '999' }] });
    const response = await xero.put('/Invoices', { Invoices: [sampleBill({ InvoiceNumber: 'GOOD-1' }), bad] });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ ErrorNumber: 10, Type: 'ValidationException', Message: 'A validation exception occurred' });
    expect(response.json.Elements).toEqual([expect.objectContaining({
      InvoiceID: ZERO_GUID, InvoiceNumber: 'BAD-1', ValidationErrors: [{ Message: BAD_ACCOUNT }],
    })]);
    expect(sandbox.state.invoices()).toHaveLength(before);
  });

  it('accepts a line with a Description alone on an AUTHORISED invoice (a text line: no amount, no AccountCode), and refuses an amount line without one', async () => {
    const text = sampleBill({ InvoiceNumber: 'TEXT-1', LineItems: [...sampleBill().LineItems, { Description: 'Application #1, period to 2026-03-31' }] });
    const accepted = await xero.put('/Invoices', { Invoices: [text] });
    expect(accepted.status).toBe(200);
    expect(accepted.json.Invoices[0]).toMatchObject({ Status: 'AUTHORISED', Total: 45000 });
    const noAccount = sampleBill({ InvoiceNumber: 'TEXT-2', LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 10 }] });
    const refused = await xero.put('/Invoices', { Invoices: [noAccount] });
    expect(refused.status).toBe(400);
    expect(refused.json.Elements[0].ValidationErrors).toEqual([{ Message: 'Each line item needs an AccountCode unless the document is a draft.' }]);
  });

  it('with summarizeErrors=false answers 200 and marks each object OK or ERROR, keeping only the good ones', async () => {
    const bad = sampleBill({ InvoiceNumber: 'BAD-2', LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 10, AccountCode: '999' }] });
    const response = await xero.put('/Invoices?summarizeErrors=false', { Invoices: [sampleBill({ InvoiceNumber: 'GOOD-2' }), bad] });
    expect(response.status).toBe(200);
    const [good, failed] = response.json.Invoices;
    expect(good).toMatchObject({ InvoiceNumber: 'GOOD-2', HasErrors: false, StatusAttributeString: 'OK' });
    expect(failed).toMatchObject({ InvoiceNumber: 'BAD-2', HasErrors: true, StatusAttributeString: 'ERROR', ValidationErrors: [{ Message: BAD_ACCOUNT }] });
    const numbers = sandbox.state.invoices().map((i) => i.InvoiceNumber);
    expect(numbers).toContain('GOOD-2');
    expect(numbers).not.toContain('BAD-2');
  });

  it('validates tracking against the organisation, at most two per line', async () => {
    const line = (tracking: unknown[]) => ({ Description: 'x', Quantity: 1, UnitAmount: 1, AccountCode: '310', Tracking: tracking });
    const unknown = await xero.put('/Invoices', sampleBill({ LineItems: [line([{ Name: 'Job', Option: 'No Such Job' }])] }));
    expect(unknown.status).toBe(400);
    expect(unknown.json.Elements[0].ValidationErrors[0].Message).toMatch(/Tracking option 'No Such Job' does not exist/);
    const three = [{ Name: 'Job', Option: '2026-014 Riverside Medical Office' }, { Name: 'Cost Code', Option: '23 HVAC' }, { Name: 'Phase', Option: 'Rough-in' }];
    const tooMany = await xero.put('/Invoices', sampleBill({ LineItems: [line(three)] }));
    expect(tooMany.json.Elements[0].ValidationErrors.map((e: { Message: string }) => e.Message)).toContain('A line item can have a maximum of 2 tracking categories.');
  });

  it('computes line amounts in integer cents, half away from zero, and applies ACCREC discounts', async () => {
    const response = await xero.put('/Invoices', {
      Type: 'ACCREC', Contact: { Name: 'Harbor Point Builders' }, Reference: 'PA-01', Status: 'DRAFT',
      LineItems: [
        { Description: 'a', Quantity: 2.5, UnitAmount: 19.99, AccountCode: '200' },
        { Description: 'b', Quantity: 3, UnitAmount: 0.1, AccountCode: '200' },
        { Description: 'c', Quantity: 1, UnitAmount: 1000, DiscountRate: 10, AccountCode: '200' },
      ],
    });
    expect(response.status).toBe(200);
    const invoice = response.json.Invoices[0];
    expect(invoice.LineItems.map((l: { LineAmount: number }) => l.LineAmount)).toEqual([49.98, 0.3, 900]);
    expect(invoice).toMatchObject({ Total: 950.28, SubTotal: 950.28, TotalDiscount: 100, Reference: 'PA-01', InvoiceNumber: 'INV-0001' });
  });

  it('keeps Reference and discounts ACCREC-only: a bill reference is dropped with a warning, a bill discount fails', async () => {
    const withReference = await xero.put('/Invoices', sampleBill({ InvoiceNumber: 'REF-1', Reference: 'PO-9' }));
    expect(withReference.status).toBe(200);
    expect(withReference.json.Invoices[0].Reference).toBeUndefined();
    expect(withReference.json.Invoices[0].Warnings[0].Message).toMatch(/Reference/);
    const discounted = await xero.put('/Invoices', sampleBill({ LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 10, AccountCode: '310', DiscountRate: 5 }] }));
    expect(discounted.status).toBe(400);
    expect(discounted.json.Elements[0].ValidationErrors[0].Message).toBe('Discounts are only supported on ACCREC invoices.');
  });

  it('enforces status transitions: DRAFT → AUTHORISED → VOIDED, nothing after', async () => {
    const created = await xero.put('/Invoices', sampleBill({ InvoiceNumber: 'ST-1', Status: 'DRAFT' }));
    const id = created.json.Invoices[0].InvoiceID as string;
    expect((await xero.post(`/Invoices/${id}`, { Status: 'AUTHORISED' })).json.Invoices[0].Status).toBe('AUTHORISED');
    const deleted = await xero.post(`/Invoices/${id}`, { Status: 'DELETED' });
    expect(deleted.status).toBe(400);
    expect(deleted.json.Elements[0].ValidationErrors[0].Message).toBe('Invoice status cannot change from AUTHORISED to DELETED.');
    expect((await xero.post(`/Invoices/${id}`, { Status: 'PAID' })).status).toBe(400);
    const voided = await xero.post(`/Invoices/${id}`, { Status: 'VOIDED' });
    expect(voided.json.Invoices[0]).toMatchObject({ Status: 'VOIDED', AmountDue: 0 });
    const edit = await xero.post(`/Invoices/${id}`, { DueDate: '2026-05-30' });
    expect(edit.json.Elements[0].ValidationErrors[0].Message).toMatch(/not of valid status for modification/);
  });

  it('filters with where=, IDs= and If-Modified-Since, and pages with page/pageSize', async () => {
    clock += 60_000;
    const since = new Date(clock).toISOString();
    const created = await xero.put('/Invoices', { Invoices: [
      sampleBill({ InvoiceNumber: 'F-1' }), sampleBill({ InvoiceNumber: 'F-2', Status: 'DRAFT' }), sampleBill({ InvoiceNumber: 'F-3' }),
    ] });
    const ids = created.json.Invoices.map((i: { InvoiceID: string }) => i.InvoiceID) as string[];
    const recent = await xero.get('/Invoices', { headers: { 'If-Modified-Since': since } });
    expect(recent.json.Invoices.map((i: { InvoiceNumber: string }) => i.InvoiceNumber)).toEqual(['F-1', 'F-2', 'F-3']);
    const where = encodeURIComponent('Type=="ACCPAY" AND Status=="AUTHORISED"');
    const filtered = await xero.get(`/Invoices?where=${where}`, { headers: { 'If-Modified-Since': since } });
    expect(filtered.json.Invoices.map((i: { InvoiceNumber: string }) => i.InvoiceNumber)).toEqual(['F-1', 'F-3']);
    const byIds = await xero.get(`/Invoices?IDs=${ids[0]},${ids[2]}`);
    expect(byIds.json.Invoices).toHaveLength(2);
    const page = await xero.get('/Invoices?page=2&pageSize=2', { headers: { 'If-Modified-Since': since } });
    expect(page.json.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 2, itemCount: 3 });
    expect(page.json.Invoices.map((i: { InvoiceNumber: string }) => i.InvoiceNumber)).toEqual(['F-3']);
  });

  it('answers bad input with documented 4xx bodies, never a 500', async () => {
    const malformed = await xero.put('/Invoices', undefined, { rawBody: '{"Invoices": [', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ ErrorNumber: 14, Type: 'PostDataInvalidException' });
    const xml = await xero.put('/Invoices', undefined, { rawBody: '<Invoices/>', headers: { 'content-type': 'application/xml' } });
    expect(xml.status).toBe(415);
    const text = await xero.put('/Invoices', undefined, { rawBody: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect((await xero.put('/Invoices', { Invoices: 'nope' })).json.Type).toBe('PostDataInvalidException');
    expect((await xero.put('/Invoices', [1, 2])).status).toBe(400);
    expect((await xero.put('/Invoices', { Invoices: [42] })).json.Elements[0].ValidationErrors[0].Message).toBe('Each invoice must be an object.');
    expect((await xero.put('/Invoices', sampleBill({ Type: 'ACCPAYCREDIT' }))).status).toBe(400);
    expect((await xero.put('/Invoices', sampleBill({ Date: 'yesterday' }))).status).toBe(400);
    expect((await xero.put('/Invoices', sampleBill({ LineItems: [{ Description: 'x', Quantity: 'lots', AccountCode: '310' }] }))).status).toBe(400);
    const unknownId = '9b9ba9e5-0000-4000-8000-000000000000';
    expect((await xero.get(`/Invoices/${unknownId}`)).status).toBe(404);
    expect((await xero.post(`/Invoices/${unknownId}`, { Status: 'AUTHORISED' })).status).toBe(404);
    expect((await xero.get(`/Invoices?where=${encodeURIComponent('Total > 5')}`)).status).toBe(400);
    expect((await xero.get('/NoSuchEndpoint')).status).toBe(404);
    expect((await xero.put('/Invoices', sampleBill({ Contact: 'Northwind' }))).json.Elements[0].ValidationErrors[0].Message).toBe('A Contact must be specified.');
    expect((await xero.get('/Invoices?IDs=a&IDs=b')).status).toBe(200);
    expect((await xero.get('/Invoices?where=Type%3D%3D%22ACCPAY%22&where=Status%3D%3D%22PAID%22')).status).toBe(400);
    expect((await xero.put('/Invoices', sampleBill({ LineItems: [{ Description: 'x', Quantity: 1e300, UnitAmount: 1, AccountCode: '310' }] }))).status).toBe(400);
  });

  it('keeps a LineAmount sent without a UnitAmount and derives the unit amount', async () => {
    const response = await xero.put('/Invoices', sampleBill({ InvoiceNumber: 'LA-1', LineItems: [{ Description: 'x', Quantity: 3, LineAmount: 100, AccountCode: '310' }] }));
    expect(response.json.Invoices[0].LineItems[0]).toMatchObject({ LineAmount: 100, UnitAmount: 33.33 });
    expect(response.json.Invoices[0].Total).toBe(100);
  });
});
