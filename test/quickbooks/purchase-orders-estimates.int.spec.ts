import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundHandler, OutboundResult } from '../../src/adapters/pipeline/outbound/index.js';
import { centsFromWire, type QuickBooksOutboundDeps } from '../../src/adapters/quickbooks/outbound/index.js';
import { quickBooksProjectSyncHandlers } from '../../src/adapters/quickbooks/outbound/index.js';
import type { QuickBooksClient } from '../../src/adapters/quickbooks/quickbooks-client.js';
import { itemLine as salesItem, type SalesLine } from '../../src/domain/owner-invoices/sales-lines.js';
import { cents, sumBy, ZERO } from '../../src/domain/shared/money.js';
import { CONNECTION, contextOf, requestOf, startQboOutbound, type QboOutboundHarness } from './support/qbo-outbound-harness.js';
import { poDraft, poItemLine, poLine, requestBase } from './support/project-requests.js';

type Doc = Record<string, unknown>;
const dataOf = <T>(result: OutboundResult): T => (result.ok ? result.outcome.data as T : ({} as T));
const linesOf = (doc: Doc | undefined): Doc[] => (doc?.Line as Doc[] | undefined ?? []).filter((l) => l.DetailType !== 'SubTotalLineDetail');

/** The harness's deps, with a client that lets `onFirstRead` run right after the hub's first read (another writer getting in between). */
const racingDeps = (deps: QuickBooksOutboundDeps, onFirstRead: () => void): QuickBooksOutboundDeps => {
  const client = deps.clients.quickBooks(CONNECTION)!;
  const racing = Object.create(client) as QuickBooksClient;
  let fired = false;
  racing.read = async (entity, id) => {
    const result = await client.read(entity, id);
    if (!fired) {
      fired = true;
      onFirstRead();
    }
    return result;
  };
  return { ...deps, clients: { quickBooks: (name) => (name === CONNECTION ? racing : undefined) } };
};

