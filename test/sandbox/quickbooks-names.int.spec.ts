import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultOf, startQbo, type QboTestClient } from './quickbooks-client.js';

describe('QuickBooks sandbox: name lists and bad input', () => {
  let c: QboTestClient;
  beforeAll(async () => {
    c = await startQbo();
  });
  afterAll(() => c.qbo.close());

  it('refuses a DisplayName used by any Customer, Vendor or Employee with 6240', async () => {
    const asVendor = await c.post('/vendor', { DisplayName: 'Apex Controls Co' }); // seeded as a Customer
    expect(asVendor.status).toBe(400);
    expect(faultOf(asVendor.json)).toMatchObject({ code: '6240', Message: 'Duplicate Name Exists Error' });
    expect(faultOf((await c.post('/customer', { DisplayName: 'northwind sheet metal llc' })).json)?.code).toBe('6240');
    expect(faultOf((await c.post('/vendor', { DisplayName: 'Dana Ortiz' })).json)?.code).toBe('6240');
    expect(faultOf((await c.post('/employee', { GivenName: 'Summit', FamilyName: 'Insulation Inc' })).json)?.code).toBe('6240');
    expect((await c.post('/vendor', { DisplayName: 'Apex Controls Co (Vendor)' })).status).toBe(200);
  });

  it('refuses a ":" in DisplayName and a missing name with 2020', async () => {
    expect(faultOf((await c.post('/vendor', { DisplayName: 'Apex: Controls' })).json)?.code).toBe('6000');
    expect(faultOf((await c.post('/vendor', { CompanyName: 'No Display' })).json)?.code).toBe('2020');
  });

  it('creates a Job sub-customer under ParentRef with FullyQualifiedName "Parent:Child", five levels at most', async () => {
    expect(faultOf((await c.post('/customer', { DisplayName: 'Orphan Job', Job: true })).json)?.code).toBe('2020');
    const job = (await c.post('/customer', { DisplayName: '2026-015 Lakeside Clinic', Job: true, ParentRef: { value: '58' } })).json.Customer;
    expect(job).toMatchObject({ Job: true, Level: 1, FullyQualifiedName: 'Harbor Point Builders:2026-015 Lakeside Clinic', ParentRef: { value: '58' } });
    let parent = job.Id as string;
    for (const level of [2, 3, 4]) {
      const child = (await c.post('/customer', { DisplayName: `Phase ${level}`, Job: true, ParentRef: { value: parent } })).json.Customer;
      expect(child.Level).toBe(level);
      parent = child.Id;
    }
    expect(faultOf((await c.post('/customer', { DisplayName: 'Phase 5', Job: true, ParentRef: { value: parent } })).json)?.code).toBe('6180');
    expect(faultOf((await c.post('/customer', { DisplayName: 'Lost Job', Job: true, ParentRef: { value: '9999' } })).json)?.code).toBe('2500');
  });

  it('reads the seeded sample: accounts, items, classes, the project job', async () => {
    expect((await c.get('/account/61')).json.Account).toMatchObject({ Name: 'Subcontractors', FullyQualifiedName: 'Job Costs:Subcontractors', SubAccount: true, Classification: 'Expense' });
    expect((await c.get('/customer/59')).json.Customer).toMatchObject({ Job: true, FullyQualifiedName: 'Harbor Point Builders:2026-014 Riverside Medical Office' });
    expect((await c.get('/class/200000000000000123')).json.Class.Name).toBe('23 HVAC');
    expect((await c.get('/employee/81')).json.Employee).toMatchObject({ DisplayName: 'Dana Ortiz', GivenName: 'Dana' });
  });

  it('creates a time activity for an employee on the job, and checks its rules', async () => {
    const entry = { NameOf: 'Employee', EmployeeRef: { value: '81' }, CustomerRef: { value: '59' }, ItemRef: { value: '12' }, TxnDate: '2026-03-02', Hours: 8, Minutes: 0 };
    expect((await c.post('/timeactivity', entry)).json.TimeActivity).toMatchObject({ BillableStatus: 'NotBillable', Hours: 8 });
    expect(faultOf((await c.post('/timeactivity', { ...entry, BillableStatus: 'Billable' })).json)?.code).toBe('2020');
    expect(faultOf((await c.post('/timeactivity', { ...entry, BillableStatus: 'HasBeenBilled' })).json)?.code).toBe('2170');
  });

  it('answers malformed JSON, wrong content type, unknown entity, bad realm and unknown paths with a Fault, never a 500', async () => {
    const malformed = await c.call('POST', '/vendor', { rawBody: '{"DisplayName": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(faultOf(malformed.json)?.code).toBe('2010');
    const xml = await c.call('POST', '/vendor', { rawBody: '<Vendor/>', headers: { 'content-type': 'application/xml' } });
    expect(xml.status).toBe(400);
    expect(faultOf(xml.json)?.code).toBe('500');
    const text = await c.call('POST', '/vendor', { rawBody: 'DisplayName=x', headers: { 'content-type': 'text/plain' } });
    expect(faultOf(text.json)?.code).toBe('500');
    const array = await c.call('POST', '/vendor', { rawBody: '[1,2]', headers: { 'content-type': 'application/json' } });
    expect(faultOf(array.json)?.code).toBe('2010');
    const unknown = await c.post('/spaceship', { Name: 'x' });
    expect(unknown.status).toBe(400);
    expect(faultOf(unknown.json)?.code).toBe('500');
    const otherRealm = await fetch(`${c.qbo.baseUrl}/v3/company/123/vendor/46`, { headers: { authorization: `Bearer ${c.accessToken}` } });
    expect(otherRealm.status).toBe(403);
    expect(faultOf(await otherRealm.json())?.code).toBe('3100');
    const nowhere = await c.get('/vendor');
    expect(nowhere.status).toBe(404);
    expect(nowhere.json.Fault).toBeDefined();
    expect((await c.post('/vendor', { DisplayName: 'Still Alive Ltd' })).status).toBe(200);
  });
});
