import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billBody, faultOf, startQbo, type QboTestClient } from './quickbooks-client.js';

describe('QuickBooks sandbox: entities over HTTP', () => {
  let c: QboTestClient;
  beforeAll(async () => {
    c = await startQbo();
  });
  afterAll(() => c.qbo.close());

  it('creates a bill with the documented envelope, string ids, SyncToken and computed totals', async () => {
    const { status, json, headers } = await c.post('/bill?minorversion=75', billBody());
    expect(status).toBe(200);
    expect(headers.get('intuit_tid')).toMatch(/^1-/);
    expect(json.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-07:00$/);
    const bill = json.Bill;
    expect(bill).toMatchObject({ SyncToken: '0', TotalAmt: 45000, Balance: 45000, domain: 'QBO', APAccountRef: { value: '33' } });
    expect(typeof bill.Id).toBe('string');
    expect(bill.Line[0]).toMatchObject({ Id: '1', LineNum: 1 });
    expect(bill.MetaData.CreateTime).toMatch(/-07:00$/);

    const read = await c.get(`/bill/${bill.Id}?minorversion=40`);
    expect(read.json.Bill).toEqual(bill);
  });

  it('keeps cents exact and refuses amounts with more than 2 decimals', async () => {
    const lines = [0.1, 0.2, 1234567.89].map((amount) => ({ ...(billBody().Line as object[])[0], Amount: amount }));
    const ok = await c.post('/bill', billBody({ Line: lines }));
    expect(ok.json.Bill.TotalAmt).toBe(1234568.19);
    const bad = await c.post('/bill', billBody({ Line: [{ ...(billBody().Line as object[])[0], Amount: 10.005 }] }));
    expect(bad.status).toBe(400);
    expect(faultOf(bad.json)?.code).toBe('6000');
  });

  it('updates with the current SyncToken and refuses a stale one with 5010', async () => {
    const created = (await c.post('/bill', billBody())).json.Bill;
    const updated = await c.post('/bill', { ...created, PrivateNote: 'changed' });
    expect(updated.json.Bill).toMatchObject({ SyncToken: '1', PrivateNote: 'changed' });
    const stale = await c.post('/bill', { ...created, PrivateNote: 'again' });
    expect(stale.status).toBe(400);
    expect(stale.json.Fault.type).toBe('ValidationFault');
    expect(faultOf(stale.json)).toMatchObject({ code: '5010', Message: 'Stale Object Error' });
  });

  it('applies a sparse update to the fields sent only; Line replaces all lines', async () => {
    const created = (await c.post('/bill', billBody())).json.Bill;
    const sparse = await c.post('/bill', { Id: created.Id, SyncToken: created.SyncToken, sparse: true, DueDate: '2026-05-01' });
    expect(sparse.json.Bill).toMatchObject({ DueDate: '2026-05-01', DocNumber: created.DocNumber, TotalAmt: 45000 });
    const line = { ...(billBody().Line as object[])[0], Amount: 100 };
    const relined = await c.post('/bill', { Id: created.Id, SyncToken: '1', sparse: true, Line: [line, line] });
    expect(relined.json.Bill.Line).toHaveLength(2);
    expect(relined.json.Bill.TotalAmt).toBe(200);
  });

  it('full update clears fields left out', async () => {
    const created = (await c.post('/bill', billBody({ DueDate: '2026-06-01' }))).json.Bill;
    const { DueDate: _dropped, PrivateNote: _note, ...rest } = created;
    const full = await c.post('/bill', rest);
    expect(full.json.Bill.PrivateNote).toBeUndefined();
    expect(full.json.Bill.DueDate).toBe(created.TxnDate);
  });

  it('answers 610 for a missing object on read and update', async () => {
    expect(faultOf((await c.get('/bill/999999')).json)?.code).toBe('610');
    const update = await c.post('/bill', { ...billBody(), Id: '999999', SyncToken: '0' });
    expect(update.status).toBe(400);
    expect(faultOf(update.json)?.code).toBe('610');
  });

  it('refuses missing and inactive references with 2500', async () => {
    const missingVendor = await c.post('/bill', billBody({ VendorRef: { value: '4242' } }));
    expect(faultOf(missingVendor.json)).toMatchObject({ code: '2500', Message: 'Invalid Reference Id' });
    const badClass = (billBody().Line as Array<Record<string, Record<string, unknown>>>)[0]!;
    badClass.AccountBasedExpenseLineDetail!.ClassRef = { value: '1' };
    expect(faultOf((await c.post('/bill', billBody({ Line: [badClass] }))).json)?.code).toBe('2500');
    const vendor = (await c.post('/vendor', { DisplayName: 'Short Lived Supply' })).json.Vendor;
    c.qbo.company().setActive('Vendor', vendor.Id, false);
    expect(faultOf((await c.post('/bill', billBody({ VendorRef: { value: vendor.Id } }))).json)?.code).toBe('2500');
    const badLink = await c.post('/bill', billBody({ LinkedTxn: [{ TxnId: '777777', TxnType: 'PurchaseOrder' }] }));
    expect(faultOf(badLink.json)?.code).toBe('2500');
  });

  it('refuses a missing required field with 2020 and Qty × UnitPrice ≠ Amount with 6070', async () => {
    const noVendor = billBody();
    delete noVendor.VendorRef;
    expect(faultOf((await c.post('/bill', noVendor)).json)?.code).toBe('2020');
    expect(faultOf((await c.post('/bill', billBody({ Line: [] }))).json)?.code).toBe('2020');
    const itemLine = { Amount: 61, DetailType: 'ItemBasedExpenseLineDetail', ItemBasedExpenseLineDetail: { ItemRef: { value: '11' }, Qty: 40, UnitPrice: 1.5 } };
    expect(faultOf((await c.post('/bill', billBody({ Line: [itemLine] }))).json)?.code).toBe('6070');
    expect((await c.post('/bill', billBody({ Line: [{ ...itemLine, Amount: 60 }] }))).status).toBe(200);
  });

  it('refuses negative line amounts with 2290 by default', async () => {
    const retainage = { Amount: -4500, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: '34' } } };
    const bill = billBody();
    const response = await c.post('/bill', { ...bill, Line: [...(bill.Line as object[]), retainage] });
    expect(faultOf(response.json)?.code).toBe('2290');
  });

  it('refuses a duplicate bill DocNumber with 6140 unless include=allowduplicatedocnum', async () => {
    await c.post('/bill', billBody({ DocNumber: 'NSM-1041' }));
    const dup = await c.post('/bill', billBody({ DocNumber: 'NSM-1041' }));
    expect(faultOf(dup.json)?.code).toBe('6140');
    expect((await c.post('/bill?include=allowduplicatedocnum', billBody({ DocNumber: 'NSM-1041' }))).status).toBe(200);
  });

  it('deletes a bill (Id + status Deleted) and the bill is gone', async () => {
    const created = (await c.post('/bill', billBody())).json.Bill;
    const stale = await c.post('/bill?operation=delete', { Id: created.Id, SyncToken: '7' });
    expect(faultOf(stale.json)?.code).toBe('5010');
    const deleted = await c.post('/bill?operation=delete', { Id: created.Id, SyncToken: created.SyncToken });
    expect(deleted.json.Bill).toEqual({ domain: 'QBO', status: 'Deleted', Id: created.Id });
    expect(faultOf((await c.get(`/bill/${created.Id}`)).json)?.code).toBe('610');
  });

  it('voids an invoice (amounts zeroed, kept) and refuses void where not supported', async () => {
    const invoice = (await c.post('/invoice', {
      CustomerRef: { value: '59' },
      Line: [{ Amount: 48000, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '21' }, Qty: 1, UnitPrice: 48000 } }],
    })).json.Invoice;
    expect(invoice).toMatchObject({ TotalAmt: 48000, Balance: 48000, DocNumber: expect.any(String) });
    const voided = await c.post('/invoice?operation=void', { Id: invoice.Id, SyncToken: invoice.SyncToken });
    expect(voided.json.Invoice).toMatchObject({ TotalAmt: 0, Balance: 0, SyncToken: '1', PrivateNote: 'Voided' });
    const bill = (await c.post('/bill', billBody())).json.Bill;
    expect(faultOf((await c.post('/bill?operation=void', { Id: bill.Id, SyncToken: '0' })).json)?.code).toBe('500');
    expect(faultOf((await c.post('/vendor?operation=delete', { Id: '46', SyncToken: '0' })).json)?.code).toBe('500');
  });
});