describe('QuickBooks outbound: PurchaseOrders and Estimates for the project sagas (sandbox over HTTP)', () => {
  let h: QboOutboundHarness;
  let handlers: Map<string, OutboundHandler>;
  beforeAll(async () => {
    h = await startQboOutbound();
    handlers = new Map(quickBooksProjectSyncHandlers(h.deps).map((x) => [x.requestType, x]));
  });
  afterAll(() => h?.close());

  const run = async (type: string, data: unknown, handler = handlers.get(type)!) => {
    const request = requestOf(type, data);
    return { request, result: await handler.execute(request, contextOf(request)) };
  };

  it('posts a PurchaseOrder, updates it keeping the line Ids bills link to, and closes it', async () => {
    const posted = await run('PostPurchaseOrderRequested.v1', poDraft('786001', '1', [poLine('23-31-00|S', cents(15_000_000)), poItemLine('23-05-00|L', cents(420_000))]));
    expect(posted.result).toMatchObject({ ok: true, outcome: { type: 'PurchaseOrderPosted.v1', data: { requestNo: 2, syncToken: '0', docNumber: 'WO-786001' } } });
    const { purchaseOrderId: id, lineIds } = dataOf<{ purchaseOrderId: string; lineIds: Array<{ lineKey: string; lineId: string }> }>(posted.result);
    const po = h.sandbox.company().get('PurchaseOrder', id);
    expect(po).toMatchObject({ VendorRef: { value: '46' }, APAccountRef: { value: '33' }, POStatus: 'Open', Memo: 'Ductwork subcontract', DocNumber: 'WO-786001' });
    expect(String(po?.PrivateNote)).toMatch(/^trestle:acme:commitment-786001:1 /);
    expect(lineIds).toEqual(linesOf(po).map((l, i) => ({ lineKey: ['23-31-00|S', '23-05-00|L'][i], lineId: l.Id })));
    expect(await h.known.get(CONNECTION, 'quickbooks', 'PurchaseOrder', id))
      .toMatchObject({ version: '0', origin: 'hub', baseline: { entity: 'PurchaseOrder', id, syncToken: '0', docNumber: 'WO-786001' } });

    // A change order adjusts the first line and adds one; labor is no longer on the commitment. A hand edit made the token stale.
    h.sandbox.company().write('PurchaseOrder', { ...po, Memo: 'edited by hand' });
    const kept = lineIds[0]!;
    const lines = [poLine('23-31-00|S', cents(16_250_000), { lineId: kept.lineId }), poLine('23-33-00|S', cents(2_100_000))];
    const update = await run('UpdatePurchaseOrderRequested.v1', { ...poDraft('786001', '2', lines), purchaseOrderId: id, lastKnownSyncToken: '0' });
    expect(update.result).toMatchObject({ ok: true, outcome: { type: 'PurchaseOrderUpdated.v1', data: { requestNo: 2, purchaseOrderId: id, syncToken: '2' } } });
    const after = h.sandbox.company().get('PurchaseOrder', id);
    const newIds = dataOf<{ lineIds: Array<{ lineKey: string; lineId: string }> }>(update.result).lineIds;
    expect(newIds[0]).toEqual(kept);
    expect(newIds.map((l) => l.lineId)).toEqual(linesOf(after).map((l) => l.Id));
    expect(newIds[1]?.lineId).not.toBe(lineIds[1]?.lineId);
    expect(linesOf(after).map((l) => centsFromWire(l.Amount))).toEqual([16_250_000, 2_100_000]);
    expect(await handlers.get('UpdatePurchaseOrderRequested.v1')!.findExisting!(update.request, contextOf(update.request)))
      .toMatchObject({ ok: true, outcome: { type: 'PurchaseOrderUpdated.v1', data: { lineIds: newIds } } });

    const close = { ...requestBase('commitment', '786001', '3', 4), purchaseOrderId: id, lastKnownSyncToken: '2', docNumber: 'WO-786001' };
    const closed = await run('ClosePurchaseOrderRequested.v1', close);
    expect(closed.result).toMatchObject({ ok: true, outcome: { type: 'PurchaseOrderClosed.v1', data: { requestNo: 4, purchaseOrderId: id, syncToken: '3' } } });
    expect(h.sandbox.company().get('PurchaseOrder', id)).toMatchObject({ POStatus: 'Closed', APAccountRef: { value: '33' } });
    expect(await handlers.get('ClosePurchaseOrderRequested.v1')!.findExisting!(closed.request, contextOf(closed.request)))
      .toMatchObject({ ok: true, outcome: { type: 'PurchaseOrderClosed.v1', data: { syncToken: '3' } } });
  });

  it('after a create whose answer was lost, finds the PurchaseOrder by its marker and never posts it twice', async () => {
    const data = poDraft('786002', '1', [poLine('23-07-00|S', cents(1_600_000))]);
    h.sandbox.faults.add({ kind: 'timeout-after-write', count: 1 }, { method: 'POST', path: '/purchaseorder' });
    const first = await run('PostPurchaseOrderRequested.v1', data);
    expect(first.result).toMatchObject({ ok: false, kind: 'ambiguous' });
    const found = await handlers.get('PostPurchaseOrderRequested.v1')!.findExisting!(first.request, contextOf(first.request, 2));
    expect(found).toMatchObject({ ok: true, outcome: { type: 'PurchaseOrderPosted.v1', data: { docNumber: 'WO-786002', lineIds: [{ lineKey: '23-07-00|S' }] } } });
    expect(h.sandbox.company().list('PurchaseOrder').filter((p) => String(p.PrivateNote).startsWith(`${data.hubMarker} `))).toHaveLength(1);
  });

  it("replaces a change order's Estimate lines, starting again from a fresh read when another writer made the token stale", async () => {
    const base = { Amount: 480000, DetailType: 'SalesItemLineDetail', Description: 'Base contract', SalesItemLineDetail: { ItemRef: { value: '21' }, Qty: 1, UnitPrice: 480000 } };
    const estimateId = String(h.sandbox.company().write('Estimate', { CustomerRef: { value: '59' }, TxnDate: '2026-03-01', Line: [base] }).Id);
    const coLines = (amount: number): SalesLine[] => [
      salesItem('PCO-001 Added VAV boxes: VAV boxes', cents(amount), { itemRef: { value: '21' }, classRef: null }, { costCode: '23-36-00', costType: 'S' }),
      { kind: 'description', description: 'PCO-001 approved 2026-04-02' },
    ];
    const request = (version: string, replaceLineIds: string[], lines: SalesLine[]) =>
      ({ ...requestBase('prime_change_order', '92001', version), estimateId, replaceLineIds, lines, total: sumBy(lines, (l) => (l.kind === 'item' ? l.amount : ZERO)) });

    const first = await run('UpdateEstimateRequested.v1', request('1', [], coLines(1_800_000)));
    expect(first.result).toMatchObject({ ok: true, outcome: { type: 'EstimateUpdated.v1', data: { requestNo: 2, estimateId, syncToken: '1' } } });
    const firstIds = dataOf<{ lineIds: string[] }>(first.result).lineIds;
    expect(firstIds).toEqual(linesOf(h.sandbox.company().get('Estimate', estimateId)).slice(1).map((l) => l.Id));

    // The change order is revised; as the hub reads the Estimate, a bookkeeper adds an allowance line.
    const allowance = { ...base, Amount: 25000, Description: 'Allowance', SalesItemLineDetail: { ItemRef: { value: '21' }, Qty: 1, UnitPrice: 25000 } };
    const deps = racingDeps(h.deps, () => {
      const now = h.sandbox.company().get('Estimate', estimateId)!;
      h.sandbox.company().write('Estimate', { ...now, Line: [...linesOf(now), allowance] });
    });
    const revised = request('2', firstIds, coLines(2_050_000));
    const racingHandler = quickBooksProjectSyncHandlers(deps).find((x) => x.requestType === 'UpdateEstimateRequested.v1')!;
    const second = await run('UpdateEstimateRequested.v1', revised, racingHandler);
    expect(second.result).toMatchObject({ ok: true, outcome: { type: 'EstimateUpdated.v1', data: { requestNo: 2, estimateId, syncToken: '3' } } });
    const estimate = h.sandbox.company().get('Estimate', estimateId);
    expect(linesOf(estimate).map((l) => l.Description)).toEqual(['Base contract', 'Allowance', 'PCO-001 Added VAV boxes: VAV boxes', 'PCO-001 approved 2026-04-02']);
    expect(dataOf<{ lineIds: string[] }>(second.result).lineIds).toEqual(linesOf(estimate).slice(2).map((l) => l.Id));
    expect(centsFromWire(estimate?.TotalAmt)).toBe(48_000_000 + 2_500_000 + 2_050_000);
    expect(await h.known.get(CONNECTION, 'quickbooks', 'Estimate', estimateId)).toMatchObject({ version: '3', origin: 'hub' });

    // Redelivered (its answer lost): found in force, nothing written again.
    expect(await handlers.get('UpdateEstimateRequested.v1')!.findExisting!(second.request, contextOf(second.request))).toMatchObject({ ok: true, outcome: second.result.ok ? second.result.outcome : {} });
    expect(await run('UpdateEstimateRequested.v1', revised)).toMatchObject({ result: { ok: true, outcome: { data: { syncToken: '3' } } } });

    // Voided: its lines come off, the others stay.
    const voided = await run('UpdateEstimateRequested.v1', request('3', dataOf<{ lineIds: string[] }>(second.result).lineIds, []));
    expect(voided.result).toMatchObject({ ok: true, outcome: { data: { lineIds: [], syncToken: '4' } } });
    expect(linesOf(h.sandbox.company().get('Estimate', estimateId)).map((l) => l.Description)).toEqual(['Base contract', 'Allowance']);
  });
});
