import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billBody, faultOf, startQbo, type QboTestClient } from './quickbooks-client.js';

describe('QuickBooks sandbox: query language', () => {
  let c: QboTestClient;
  const ids: string[] = [];
  beforeAll(async () => {
    c = await startQbo();
    for (let i = 1; i <= 5; i++) {
      const { json } = await c.post('/bill', billBody({ DocNumber: `Q-${i}`, PrivateNote: `trestle:marker-${i} req`, Line: [{ ...(billBody().Line as object[])[0], Amount: i * 100 }] }));
      ids.push(json.Bill.Id);
    }
  });
  afterAll(() => c.qbo.close());

  it('answers SELECT * with the entity list, startPosition and maxResults', async () => {
    const response = await c.query('SELECT * FROM Bill');
    expect(response.Bill).toHaveLength(5);
    expect(response).toMatchObject({ startPosition: 1, maxResults: 5 });
  });

  it('filters with =, LIKE, IN, comparisons on amounts and AND; keywords are case-insensitive', async () => {
    expect((await c.query("select * from bill where DocNumber = 'Q-2'")).Bill[0].Id).toBe(ids[1]);
    expect((await c.query("SELECT * FROM Bill WHERE DocNumber LIKE '%-3'")).Bill.map((b: { Id: string }) => b.Id)).toEqual([ids[2]]);
    expect((await c.query(`SELECT * FROM Bill WHERE Id IN ('${ids[0]}', '${ids[4]}')`)).Bill).toHaveLength(2);
    expect((await c.query("SELECT * FROM Bill WHERE TotalAmt > '250' AND VendorRef = '46'")).Bill).toHaveLength(3);
    expect((await c.query("SELECT * FROM Vendor WHERE DisplayName = 'Summit Insulation Inc'")).Vendor[0].Id).toBe('47');
    expect((await c.query("SELECT * FROM Bill WHERE MetaData.LastUpdatedTime >= '2000-01-01T00:00:00-07:00'")).Bill).toHaveLength(5);
  });

  it('pages with STARTPOSITION (1-based) and MAXRESULTS, sorts with ORDERBY', async () => {
    const page = await c.query('SELECT * FROM Bill ORDERBY TotalAmt DESC STARTPOSITION 2 MAXRESULTS 2');
    expect(page).toMatchObject({ startPosition: 2, maxResults: 2 });
    expect(page.Bill.map((b: { TotalAmt: number }) => b.TotalAmt)).toEqual([400, 300]);
  });

  it('counts with COUNT(*) and answers an empty result with {}', async () => {
    expect(await c.query('SELECT COUNT(*) FROM Bill')).toEqual({ totalCount: 5 });
    expect(await c.query("SELECT * FROM Bill WHERE DocNumber = 'nope'")).toEqual({});
  });

  it('hides inactive name-list records unless the query asks about Active', async () => {
    const vendor = (await c.post('/vendor', { DisplayName: 'Dormant Duct Co' })).json.Vendor;
    c.qbo.company().setActive('Vendor', vendor.Id, false);
    expect(await c.query("SELECT * FROM Vendor WHERE DisplayName = 'Dormant Duct Co'")).toEqual({});
    const all = await c.query("SELECT * FROM Vendor WHERE DisplayName = 'Dormant Duct Co' AND Active IN (true, false)");
    expect(all.Vendor[0].Active).toBe(false);
  });

  it('refuses a WHERE or ORDERBY on free text (PrivateNote, Memo, Description) with the documented 4001 fault, per entity', async () => {
    const refused = [
      "SELECT * FROM Bill WHERE PrivateNote LIKE 'trestle:marker-3%'",
      "SELECT * FROM VendorCredit WHERE PrivateNote = 'x'",
      "SELECT * FROM PurchaseOrder WHERE Memo LIKE '%x%'",
      "SELECT * FROM Invoice WHERE privatenote LIKE 'x%'",
      "SELECT * FROM TimeActivity WHERE Description LIKE 'trestle:%'",
      "SELECT * FROM Estimate WHERE PrivateNote LIKE 'x%'",
      "SELECT * FROM TimeActivity WHERE DocNumber = 'x'",
      'SELECT * FROM Bill ORDERBY PrivateNote',
    ];
    for (const select of refused) {
      const response = await c.get(`/query?query=${encodeURIComponent(select)}`);
      expect(response.status, select).toBe(400);
      expect(response.json, select).toEqual({
        Fault: { Error: [{ Message: 'Invalid query', Detail: expect.stringMatching(/^QueryValidationError: property '\w+' is not queryable$/), code: '4001', element: '' }], type: 'ValidationFault' },
        time: expect.any(String),
      });
    }
    const batch = await c.post('/batch', { BatchItemRequest: [{ bId: 'q1', Query: "SELECT * FROM Bill WHERE PrivateNote LIKE 'x%'" }] });
    expect(faultOf(batch.json.BatchItemResponse[0])?.code).toBe('4001');
  });

  it('filters each entity on what it documents as filterable: DocNumber with VendorRef or CustomerRef, TxnDate, MetaData.CreateTime', async () => {
    expect((await c.query("SELECT * FROM Bill WHERE DocNumber = 'Q-4' AND VendorRef = '46'")).Bill[0].Id).toBe(ids[3]);
    expect((await c.query("SELECT * FROM Bill WHERE MetaData.CreateTime >= '2000-01-01T00:00:00-07:00' AND MetaData.CreateTime <= '2999-01-01T00:00:00-07:00'")).Bill).toHaveLength(5);
    expect(await c.query("SELECT * FROM Invoice WHERE DocNumber = 'none' AND CustomerRef = '59'")).toEqual({});
    expect(await c.query("SELECT * FROM TimeActivity WHERE TxnDate = '2026-03-05'")).toEqual({});
  });

  it('accepts POST /query with Content-Type application/text', async () => {
    const response = await c.call('POST', '/query?minorversion=75', { body: "SELECT * FROM Bill WHERE DocNumber = 'Q-1'" });
    expect(response.json.QueryResponse.Bill[0].Id).toBe(ids[0]);
  });

  it('refuses MAXRESULTS over 1000, bad syntax, OR, unknown entities and properties with 4000-series faults', async () => {
    const cases: Array<[string, string]> = [
      ['SELECT * FROM Bill MAXRESULTS 1001', '4001'],
      ['SELECT * FROM Bill WHERE', '4000'],
      ["SELECT * FROM Bill WHERE DocNumber = 'a' OR DocNumber = 'b'", '4000'],
      ['SELECT Id FROM Bill', '4000'],
      ['SELECT * FROM Spaceship', '4001'],
      ["SELECT * FROM Bill WHERE Flavour = 'x'", '4001'],
      ["SELECT * FROM Bill WHERE Id > '3'", '4001'],
      ["SELECT * FROM Bill WHERE DocNumber LIKE 'Q'", '4001'],
    ];
    for (const [select, code] of cases) {
      const response = await c.get(`/query?query=${encodeURIComponent(select)}`);
      expect(response.status, select).toBe(400);
      expect(faultOf(response.json)?.code, select).toBe(code);
    }
  });
});
