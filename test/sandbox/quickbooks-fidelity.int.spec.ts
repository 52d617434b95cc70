import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../../sandbox/quickbooks/index.js';
import { billBody, faultOf, readResponse, startQbo, type QboTestClient } from './quickbooks-client.js';

const basic = `Basic ${Buffer.from(`${SANDBOX_CLIENT_ID}:${SANDBOX_CLIENT_SECRET}`).toString('base64')}`;
const REDIRECT = 'http://127.0.0.1:9/callback';

describe('QuickBooks sandbox: what the server fills in (facts §1 "References in responses")', () => {
  let c: QboTestClient;
  beforeAll(async () => {
    c = await startQbo();
  });
  afterAll(() => c.qbo.close());

  it('echoes every reference with its name and fills the bill defaults the request left out', async () => {
    const sent = billBody();
    const bill = (await c.post('/bill', sent)).json.Bill;
    expect(bill.VendorRef).toEqual({ value: '46', name: expect.any(String) });
    expect(bill.VendorRef.name).toBe((await c.get('/vendor/46')).json.Vendor.DisplayName);
    expect(bill.APAccountRef).toEqual({ value: expect.any(String), name: expect.any(String) });
    expect(bill.CurrencyRef).toEqual({ value: 'USD', name: 'United States Dollar' });
    expect(bill.DueDate).toBe(sent.TxnDate);
    const detail = bill.Line[0].AccountBasedExpenseLineDetail;
    const account = (await c.get('/account/61')).json.Account;
    expect(detail.AccountRef).toEqual({ value: '61', name: account.FullyQualifiedName });
    // A job's reference carries its full path, as Intuit's sample shows ("Smith Residence:Lot 12").
    expect(detail.CustomerRef.name).toBe((await c.get('/customer/59')).json.Customer.FullyQualifiedName);
    expect(detail.CustomerRef.name).toContain(':');
    expect(detail.ClassRef.name).toEqual(expect.any(String));
    expect(detail.TaxCodeRef).toEqual({ value: 'NON' });
    expect(detail.BillableStatus).toBe('NotBillable');
  });

  it('fills BillableStatus and TaxCodeRef on bare expense lines, keeps what was sent, and names refs in queries', async () => {
    const line = { Amount: 10, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: '61', name: 'a wrong name' } } };
    const bill = (await c.post('/bill', billBody({ Line: [line, { ...line, AccountBasedExpenseLineDetail: { ...line.AccountBasedExpenseLineDetail, TaxCodeRef: { value: 'TAX' } } }] }))).json.Bill;
    expect(bill.Line[0].AccountBasedExpenseLineDetail).toMatchObject({ BillableStatus: 'NotBillable', TaxCodeRef: { value: 'NON' } });
    expect(bill.Line[0].AccountBasedExpenseLineDetail.AccountRef.name).not.toBe('a wrong name');
    expect(bill.Line[1].AccountBasedExpenseLineDetail.TaxCodeRef).toEqual({ value: 'TAX' });
    const listed = (await c.query(`SELECT * FROM Bill WHERE Id = '${bill.Id}'`)).Bill[0];
    expect(listed.VendorRef.name).toBe(bill.VendorRef.name);
  });

  it('shows a renamed vendor under its new name on its old bills', async () => {
    const vendor = (await c.post('/vendor', { DisplayName: 'Fidelity Rename Co' })).json.Vendor;
    const bill = (await c.post('/bill', billBody({ VendorRef: { value: vendor.Id } }))).json.Bill;
    expect(bill.VendorRef.name).toBe('Fidelity Rename Co');
    await c.post('/vendor', { Id: vendor.Id, SyncToken: vendor.SyncToken, sparse: true, DisplayName: 'Fidelity Renamed Inc' });
    expect((await c.get(`/bill/${bill.Id}`)).json.Bill.VendorRef.name).toBe('Fidelity Renamed Inc');
  });
});

