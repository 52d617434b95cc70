import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billBody, faultOf, startQbo, type QboTestClient } from './quickbooks-client.js';

describe('QuickBooks sandbox: batch and CDC', () => {
  let c: QboTestClient;
  let nowMs = Date.parse('2026-04-01T16:00:00Z');
  beforeAll(async () => {
    c = await startQbo({ now: () => new Date(nowMs) });
  });
  afterAll(() => c.qbo.close());

  it('answers each batch item with its entity, QueryResponse or Fault, at HTTP 200', async () => {
    const existing = (await c.post('/bill', billBody())).json.Bill;
    const { status, json } = await c.post('/batch?minorversion=75', {
      BatchItemRequest: [
        { bId: 'v1', operation: 'create', Vendor: { DisplayName: 'Acme Drywall LLC' } },
        { bId: 'v2', operation: 'create', Vendor: { DisplayName: 'Apex Controls Co' } },
        { bId: 'q1', Query: "select * from Vendor where DisplayName = 'Northwind Sheet Metal LLC'" },
        { bId: 'd1', operation: 'delete', Bill: { Id: existing.Id, SyncToken: '0' } },
        { bId: 'u1', operation: 'update', Bill: { Id: '999999', SyncToken: '0', sparse: true, PrivateNote: 'x' } },
      ],
    });
    expect(status).toBe(200);
    const byId = Object.fromEntries(json.BatchItemResponse.map((item: { bId: string }) => [item.bId, item]));
    expect(byId.v1.Vendor).toMatchObject({ DisplayName: 'Acme Drywall LLC', SyncToken: '0' });
    expect(byId.v2.Fault).toMatchObject({ type: 'ValidationFault', Error: [{ code: '6240' }] });
    expect(byId.q1.QueryResponse.Vendor[0].Id).toBe('46');
    expect(byId.d1.Bill).toEqual({ domain: 'QBO', status: 'Deleted', Id: existing.Id });
    expect(byId.u1.Fault.Error[0].code).toBe('610');
  });

  it('voids through a batch update with optionsData "void"', async () => {
    const payment = c.qbo.company().payBill((await c.post('/bill', billBody())).json.Bill.Id, 100);
    const { json } = await c.post('/batch', {
      BatchItemRequest: [{ bId: 'v', operation: 'update', optionsData: 'void', BillPayment: { Id: payment.Id, SyncToken: payment.SyncToken } }],
    });
    expect(json.BatchItemResponse[0].BillPayment.TotalAmt).toBe(0);
  });

  it('refuses more than 10 items (the stricter documented limit) with 1040', async () => {
    const items = Array.from({ length: 11 }, (_, i) => ({ bId: `q${i}`, Query: 'select * from Vendor' }));
    const response = await c.post('/batch', { BatchItemRequest: items });
    expect(response.status).toBe(400);
    expect(faultOf(response.json)?.code).toBe('1040');
    expect((await c.post('/batch', { BatchItemRequest: items.slice(0, 10) })).status).toBe(200);
  });

  it('lists changes since a time, deletions as status Deleted with Id and MetaData', async () => {
    nowMs += 600_000;
    const since = new Date(nowMs).toISOString();
    nowMs += 1000;
    const kept = (await c.post('/bill', billBody())).json.Bill;
    const gone = (await c.post('/bill', billBody())).json.Bill;
    await c.post('/bill?operation=delete', { Id: gone.Id, SyncToken: gone.SyncToken });
    const vendor = (await c.post('/vendor', { DisplayName: 'CDC Mechanical' })).json.Vendor;
    const { status, json } = await c.get(`/cdc?entities=Bill,Vendor,Invoice&changedSince=${encodeURIComponent(since)}`);
    expect(status).toBe(200);
    const [bills, vendors, invoices] = json.CDCResponse[0].QueryResponse;
    expect(bills.Bill.map((b: { Id: string }) => b.Id)).toEqual([kept.Id, gone.Id]);
    expect(bills.Bill[1]).toMatchObject({ status: 'Deleted', Id: gone.Id, MetaData: { LastUpdatedTime: expect.any(String) } });
    expect(bills.Bill[1].TotalAmt).toBeUndefined();
    expect(vendors.Vendor[0].Id).toBe(vendor.Id);
    expect(invoices).toEqual({});
  });

  it('refuses a changedSince older than 30 days and TimeActivity', async () => {
    const old = new Date(nowMs - 31 * 24 * 3600_000).toISOString();
    const tooOld = await c.get(`/cdc?entities=Bill&changedSince=${encodeURIComponent(old)}`);
    expect(tooOld.status).toBe(400);
    expect(faultOf(tooOld.json)?.Detail).toMatch(/30 days/);
    const recent = new Date(nowMs - 29 * 24 * 3600_000).toISOString();
    const time = await c.get(`/cdc?entities=Bill,TimeActivity&changedSince=${encodeURIComponent(recent)}`);
    expect(time.status).toBe(400);
    expect(faultOf(time.json)?.Detail).toMatch(/TimeActivity/);
    expect((await c.get(`/cdc?entities=Bill&changedSince=${encodeURIComponent(recent)}`)).status).toBe(200);
  });

  it('returns at most 1000 objects, oldest first', async () => {
    nowMs += 60_000;
    const since = new Date(nowMs).toISOString();
    const admin = c.qbo.company();
    for (let i = 0; i < 1001; i++) {
      if (i === 1000) nowMs += 2000; // the last one is the newest
      admin.write('Class', { Name: `Cost code ${i}` });
    }
    const { json } = await c.get(`/cdc?entities=Class&changedSince=${encodeURIComponent(since)}`);
    const classes = json.CDCResponse[0].QueryResponse[0].Class;
    expect(classes).toHaveLength(1000);
    expect(classes.some((k: { Name: string }) => k.Name === 'Cost code 1000')).toBe(false);
  });
});
