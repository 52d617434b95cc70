import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { billBody, startQbo, type Json, type QboTestClient } from './quickbooks-client.js';

const HVAC = '200000000000000123';
const PLUMBING = '200000000000000122';

const invoiceBody = (docNumber: string): Json => ({
  CustomerRef: { value: '59' }, DocNumber: docNumber, ClassRef: { value: HVAC },
  Line: [{ Amount: 100, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '21' }, Qty: 1, UnitPrice: 100, ClassRef: { value: PLUMBING } } }],
});

const timeActivityBody = (): Json => ({
  NameOf: 'Employee', EmployeeRef: { value: '81' }, TxnDate: '2026-03-05', Hours: 2, Minutes: 0, CustomerRef: { value: '59' },
  ItemRef: { value: '12' }, BillableStatus: 'NotBillable', ClassRef: { value: HVAC }, Description: 'crew',
});

describe('QuickBooks sandbox: class tracking preferences and misplaced ClassRefs', () => {
  let c: QboTestClient;
  const prefs = async (): Promise<Json> => (await c.get('/preferences')).json.Preferences.AccountingInfoPrefs;
  const setPrefs = (body: unknown) => c.admin('PUT', `/realms/${c.realm}/preferences`, body);
  const warnings = async (): Promise<Json[]> => (await c.admin('GET', `/realms/${c.realm}/warnings`)).json.warnings;

  beforeAll(async () => {
    c = await startQbo();
  });
  beforeEach(async () => {
    expect((await setPrefs({ ClassTrackingPerTxn: false, ClassTrackingPerLine: true })).status).toBe(200);
  });
  afterAll(() => c.qbo.close());

  it('tracks classes per line by default, and GET /preferences answers what the admin API sets', async () => {
    expect(await prefs()).toMatchObject({ ClassTrackingPerTxn: false, ClassTrackingPerLine: true });
    expect((await setPrefs({ ClassTrackingPerTxn: true, ClassTrackingPerLine: false })).json).toEqual({ ClassTrackingPerTxn: true, ClassTrackingPerLine: false });
    expect(await prefs()).toMatchObject({ ClassTrackingPerTxn: true, ClassTrackingPerLine: false });
    expect((await setPrefs({ ClassTrackingPerLine: 'yes' })).status).toBe(400);
  });

  it('per line: keeps line classes, ignores the transaction\'s ClassRef without an error, and records a warning', async () => {
    const before = (await warnings()).length;
    const answer = await c.post('/invoice', invoiceBody('CT-1'));
    expect(answer.status).toBe(200);
    expect(answer.json.Invoice.ClassRef).toBeUndefined();
    expect(answer.json.Invoice.Line[0].SalesItemLineDetail.ClassRef).toMatchObject({ value: PLUMBING });
    expect((await warnings()).slice(before)).toEqual([
      expect.objectContaining({ code: 'class-ignored', entity: 'Invoice', element: 'ClassRef', classId: HVAC }),
    ]);
  });

  it('per transaction: keeps the Invoice\'s and the TimeActivity\'s ClassRef, ignores every line\'s (Bill lines too)', async () => {
    await setPrefs({ ClassTrackingPerTxn: true, ClassTrackingPerLine: false });
    const before = (await warnings()).length;
    const invoice = (await c.post('/invoice', invoiceBody('CT-2'))).json.Invoice;
    expect(invoice.ClassRef).toMatchObject({ value: HVAC });
    expect(invoice.Line[0].SalesItemLineDetail.ClassRef).toBeUndefined();
    const bill = (await c.post('/bill', billBody())).json.Bill;
    expect(bill.Line[0].AccountBasedExpenseLineDetail.ClassRef).toBeUndefined();
    expect((await c.post('/timeactivity', timeActivityBody())).json.TimeActivity.ClassRef).toMatchObject({ value: HVAC });
    expect((await warnings()).slice(before).map((w) => [w.entity, w.element])).toEqual([
      ['Invoice', 'Line[0].SalesItemLineDetail.ClassRef'], ['Bill', 'Line[0].AccountBasedExpenseLineDetail.ClassRef'],
    ]);
  });

  it('no class tracking: ignores a TimeActivity\'s ClassRef too', async () => {
    await setPrefs({ ClassTrackingPerTxn: false, ClassTrackingPerLine: false });
    const before = (await warnings()).length;
    expect((await c.post('/timeactivity', timeActivityBody())).json.TimeActivity.ClassRef).toBeUndefined();
    expect((await warnings()).slice(before)).toEqual([expect.objectContaining({ entity: 'TimeActivity', element: 'ClassRef', message: expect.stringContaining('nowhere') })]);
  });
});