describe('QuickBooks sandbox: voiding a BillPayment (facts §1)', () => {
  let c: QboTestClient;
  beforeAll(async () => {
    c = await startQbo();
  });
  afterAll(() => c.qbo.close());

  const pay = async (billIds: string[], amount: number) => (await c.post('/billpayment', {
    VendorRef: { value: '46' }, PayType: 'Check', TotalAmt: amount * billIds.length, PrivateNote: 'run 7',
    CheckPayment: { BankAccountRef: { value: '35' } },
    Line: billIds.map((id) => ({ Amount: amount, LinkedTxn: [{ TxnId: id, TxnType: 'Bill' }] })),
  })).json.BillPayment;

  it('zeroes amounts, clears lines, notes "Voided" and opens every bill it paid again', async () => {
    const bills = [(await c.post('/bill', billBody())).json.Bill, (await c.post('/bill', billBody())).json.Bill];
    const payment = await pay(bills.map((b) => b.Id), 45000);
    for (const bill of bills) expect((await c.get(`/bill/${bill.Id}`)).json.Bill.Balance).toBe(0);
    const voided = await c.post('/billpayment?operation=update&include=void', { Id: payment.Id, SyncToken: payment.SyncToken, sparse: true });
    expect(voided.status).toBe(200);
    expect(voided.json.BillPayment).toMatchObject({ Id: payment.Id, TotalAmt: 0, Line: [], PrivateNote: 'Voided - run 7', SyncToken: '1' });
    for (const bill of bills) {
      const reopened = (await c.get(`/bill/${bill.Id}`)).json.Bill;
      expect(reopened.Balance).toBe(45000);
      expect(reopened.LinkedTxn ?? []).toEqual([]);
    }
    const again = await c.post('/billpayment?operation=update', { Id: payment.Id, SyncToken: '1', sparse: true, PrivateNote: 'edit' });
    expect(faultOf(again.json)?.code).toBe('6000');
  });

  it('refuses the void forms QuickBooks refuses, with a Fault and nothing changed', async () => {
    const bill = (await c.post('/bill', billBody())).json.Bill;
    const payment = await pay([bill.Id], 100);
    const byOperation = await c.post('/billpayment?operation=void', { Id: payment.Id, SyncToken: payment.SyncToken });
    expect(byOperation.status).toBe(400);
    expect(faultOf(byOperation.json)).toMatchObject({ code: '500' });
    const onBill = await c.post('/bill?operation=update&include=void', { Id: bill.Id, SyncToken: '1', sparse: true });
    expect(faultOf(onBill.json)?.code).toBe('500');
    const stale = await c.post('/billpayment?operation=update&include=void', { Id: payment.Id, SyncToken: '9', sparse: true });
    expect(faultOf(stale.json)?.code).toBe('5010');
    expect((await c.get(`/billpayment/${payment.Id}`)).json.BillPayment).toMatchObject({ TotalAmt: 100, SyncToken: '0' });
  });
});

