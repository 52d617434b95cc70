import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchItemRequest, QuickBooks as QuickBooksClass } from 'node-quickbooks';
import {
  connect, faultOf, pointIntuitOAuthAt, quickbooksFor, sdk, startClockedSandbox, type ClockedSandbox, type Json,
} from './quickbooks-sdk.js';

const expenseLine = (amount: number): Json => ({
  Amount: amount, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: '61' } },
});
const salesLine = (amount: number): Json => ({
  Amount: amount, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '21' }, Qty: 1, UnitPrice: amount },
});
const byBId = (result: { data: Json }, bId: string): Json => result.data.BatchItemResponse.find((item: Json) => item.bId === bId);

describe('node-quickbooks against the QuickBooks sandbox: batch, CDC and voids', () => {
  let sb: ClockedSandbox;
  let qb: QuickBooksClass;
  beforeAll(async () => {
    sb = await startClockedSandbox();
    pointIntuitOAuthAt(sb.qbo);
    qb = quickbooksFor(sb.qbo, (await connect(sb.qbo)).getToken());
  });
  afterAll(() => sb.qbo.close());

  const createBill = async (amount: number): Promise<Json> => (await sdk((cb) => qb.createBill({ VendorRef: { value: '46' }, Line: [expenseLine(amount)] }, cb))).data;

  it('answers a batch item by item at HTTP 200: entities, a query and a Fault', async () => {
    const bill = await createBill(300);
    const result = await sdk((cb) => qb.batch([
      { bId: 'v1', operation: 'create', Vendor: { DisplayName: 'Batch Glazing Co' } },
      // A query item has no operation in Intuit's batch format; node-quickbooks' typings want one.
      { bId: 'q1', Query: "select * from Vendor where Id = '46'" } as unknown as BatchItemRequest,
      { bId: 'b1', operation: 'create', Bill: { VendorRef: { value: '999999' }, Line: [expenseLine(10)] } },
      { bId: 'd1', operation: 'delete', Bill: { Id: bill.Id, SyncToken: bill.SyncToken } },
    ], cb));
    expect(result.err).toBeNull();
    expect(result.status).toBe(200);
    expect(byBId(result, 'v1').Vendor).toMatchObject({ DisplayName: 'Batch Glazing Co', SyncToken: '0' });
    expect(byBId(result, 'q1').QueryResponse.Vendor[0].Id).toBe('46');
    expect(byBId(result, 'b1').Fault.Error[0].code).toBe('2500');
    expect(byBId(result, 'd1').Bill).toMatchObject({ Id: bill.Id, status: 'Deleted' });
    expect((await sdk((cb) => qb.getBill(bill.Id, cb))).status).toBe(400); // 610: deleted
  });

  it('reports changes and deletions through CDC, and refuses an entity CDC does not cover', async () => {
    const since = new Date(Date.now() - 2000);
    const kept = await createBill(410);
    const gone = await createBill(420);
    expect((await sdk((cb) => qb.deleteBill(gone.Id, cb))).data.Bill.status).toBe('Deleted');
    const vendor = (await sdk((cb) => qb.createVendor({ DisplayName: 'CDC Roofing' }, cb))).data;

    const changes = await sdk((cb) => qb.changeDataCapture(['Bill', 'Vendor'], since, cb));
    expect(changes.err).toBeNull();
    const responses: Json[] = changes.data.CDCResponse[0].QueryResponse;
    const bills: Json[] = responses.find((r) => r.Bill)?.Bill ?? [];
    expect(bills.find((b) => b.Id === kept.Id)).toMatchObject({ TotalAmt: 410 });
    expect(bills.find((b) => b.Id === gone.Id)).toMatchObject({ status: 'Deleted' });
    expect((responses.find((r) => r.Vendor)?.Vendor ?? []).map((v: Json) => v.Id)).toContain(vendor.Id);

    const refused = await sdk((cb) => qb.changeDataCapture('TimeActivity', since, cb));
    expect(refused.status).toBe(400);
    expect(faultOf(refused)?.code).toBeDefined();
  });

  it('voids an Invoice (operation=void) and a Payment (include=void); the invoice opens again', async () => {
    const invoice = (await sdk((cb) => qb.createInvoice({ CustomerRef: { value: '59' }, Line: [salesLine(800)] }, cb))).data;
    const voided = await sdk((cb) => qb.voidInvoice(invoice, cb));
    expect(voided.err).toBeNull();
    expect(voided.data.Invoice ?? voided.data).toMatchObject({ Id: invoice.Id, TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' });

    const paid = (await sdk((cb) => qb.createInvoice({ CustomerRef: { value: '59' }, Line: [salesLine(500)] }, cb))).data;
    const payment = (await sdk((cb) => qb.createPayment({ CustomerRef: { value: '59' }, TotalAmt: 500, Line: [{ Amount: 500, LinkedTxn: [{ TxnId: paid.Id, TxnType: 'Invoice' }] }] }, cb))).data;
    expect((await sdk((cb) => qb.getInvoice(paid.Id, cb))).data.Balance).toBe(0);
    const voidedPayment = await sdk((cb) => qb.voidPayment({ Id: payment.Id, SyncToken: payment.SyncToken }, cb));
    expect(voidedPayment.err).toBeNull();
    expect(voidedPayment.data).toMatchObject({ TotalAmt: 0, PrivateNote: 'Voided' });
    expect((await sdk((cb) => qb.getInvoice(paid.Id, cb))).data.Balance).toBe(500);
  });

  it('voids a BillPayment by the sparse update with include=void: amounts zeroed, lines cleared, the bills open again', async () => {
    const bills = [await createBill(700), await createBill(300)];
    const payment = (await sdk((cb) => qb.createBillPayment({
      VendorRef: { value: '46' }, PayType: 'Check', TotalAmt: 1000, PrivateNote: 'check 1042',
      CheckPayment: { BankAccountRef: { value: '35' } },
      Line: bills.map((b) => ({ Amount: b.TotalAmt, LinkedTxn: [{ TxnId: b.Id, TxnType: 'Bill' }] })),
    }, cb))).data;
    expect(payment.CheckPayment.BankAccountRef.name).toEqual(expect.any(String));
    for (const bill of bills) expect((await sdk((cb) => qb.getBill(bill.Id, cb))).data.Balance).toBe(0);

    // updateBillPayment({ void: true }) is node-quickbooks' way: POST billpayment?operation=update&include=void, sparse.
    const voided = await sdk((cb) => qb.updateBillPayment({ Id: payment.Id, SyncToken: payment.SyncToken, void: true }, cb));
    expect(voided.err).toBeNull();
    expect(voided.data).toMatchObject({ Id: payment.Id, TotalAmt: 0, Line: [], PrivateNote: 'Voided - check 1042', SyncToken: '1' });
    for (const bill of bills) {
      const reopened = (await sdk((cb) => qb.getBill(bill.Id, cb))).data;
      expect(reopened.Balance).toBe(bill.TotalAmt);
    }

    // In a batch a void is `operation: update, optionsData: void` (facts §5): a stale SyncToken is 5010, the current one voids.
    const other = (await sdk((cb) => qb.createBillPayment({
      VendorRef: { value: '46' }, PayType: 'Check', TotalAmt: 700, CheckPayment: { BankAccountRef: { value: '35' } },
      Line: [{ Amount: 700, LinkedTxn: [{ TxnId: bills[0].Id, TxnType: 'Bill' }] }],
    }, cb))).data;
    const refused = await sdk((cb) => qb.batch([{ bId: 'vx', operation: 'update', optionsData: 'void', BillPayment: { Id: other.Id, SyncToken: '9' } }], cb));
    expect(byBId(refused, 'vx').Fault.Error[0].code).toBe('5010');
    const batchVoid = await sdk((cb) => qb.batch([{ bId: 'vy', operation: 'update', optionsData: 'void', BillPayment: { Id: other.Id, SyncToken: other.SyncToken } }], cb));
    expect(byBId(batchVoid, 'vy').BillPayment).toMatchObject({ TotalAmt: 0, Line: [] });
    expect((await sdk((cb) => qb.getBill(bills[0].Id, cb))).data.Balance).toBe(700);
  });
});
