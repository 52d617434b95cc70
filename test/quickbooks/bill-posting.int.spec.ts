import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cents } from '../../src/domain/shared/money.js';
import type { OutboundResult } from '../../src/adapters/pipeline/outbound/index.js';
import { centsFromWire } from '../../src/adapters/quickbooks/outbound/index.js';
import { accountLine, contextOf, draftOf, fourLines, requestOf, startQboOutbound, type PostData, type QboOutboundHarness } from './support/qbo-outbound-harness.js';

type Doc = Record<string, unknown>;
type Line = Doc & { AccountBasedExpenseLineDetail?: Doc; ItemBasedExpenseLineDetail?: Doc };

describe('QuickBooks outbound: posting bills and vendor credits (sandbox over HTTP)', () => {
  let h: QboOutboundHarness;
  beforeAll(async () => {
    h = await startQboOutbound();
  });
  afterAll(() => h?.close());

  const post = () => h.handler<PostData>('PostBillRequested.v1');
  const billsMarked = (marker: string) => h.sandbox.company().list('Bill').filter((b) => String(b.PrivateNote).startsWith(`${marker} `));
  const idOf = (result: OutboundResult): string => (result.ok ? String((result.outcome.data as { billId?: string; vendorCreditId?: string }).billId
    ?? (result.outcome.data as { vendorCreditId: string }).vendorCreditId) : '');

  it('posts a 4-line bill (account and item lines, classes, the customer:job) that reads back as drafted', async () => {
    const data = draftOf('5001');
    const request = requestOf('PostBillRequested.v1', data);
    expect(post().target(request)).toBe(`quickbooks:${h.sandbox.realmId}`);
    expect(post().documentStream?.(request)).toBe('acme.procore.subcontractor_invoice-5001');

    const result = await post().execute(request, contextOf(request));
    expect(result).toMatchObject({ ok: true, outcome: { type: 'BillPosted.v1', data: { requestNo: 3, syncToken: '0', docNumber: 'NSM-5001' } } });
    const bill = h.sandbox.company().get('Bill', idOf(result))!;
    expect(bill).toMatchObject({ VendorRef: { value: '46' }, TxnDate: '2026-03-31', DueDate: '2026-04-30', DocNumber: 'NSM-5001', PrivateNote: data.privateNote });
    expect(centsFromWire(bill.TotalAmt)).toBe(data.total);
    const lines = bill.Line as Line[];
    expect(lines.map((l) => centsFromWire(l.Amount))).toEqual(fourLines().map((l) => l.amount));
    expect(lines[0]).toMatchObject({
      DetailType: 'AccountBasedExpenseLineDetail', Description: '23-31-00 Ductwork install',
      AccountBasedExpenseLineDetail: { AccountRef: { value: '61' }, ClassRef: { value: '200000000000000123' }, CustomerRef: { value: '59' }, BillableStatus: 'Billable' },
    });
    expect(lines[1]?.AccountBasedExpenseLineDetail).toMatchObject({ AccountRef: { value: '62' }, ClassRef: { value: '200000000000000122' }, BillableStatus: 'NotBillable' });
    expect(lines[2]).toMatchObject({
      DetailType: 'ItemBasedExpenseLineDetail',
      ItemBasedExpenseLineDetail: { ItemRef: { value: '11' }, Qty: 1, UnitPrice: 8000.05, CustomerRef: { value: '59' }, BillableStatus: 'Billable' },
    });
    expect(lines[3]?.ItemBasedExpenseLineDetail).not.toHaveProperty('ClassRef');
    expect(await h.known.get('acme', 'quickbooks', 'Bill', idOf(result))).toMatchObject({ version: '0', origin: 'hub', deletedByHub: false });
  });

  it('after a write whose answer was lost, finds the bill by its marker and never posts it twice', async () => {
    const data = draftOf('5002');
    const request = requestOf('PostBillRequested.v1', data);
    h.sandbox.faults.add({ kind: 'timeout-after-write', count: 1 }, { method: 'POST', path: '/bill' });
    expect(await post().execute(request, contextOf(request))).toMatchObject({ ok: false, kind: 'ambiguous' });
    h.sandbox.company().forgetRequestIds();

    const found = await post().findExisting!(request, contextOf(request, 2));
    expect(found).toMatchObject({ ok: true, outcome: { type: 'BillPosted.v1', data: { requestNo: 3, docNumber: 'NSM-5002' } } });
    // Written again all the same: QuickBooks says 6140, and the bill holding the number carries our marker.
    const again = await post().execute(request, contextOf(request, 3));
    expect(again).toMatchObject({ ok: true, outcome: found.ok ? found.outcome! : {} });
    expect(billsMarked(data.hubMarker)).toHaveLength(1);
    expect(await post().findExisting!(requestOf('PostBillRequested.v1', draftOf('5002', { version: '2' })), contextOf(request))).toEqual({ ok: true, outcome: null, status: 200 });
  });

  it('posts five bills in one batch, one outcome per request in order; a refused item fails alone', async () => {
    const ids = ['5101', '5102', '5103', '5104', '5105'];
    const requests = ids.map((id) => requestOf('PostBillRequested.v1', draftOf(id)));
    const batch = (rs: typeof requests) => post().executeBatch!(rs, { idempotencyKey: randomUUID(), items: rs.map((r) => ({ request: r, idempotencyKey: r.id })), signal: new AbortController().signal });

    const results = await batch(requests);
    expect(results).toHaveLength(5);
    results.forEach((r, i) => expect(r).toMatchObject({ ok: true, outcome: { type: 'BillPosted.v1', data: { requestNo: 3, docNumber: `NSM-${ids[i]}` } } }));
    expect(new Set(results.map(idOf)).size).toBe(5);
    for (const id of ids) expect(billsMarked(`trestle:acme:${id}:1`)).toHaveLength(1);

    const badLine = accountLine({ accountRef: { value: '999' } });
    const mixed = [requestOf('PostBillRequested.v1', draftOf('5201')), requestOf('PostBillRequested.v1', draftOf('5202', { lines: [badLine] }))];
    const [good, bad] = await batch(mixed);
    expect(good).toMatchObject({ ok: true, outcome: { type: 'BillPosted.v1' } });
    expect(bad).toMatchObject({ ok: false, kind: 'permanent', code: '2500' });
  });

  it('posts, updates and deletes a vendor credit', async () => {
    const data = draftOf('5301');
    const postVc = requestOf('PostVendorCreditRequested.v1', data);
    const posted = await h.handler<PostData>('PostVendorCreditRequested.v1').execute(postVc, contextOf(postVc));
    expect(posted).toMatchObject({ ok: true, outcome: { type: 'VendorCreditPosted.v1', data: { requestNo: 3, syncToken: '0', docNumber: 'NSM-5301' } } });
    const id = idOf(posted);
    expect(h.sandbox.company().get('VendorCredit', id)).toMatchObject({ VendorRef: { value: '46' }, PrivateNote: data.privateNote });

    const line = accountLine({ amount: cents(12_345) });
    const updateData = { ...draftOf('5301', { version: '2', lines: [line] }), vendorCreditId: id, lastKnownSyncToken: '0' };
    const update = requestOf('UpdateVendorCreditRequested.v1', updateData);
    expect(await h.handler('UpdateVendorCreditRequested.v1').execute(update, contextOf(update)))
      .toMatchObject({ ok: true, outcome: { type: 'VendorCreditUpdated.v1', data: { requestNo: 3, vendorCreditId: id, syncToken: '1' } } });
    expect(centsFromWire(h.sandbox.company().get('VendorCredit', id)!.TotalAmt)).toBe(12_345);

    const del = requestOf('DeleteVendorCreditRequested.v1', { requestNo: 4, invoice: data.invoice, version: '2', vendorCreditId: id, docNumber: 'NSM-5301', lastKnownSyncToken: '1' });
    expect(await h.handler('DeleteVendorCreditRequested.v1').execute(del, contextOf(del)))
      .toEqual(expect.objectContaining({ ok: true, outcome: { type: 'VendorCreditDeleted.v1', data: { requestNo: 4, vendorCreditId: id } } }));
    expect(h.sandbox.company().get('VendorCredit', id)).toBeUndefined();
    expect(await h.known.get('acme', 'quickbooks', 'VendorCredit', id)).toMatchObject({ deletedByHub: true });
  });
});
