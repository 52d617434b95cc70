import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXeroSandbox, type XeroSandbox } from '../../sandbox/xero/index.js';
import { client, connect, type XeroClient } from './xero-test-client.js';

const line = (amount: number, account = '310') => ({ Description: 'Duct section', Quantity: 1, UnitAmount: amount, AccountCode: account, TaxType: 'NONE' });
const NORTHWIND = { Name: 'Northwind Sheet Metal LLC' };

describe('Xero sandbox: credit notes and purchase orders', () => {
  let sandbox: XeroSandbox;
  let xero: XeroClient;

  beforeAll(async () => {
    sandbox = await startXeroSandbox({ limits: { perMinute: 1000 } });
    xero = client(sandbox, (await connect(sandbox)).access_token);
  });
  afterAll(() => sandbox.close());

  it('creates an ACCPAYCREDIT credit note; Reference is ACCRECCREDIT only (dropped with a warning) and a Url is refused', async () => {
    const created = await xero.put('/CreditNotes?summarizeErrors=false', { CreditNotes: [
      { Type: 'ACCPAYCREDIT', Contact: NORTHWIND, CreditNoteNumber: 'NSM-CR-1', Date: '2026-05-05', Status: 'AUTHORISED', Reference: 'x', LineItems: [line(2500)] },
      { Type: 'ACCPAYCREDIT', Contact: NORTHWIND, CreditNoteNumber: 'NSM-CR-2', Status: 'AUTHORISED', Url: 'https://example.com/x', LineItems: [line(10)] },
    ] });
    expect(created.status).toBe(200);
    const [ok, refused] = created.json.CreditNotes;
    expect(ok).toMatchObject({ Type: 'ACCPAYCREDIT', CreditNoteNumber: 'NSM-CR-1', Status: 'AUTHORISED', Total: 2500, StatusAttributeString: 'OK', Warnings: [{ Message: expect.stringContaining('Reference') }] });
    expect(ok.Reference).toBeUndefined();
    expect(refused).toMatchObject({ HasErrors: true, ValidationErrors: [{ Message: 'Url is not a field of a credit note.' }] });
    expect(sandbox.state.creditNotes()).toHaveLength(1);
  });

  it('voids an approved credit note and refuses to change it after', async () => {
    const id = sandbox.state.creditNotes()[0]!.CreditNoteID;
    expect((await xero.post(`/CreditNotes/${id}`, { CreditNoteID: id, Status: 'DELETED' })).status).toBe(400);
    expect((await xero.post(`/CreditNotes/${id}`, { CreditNoteID: id, Status: 'VOIDED' })).json.CreditNotes[0]).toMatchObject({ Status: 'VOIDED' });
    const again = await xero.post(`/CreditNotes/${id}`, { CreditNoteID: id, LineItems: [line(1)] });
    expect(again.status).toBe(400);
    expect(again.json.Elements[0].ValidationErrors[0].Message).toMatch(/VOIDED/);
  });

  it('keeps purchase order numbers unique, lines by LineItemID across updates, and closes a PO as BILLED (reopened by AUTHORISED)', async () => {
    const created = await xero.put('/PurchaseOrders', { PurchaseOrders: [{ Contact: NORTHWIND, PurchaseOrderNumber: 'WO-9', Reference: 'trestle:acme:1:1', Status: 'AUTHORISED', LineItems: [line(1000)] }] });
    const po = created.json.PurchaseOrders[0];
    expect(po).toMatchObject({ PurchaseOrderNumber: 'WO-9', Reference: 'trestle:acme:1:1', Total: 1000, Status: 'AUTHORISED' });
    const duplicate = await xero.put('/PurchaseOrders', { PurchaseOrders: [{ Contact: NORTHWIND, PurchaseOrderNumber: 'WO-9', LineItems: [line(5)] }] });
    expect(duplicate.status).toBe(400);
    expect(duplicate.json.Elements[0].ValidationErrors[0].Message).toBe('PurchaseOrderNumber must be unique.');
    const lineId = po.LineItems[0].LineItemID;
    const updated = await xero.post(`/PurchaseOrders/${po.PurchaseOrderID}`, { LineItems: [{ ...line(1200), LineItemID: lineId }, line(300)] });
    expect(updated.json.PurchaseOrders[0].LineItems.map((l: { LineItemID: string }) => l.LineItemID)[0]).toBe(lineId);
    expect(updated.json.PurchaseOrders[0].Total).toBe(1500);
    expect((await xero.post(`/PurchaseOrders/${po.PurchaseOrderID}`, { Status: 'BILLED' })).json.PurchaseOrders[0].Status).toBe('BILLED');
    expect((await xero.post(`/PurchaseOrders/${po.PurchaseOrderID}`, { Status: 'AUTHORISED' })).json.PurchaseOrders[0].Status).toBe('AUTHORISED');
    expect((await xero.get('/PurchaseOrders/WO-9')).json.PurchaseOrders[0].PurchaseOrderID).toBe(po.PurchaseOrderID);
  });
});
