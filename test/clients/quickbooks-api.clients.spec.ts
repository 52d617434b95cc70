import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuickBooks as QuickBooksClass } from 'node-quickbooks';
import {
  connect, faultOf, pointIntuitOAuthAt, quickbooksFor, sdk, startClockedSandbox, type ClockedSandbox, type Json,
} from './quickbooks-sdk.js';

let docs = 0;
/** A bill as an app writes it: references by value only, the server fills names and defaults. */
const billFor = (vendorId: string, amount = 1250): Json => ({
  VendorRef: { value: vendorId },
  TxnDate: '2026-03-02',
  DocNumber: `CL-${process.pid}-${++docs}`,
  PrivateNote: 'node-quickbooks client tier',
  Line: [{
    Description: 'Framing lumber',
    Amount: amount,
    DetailType: 'AccountBasedExpenseLineDetail',
    AccountBasedExpenseLineDetail: { AccountRef: { value: '61' }, CustomerRef: { value: '59' } },
  }],
});

describe('node-quickbooks against the QuickBooks sandbox: create, read, update', () => {
  let sb: ClockedSandbox;
  let qb: QuickBooksClass;
  let vendorId: string;
  beforeAll(async () => {
    sb = await startClockedSandbox();
    pointIntuitOAuthAt(sb.qbo);
    const tokens = (await connect(sb.qbo)).getToken();
    qb = quickbooksFor(sb.qbo, tokens);
  });
  afterAll(() => sb.qbo.close());

  it('creates, reads and sparsely updates a Vendor; a duplicate DisplayName is fault 6240', async () => {
    const created = await sdk((cb) => qb.createVendor({ DisplayName: 'Clients Drywall LLC', CompanyName: 'Clients Drywall LLC' }, cb));
    expect(created.err).toBeNull();
    expect(created.data).toMatchObject({ DisplayName: 'Clients Drywall LLC', SyncToken: '0', Active: true });
    vendorId = created.data.Id;
    expect(typeof vendorId).toBe('string');
    expect((await sdk((cb) => qb.getVendor(vendorId, cb))).data.DisplayName).toBe('Clients Drywall LLC');

    // node-quickbooks makes every update sparse unless told otherwise.
    const updated = await sdk((cb) => qb.updateVendor({ Id: vendorId, SyncToken: '0', PrimaryEmailAddr: { Address: 'ap@drywall.example' } }, cb));
    expect(updated.data).toMatchObject({ SyncToken: '1', DisplayName: 'Clients Drywall LLC', PrimaryEmailAddr: { Address: 'ap@drywall.example' } });

    const duplicate = await sdk((cb) => qb.createVendor({ DisplayName: 'clients drywall llc' }, cb));
    expect(duplicate.status).toBe(400);
    expect(faultOf(duplicate)?.code).toBe('6240');
    const found = await sdk((cb) => qb.findVendors({ DisplayName: 'Clients Drywall LLC' }, cb));
    expect(found.data.QueryResponse.Vendor.map((v: Json) => v.Id)).toEqual([vendorId]);
  });

  it('creates a Bill from bare references and gets names and server defaults back; reads and updates it', async () => {
    const sent = billFor(vendorId);
    const created = await sdk((cb) => qb.createBill(sent, cb));
    expect(created.err).toBeNull();
    const bill = created.data;
    expect(bill).toMatchObject({ TotalAmt: 1250, Balance: 1250, DueDate: '2026-03-02', VendorRef: { value: vendorId, name: 'Clients Drywall LLC' } });
    expect(bill.APAccountRef).toEqual({ value: expect.any(String), name: expect.any(String) });
    expect(bill.CurrencyRef).toEqual({ value: 'USD', name: 'United States Dollar' });
    const detail = bill.Line[0].AccountBasedExpenseLineDetail;
    expect(detail).toMatchObject({ BillableStatus: 'NotBillable', TaxCodeRef: { value: 'NON' }, AccountRef: { value: '61', name: expect.any(String) } });
    expect(detail.CustomerRef.name).toContain(':'); // a job's full path

    const read = await sdk((cb) => qb.getBill(bill.Id, cb));
    expect(read.data).toMatchObject({ Id: bill.Id, SyncToken: '0', DocNumber: sent.DocNumber });
    const line = { ...bill.Line[0], Amount: 1400 };
    const updated = await sdk((cb) => qb.updateBill({ Id: bill.Id, SyncToken: '0', Line: [line] }, cb));
    expect(updated.data).toMatchObject({ SyncToken: '1', TotalAmt: 1400, Balance: 1400 });
    expect(updated.data.Line[0].Id).toBe(bill.Line[0].Id);
    const byDocNumber = await sdk((cb) => qb.findBills({ DocNumber: sent.DocNumber }, cb));
    expect(byDocNumber.data.QueryResponse.Bill.map((b: Json) => b.Id)).toEqual([bill.Id]);

    // A term on the bill gives its DueDate when none is sent.
    const term = (await sdk((cb) => qb.createTerm({ Name: 'Net 45', DueDays: 45 }, cb))).data;
    const termed = await sdk((cb) => qb.createBill({ ...billFor(vendorId), SalesTermRef: { value: term.Id } }, cb));
    expect(termed.data).toMatchObject({ DueDate: '2026-04-16', SalesTermRef: { value: term.Id, name: 'Net 45' } });
  });

  it('refuses an update with a stale SyncToken with fault 5010 and keeps the stored version', async () => {
    const bill = (await sdk((cb) => qb.createBill(billFor(vendorId), cb))).data;
    expect((await sdk((cb) => qb.updateBill({ Id: bill.Id, SyncToken: '0', PrivateNote: 'first edit' }, cb))).data.SyncToken).toBe('1');
    const stale = await sdk((cb) => qb.updateBill({ Id: bill.Id, SyncToken: '0', PrivateNote: 'lost edit' }, cb));
    expect(stale.status).toBe(400);
    expect(faultOf(stale)).toMatchObject({ code: '5010', Message: 'Stale Object Error' });
    expect((await sdk((cb) => qb.getBill(bill.Id, cb))).data).toMatchObject({ SyncToken: '1', PrivateNote: 'first edit' });
  });

  it('replays a write retried with the same requestid instead of creating it twice', async () => {
    const body = billFor(vendorId, 99.5);
    // node-quickbooks sends `requestId` on the entity as the `requestid` query parameter (and removes it from the body).
    const first = await sdk((cb) => qb.createBill({ ...body, requestId: `retry-${body.DocNumber}` }, cb));
    const retry = await sdk((cb) => qb.createBill({ ...body, requestId: `retry-${body.DocNumber}` }, cb));
    expect(first.err).toBeNull();
    expect(retry.err).toBeNull();
    expect(retry.data.Id).toBe(first.data.Id);
    expect(retry.data.MetaData).toEqual(first.data.MetaData);
    const found = await sdk((cb) => qb.findBills({ DocNumber: body.DocNumber }, cb));
    expect(found.data.QueryResponse.Bill).toHaveLength(1);
    // Without it, the same body is a second bill and QuickBooks' duplicate DocNumber check refuses it.
    expect(faultOf(await sdk((cb) => qb.createBill({ ...body }, cb)))?.code).toBe('6140');
  });
});

