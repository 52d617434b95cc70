import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cents } from '../../src/domain/shared/money.js';
import { centsFromWire } from '../../src/adapters/quickbooks/outbound/index.js';
import { QuickBooksBooksPort } from '../../src/adapters/quickbooks/quickbooks-books-port.js';
import { accountLine, contextOf, draftOf, itemLine, requestOf, startQboOutbound, type PostData, type QboOutboundHarness } from './support/qbo-outbound-harness.js';

describe('QuickBooks outbound: updating and deleting bills (sandbox over HTTP)', () => {
  let h: QboOutboundHarness;
  beforeAll(async () => {
    h = await startQboOutbound();
  });
  afterAll(() => h?.close());

  const postBill = async (invoiceId: string): Promise<{ billId: string; data: PostData }> => {
    const data = draftOf(invoiceId);
    const request = requestOf('PostBillRequested.v1', data);
    const result = await h.handler<PostData>('PostBillRequested.v1').execute(request, contextOf(request));
    if (!result.ok) throw new Error(result.message);
    return { billId: (result.outcome.data as { billId: string }).billId, data };
  };
  const deleteRequest = (data: PostData, billId: string, lastKnownSyncToken: string) =>
    requestOf('DeleteBillRequested.v1', { requestNo: 7, invoice: data.invoice, version: data.version, billId, docNumber: data.docNumber, lastKnownSyncToken });

  it('reads a bill payment through the books port as inbound records it; an id the books do not have is null', async () => {
    const { billId } = await postBill('6009');
    const paid = h.sandbox.company().payBill(billId, '1250.00');
    const port = new QuickBooksBooksPort(h.deps);
    const read = await port.readPayment('acme', 'bill_payment', String(paid.Id));
    expect(read).toMatchObject({ ok: true, value: {
      kind: 'bill_payment', counterpartyId: String((paid.VendorRef as { value: string }).value), totalAmount: 125_000,
      appliedTo: [{ txnId: billId, txnType: 'Bill', amount: 125_000 }], deleted: false,
    } });
    expect(await port.readPayment('acme', 'bill_payment', '999999')).toEqual({ ok: true, value: null });
    expect(await port.readPayment('elsewhere', 'bill_payment', String(paid.Id))).toMatchObject({ ok: false, kind: 'permanent', code: 'NO_QUICKBOOKS_CONNECTION' });
  });

  it('updates a bill whose SyncToken a payment made stale: re-reads it and replaces the lines', async () => {
    const { billId } = await postBill('6001');
    h.sandbox.company().payBill(billId, '1000.00'); // the bill is now at SyncToken 1
    const lines = [accountLine({ amount: cents(500_000) }), itemLine(cents(250_000))];
    const update = requestOf('UpdateBillRequested.v1', { ...draftOf('6001', { version: '2', lines }), requestNo: 5, billId, lastKnownSyncToken: '0' });
    const handler = h.handler<unknown>('UpdateBillRequested.v1');
    expect(await handler.findExisting!(update, contextOf(update))).toMatchObject({ ok: true, outcome: null });

    const result = await handler.execute(update, contextOf(update));
    expect(result).toMatchObject({ ok: true, outcome: { type: 'BillUpdated.v1', data: { requestNo: 5, billId, syncToken: '2' } } });
    const bill = h.sandbox.company().get('Bill', billId)!;
    expect((bill.Line as Array<{ Amount: number }>).map((l) => centsFromWire(l.Amount))).toEqual([500_000, 250_000]);
    expect(String(bill.PrivateNote)).toMatch(/^trestle:acme:6001:2 /);
    expect(centsFromWire(bill.Balance)).toBe(650_000); // 7500.00 less the 1000.00 paid
    expect(await h.known.get('acme', 'quickbooks', 'Bill', billId)).toMatchObject({ version: '2', origin: 'hub' });
    // After a lost answer the lookup sees this version's marker on the bill: the update happened.
    expect(await handler.findExisting!(update, contextOf(update))).toMatchObject({ ok: true, outcome: { type: 'BillUpdated.v1', data: { billId, syncToken: '2' } } });
  });

  it('deletes a bill, re-reading a stale SyncToken; deleting it again (610) is success too', async () => {
    const { billId, data } = await postBill('6002');
    h.sandbox.company().editBillLine(billId, '99.00'); // a hand edit: SyncToken 1
    const handler = h.handler<unknown>('DeleteBillRequested.v1');
    const first = deleteRequest(data, billId, '0');
    expect(await handler.findExisting!(first, contextOf(first))).toMatchObject({ ok: true, outcome: null });
    expect(await handler.execute(first, contextOf(first))).toMatchObject({ ok: true, outcome: { type: 'BillDeleted.v1', data: { requestNo: 7, billId } } });
    expect(h.sandbox.company().get('Bill', billId)).toBeUndefined();
    expect(await h.known.get('acme', 'quickbooks', 'Bill', billId)).toMatchObject({ deletedByHub: true });

    const again = deleteRequest(data, billId, '1');
    expect(await handler.execute(again, contextOf(again))).toMatchObject({ ok: true, outcome: { type: 'BillDeleted.v1', data: { billId } } });
    expect(await handler.findExisting!(again, contextOf(again))).toMatchObject({ ok: true, outcome: { type: 'BillDeleted.v1' } });
  });

  it('refuses for good to delete a bill that has a payment applied', async () => {
    const { billId, data } = await postBill('6003');
    h.sandbox.company().payBill(billId, '10.00');
    const request = deleteRequest(data, billId, '1');
    expect(await h.handler('DeleteBillRequested.v1').execute(request, contextOf(request))).toMatchObject({ ok: false, kind: 'permanent', code: '6000' });
    expect(h.sandbox.company().get('Bill', billId)).toBeDefined();
  });
});
