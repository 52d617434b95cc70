import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billBody, faultOf, startQbo, type QboTestClient } from './quickbooks-client.js';

const checkPayment = (billId: string, amount: number, extra: object[] = []) => ({
  VendorRef: { value: '46' },
  PayType: 'Check',
  TotalAmt: amount,
  CheckPayment: { BankAccountRef: { value: '35' } },
  Line: [{ Amount: amount, LinkedTxn: [{ TxnId: billId, TxnType: 'Bill' }] }, ...extra],
});

describe('QuickBooks sandbox: payments and the bookkeeper', () => {
  let c: QboTestClient;
  beforeAll(async () => {
    c = await startQbo();
  });
  afterAll(() => c.qbo.close());

  it('reduces a bill Balance with several partial BillPayments and links them on the bill', async () => {
    const bill = (await c.post('/bill', billBody())).json.Bill;
    const first = await c.post('/billpayment', checkPayment(bill.Id, 20000.5));
    expect(first.json.BillPayment).toMatchObject({ TotalAmt: 20000.5, SyncToken: '0' });
    await c.post('/billpayment', checkPayment(bill.Id, 15000));
    const paid = (await c.get(`/bill/${bill.Id}`)).json.Bill;
    expect(paid.Balance).toBe(9999.5);
    expect(paid.SyncToken).toBe('2'); // each payment is a new version of the bill
    expect(paid.LinkedTxn.map((l: { TxnType: string }) => l.TxnType)).toEqual(['BillPaymentCheck', 'BillPaymentCheck']);
    expect(faultOf((await c.post('/bill', { ...bill, PrivateNote: 'stale' })).json)?.code).toBe('5010');
    const over = await c.post('/billpayment', checkPayment(bill.Id, 10000));
    expect(faultOf(over.json)?.code).toBe('6000');
    expect((await c.get('/vendor/46')).json.Vendor.Balance).toBeGreaterThanOrEqual(9999.5);
  });

  it('restores the Balance when a payment is voided or deleted, and refuses deleting a paid bill', async () => {
    const bill = (await c.post('/bill', billBody())).json.Bill;
    const payment = (await c.post('/billpayment', checkPayment(bill.Id, 5000))).json.BillPayment;
    const current = (await c.get(`/bill/${bill.Id}`)).json.Bill;
    expect(faultOf((await c.post('/bill?operation=delete', { Id: bill.Id, SyncToken: current.SyncToken })).json)?.code).toBe('6000');
    // BillPayment is voided by the documented sparse update with include=void (facts §1), not operation=void.
    expect(faultOf((await c.post('/billpayment?operation=void', { Id: payment.Id, SyncToken: payment.SyncToken })).json)?.code).toBe('500');
    const voided = await c.post('/billpayment?operation=update&include=void', { Id: payment.Id, SyncToken: payment.SyncToken, sparse: true });
    expect(voided.json.BillPayment).toMatchObject({ TotalAmt: 0, Line: [], PrivateNote: 'Voided', SyncToken: '1' });
    expect((await c.get(`/bill/${bill.Id}`)).json.Bill.Balance).toBe(45000);
  });

  it('uses up a vendor credit in a bill payment (the retainage-as-credit pattern)', async () => {
    const bill = (await c.post('/bill', billBody())).json.Bill;
    const credit = (await c.post('/vendorcredit', {
      VendorRef: { value: '46' },
      Line: [{ Amount: 4500, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: '34' }, CustomerRef: { value: '59' } } }],
    })).json.VendorCredit;
    expect(credit).toMatchObject({ TotalAmt: 4500, Balance: 4500 });
    const withCredit = checkPayment(bill.Id, 45000, [{ Amount: 4500, LinkedTxn: [{ TxnId: credit.Id, TxnType: 'VendorCredit' }] }]);
    expect(faultOf((await c.post('/billpayment', { ...withCredit, TotalAmt: 40000 })).json)?.code).toBe('6000');
    const payment = await c.post('/billpayment', { ...withCredit, TotalAmt: 40500 });
    expect(payment.status).toBe(200);
    expect((await c.get(`/bill/${bill.Id}`)).json.Bill.Balance).toBe(0);
    expect((await c.get(`/vendorcredit/${credit.Id}`)).json.VendorCredit.Balance).toBe(0);
  });

  it('receives partial Payments against an invoice; a DiscountLine can carry retainage to its asset account', async () => {
    const invoice = (await c.post('/invoice', {
      CustomerRef: { value: '59' },
      Line: [
        { Amount: 48000, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '21' }, Qty: 1, UnitPrice: 48000 } },
        { DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: true, DiscountPercent: 10, DiscountAccountRef: { value: '37' } } },
      ],
    })).json.Invoice;
    expect(invoice).toMatchObject({ TotalAmt: 43200, Balance: 43200 });
    expect(invoice.Line[1].Amount).toBe(4800);
    const payment = await c.post('/payment', { CustomerRef: { value: '59' }, TotalAmt: 50000, Line: [{ Amount: 20000, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] });
    expect(payment.json.Payment.UnappliedAmt).toBe(30000);
    c.qbo.company().receivePayment(invoice.Id, '3200.00');
    expect((await c.get(`/invoice/${invoice.Id}`)).json.Invoice.Balance).toBe(20000);
    expect((await c.get('/customer/58')).json.Customer.BalanceWithJobs).toBeGreaterThanOrEqual(20000);
  });

  it('lets the bookkeeper pay, edit and delete bills over the admin routes, and inspects entities', async () => {
    const bill = (await c.post('/bill', billBody({ PrivateNote: 'trestle:admin-1' }))).json.Bill;
    const paid = await c.admin('POST', `/realms/${c.realm}/bills/${bill.Id}/payments`, { amount: 100.25 });
    expect(paid.status).toBe(201);
    expect((await c.get(`/bill/${bill.Id}`)).json.Bill.Balance).toBe(44899.75);
    const edited = await c.admin('POST', `/realms/${c.realm}/bills/${bill.Id}/edit`, { amount: 44000 });
    expect(edited.json).toMatchObject({ TotalAmt: 44000, Balance: 43899.75, SyncToken: '2' });
    const other = (await c.post('/bill', billBody())).json.Bill;
    expect((await c.admin('DELETE', `/realms/${c.realm}/bills/${other.Id}`)).json.status).toBe('Deleted');
    const listing = await c.admin('GET', `/realms/${c.realm}/entities/Bill`);
    expect(listing.json.items.some((b: { PrivateNote?: string }) => b.PrivateNote === 'trestle:admin-1')).toBe(true);
    expect(listing.json.deleted.map((d: { Id: string }) => d.Id)).toContain(other.Id);
    expect((await c.admin('GET', `/realms/${c.realm}/entities/Nope`)).status).toBe(404);
  });

  it('links a bill line to a purchase order; the PO shows the bill', async () => {
    const po = (await c.post('/purchaseorder', {
      VendorRef: { value: '46' },
      APAccountRef: { value: '33' },
      Line: [{ Amount: 1000, DetailType: 'ItemBasedExpenseLineDetail', ItemBasedExpenseLineDetail: { ItemRef: { value: '11' }, Qty: 1, UnitPrice: 1000 } }],
    })).json.PurchaseOrder;
    expect(po.POStatus).toBe('Open');
    const line = { Amount: 1000, DetailType: 'ItemBasedExpenseLineDetail', LinkedTxn: [{ TxnId: po.Id, TxnType: 'PurchaseOrder', TxnLineId: '1' }], ItemBasedExpenseLineDetail: { ItemRef: { value: '11' }, Qty: 1, UnitPrice: 1000 } };
    const bill = (await c.post('/bill', billBody({ Line: [line] }))).json.Bill;
    expect((await c.get(`/purchaseorder/${po.Id}`)).json.PurchaseOrder.LinkedTxn).toEqual([{ TxnId: bill.Id, TxnType: 'Bill' }]);
  });
});

describe('QuickBooks sandbox: negativeLines "allow"', () => {
  it('accepts a negative retainage line on a bill but never a negative total', async () => {
    const c = await startQbo({ negativeLines: 'allow' });
    try {
      const line = (billBody().Line as object[])[0]!;
      const retainage = { Amount: -4500, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: '34' } } };
      expect((await c.post('/bill', billBody({ Line: [line, retainage] }))).json.Bill.TotalAmt).toBe(40500);
      const negative = await c.post('/bill', billBody({ Line: [{ ...retainage, Amount: -50000 }, line] }));
      expect(faultOf(negative.json)?.code).toBe('6000');
    } finally {
      await c.qbo.close();
    }
  });
});