describe('node-quickbooks against the QuickBooks sandbox: 401s and refresh', () => {
  let sb: ClockedSandbox;
  beforeAll(async () => {
    sb = await startClockedSandbox();
    pointIntuitOAuthAt(sb.qbo);
  });
  afterAll(() => sb.qbo.close());

  it('gets 401 with a bad token and with an expired one; refreshAccessToken rotates and makes calls work again', async () => {
    const tokens = (await connect(sb.qbo)).getToken();
    const bad = quickbooksFor(sb.qbo, { ...tokens, access_token: 'not-a-token' });
    const refused = await sdk((cb) => bad.getVendor('46', cb));
    expect(refused.status).toBe(401);
    // 401 faults come with lower-case keys (facts §6).
    expect(refused.err.response.data.fault).toMatchObject({ type: 'AUTHENTICATION', error: [{ code: '3200' }] });
    expect(refused.err.response.headers['www-authenticate']).toContain('invalid_token');

    const qb = quickbooksFor(sb.qbo, tokens);
    expect((await sdk((cb) => qb.getVendor('46', cb))).status).toBe(200);
    sb.advance(3601);
    const expired = await sdk((cb) => qb.getVendor('46', cb));
    expect(expired.status).toBe(401);
    expect(faultOf(expired)).toMatchObject({ code: '3200', detail: 'Token expired' });

    const refreshed = await sdk((cb) => qb.refreshAccessToken(cb));
    expect(refreshed.err).toBeNull();
    expect(refreshed.data.refresh_token).not.toBe(tokens.refresh_token);
    expect(qb.refreshToken).toBe(refreshed.data.refresh_token);
    expect((await sdk((cb) => qb.getVendor('46', cb))).status).toBe(200);

    const superseded = quickbooksFor(sb.qbo, tokens);
    const again = await sdk((cb) => superseded.refreshAccessToken(cb));
    expect(again.err.response.status).toBe(400);
    expect(again.err.response.data).toEqual({ error: 'invalid_grant' });
  });
});