describe('QuickBooks sandbox: OpenID Connect', () => {
  let c: QboTestClient;
  beforeAll(async () => {
    c = await startQbo();
  });
  afterAll(() => c.qbo.close());

  const consent = async (scope: string | undefined): Promise<Response> => {
    const query = new URLSearchParams({ client_id: SANDBOX_CLIENT_ID, response_type: 'code', redirect_uri: REDIRECT, state: 'st', ...(scope ? { scope } : {}) });
    return fetch(`${c.qbo.baseUrl}/connect/oauth2?${query.toString()}`, { redirect: 'manual' });
  };
  const exchange = async (scope: string) => {
    const code = new URL((await consent(scope)).headers.get('location') ?? '').searchParams.get('code') ?? '';
    return readResponse(await fetch(c.qbo.tokenUrl, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }).toString(),
    }));
  };

  it('issues an RS256 id_token with Intuit\'s claims, verifiable against the JWKS the discovery document names', async () => {
    const discovery = await (await fetch(`${c.qbo.baseUrl}/.well-known/openid_sandbox_configuration/`)).json() as { issuer: string; jwks_uri: string; token_endpoint: string; userinfo_endpoint: string };
    expect(discovery.issuer).toBe('https://oauth.platform.intuit.com/op/v1');
    expect(discovery.jwks_uri).toBe(`${c.qbo.baseUrl}/op/v1/jwks`);
    expect(discovery.token_endpoint).toBe(c.qbo.tokenUrl);
    const granted = await exchange('com.intuit.quickbooks.accounting openid profile email');
    expect(granted.status).toBe(200);
    const jwks = createLocalJWKSet(await (await fetch(discovery.jwks_uri)).json() as JSONWebKeySet);
    const { payload, protectedHeader } = await jwtVerify(granted.json.id_token, jwks, { issuer: discovery.issuer, audience: SANDBOX_CLIENT_ID });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ realmid: c.realm, aud: [SANDBOX_CLIENT_ID], sub: expect.any(String) });
    expect(payload.exp! - payload.iat!).toBe(3600);
    const info = await fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${granted.json.access_token}` } });
    expect(await info.json()).toMatchObject({ sub: payload.sub, email: expect.stringContaining('@'), givenName: expect.any(String) });
  });

  it('issues no id_token without openid, and refuses an authorize request without a scope', async () => {
    const granted = await exchange('com.intuit.quickbooks.accounting');
    expect(granted.status).toBe(200);
    expect(granted.json.id_token).toBeUndefined();
    const info = await fetch(`${c.qbo.baseUrl}/v1/openid_connect/userinfo`, { headers: { authorization: `Bearer ${granted.json.access_token}` } });
    expect(info.status).toBe(403);
    const noScope = await consent(undefined);
    expect(noScope.status).toBe(400);
    expect(await noScope.json()).toEqual({ error: 'invalid_request' });
  });
});

describe('QuickBooks sandbox: DueDate from terms (facts §1)', () => {
  let c: QboTestClient;
  beforeAll(async () => {
    c = await startQbo();
  });
  afterAll(() => c.qbo.close());

  it('fills DueDate from the bill\'s term, else the vendor\'s, else the TxnDate; an explicit DueDate wins', async () => {
    const net15 = (await c.query("SELECT * FROM Term WHERE Name = 'Net 15'")).Term[0];
    expect(net15).toMatchObject({ Type: 'STANDARD', DueDays: 15 });
    const bill = (await c.post('/bill', billBody({ TxnDate: '2026-03-20', SalesTermRef: { value: net15.Id } }))).json.Bill;
    expect(bill.DueDate).toBe('2026-04-04');
    expect(bill.SalesTermRef).toEqual({ value: net15.Id, name: 'Net 15' });

    const vendor = (await c.post('/vendor', { DisplayName: 'Terms Steel Co', TermRef: { value: '3' } })).json.Vendor;
    expect((await c.post('/bill', billBody({ VendorRef: { value: vendor.Id }, TxnDate: '2026-01-31' }))).json.Bill.DueDate).toBe('2026-03-02');
    expect((await c.post('/bill', billBody({ VendorRef: { value: vendor.Id }, TxnDate: '2026-01-31', DueDate: '2026-02-10' }))).json.Bill.DueDate).toBe('2026-02-10');
    expect((await c.post('/bill', billBody({ TxnDate: '2026-01-31' }))).json.Bill.DueDate).toBe('2026-01-31');
  });

  it('falls due on the day of month of a date-driven term, next month when dated within DueNextMonthDays of it', async () => {
    const term = (await c.post('/term', { Name: '10th of month', DayOfMonthDue: 10, DueNextMonthDays: 5 })).json.Term;
    expect(term.Type).toBe('DATE_DRIVEN');
    const due = async (txnDate: string) => (await c.post('/invoice', {
      CustomerRef: { value: '59' }, TxnDate: txnDate, SalesTermRef: { value: term.Id },
      Line: [{ Amount: 100, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '21' } } }],
    })).json.Invoice.DueDate;
    expect(await due('2026-03-02')).toBe('2026-03-10');
    expect(await due('2026-03-06')).toBe('2026-04-10');
    expect(await due('2026-12-20')).toBe('2027-01-10');
  });

  it('refuses a term without days, a duplicate name, and a reference to a term that does not exist', async () => {
    expect(faultOf((await c.post('/term', { Name: 'No days' })).json)?.code).toBe('2020');
    expect(faultOf((await c.post('/term', { Name: 'net 30', DueDays: 30 })).json)?.code).toBe('6240');
    expect(faultOf((await c.post('/term', { Name: 'Half', DueDays: 1.5 })).json)?.code).toBe('6000');
    expect(faultOf((await c.post('/term', { Name: 45, DueDays: 45 })).json)?.code).toBe('2010');
    expect(faultOf((await c.post('/bill', billBody({ SalesTermRef: { value: '999' } }))).json)?.code).toBe('2500');
  });
});

describe('QuickBooks sandbox: the consent screen', () => {
  it('redirects only to web addresses', async () => {
    const c = await startQbo();
    try {
      const query = new URLSearchParams({ client_id: SANDBOX_CLIENT_ID, response_type: 'code', scope: 'openid', redirect_uri: 'javascript:alert(1)' });
      const refused = await fetch(`${c.qbo.baseUrl}/connect/oauth2?${query.toString()}`, { redirect: 'manual' });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual({ error: 'invalid_request' });
    } finally {
      await c.qbo.close();
    }
  });
});
