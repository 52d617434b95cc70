import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundHandler, OutboundResult } from '../../src/adapters/pipeline/outbound/index.js';
import { CompanyPreferences } from '../../src/adapters/quickbooks/company-preferences.js';
import { quickBooksInvoiceSyncHandlers, type QuickBooksOutboundDeps } from '../../src/adapters/quickbooks/outbound/index.js';
import { quickBooksProjectSyncHandlers } from '../../src/adapters/quickbooks/outbound/index.js';
import type { EntityName } from '../../sandbox/quickbooks/model/entity-types.js';
import { cents } from '../../src/domain/shared/money.js';
import { contextOf, draftOf, requestOf, startQboOutbound, type QboOutboundHarness } from './support/qbo-outbound-harness.js';
import { itemLine as salesItem, type SalesLine } from '../../src/domain/owner-invoices/sales-lines.js';
import { invoiceDraft, poDraft, poLine, requestBase, timeActivityDraft } from './support/project-requests.js';

type Doc = Record<string, unknown>;
const HVAC = '200000000000000123';

/** Every ClassRef of a stored document: the transaction's, then each line's (undefined where none). */
const classesOf = (doc: Doc | undefined): { header: unknown; lines: unknown[] } => ({
  header: (doc?.ClassRef as Doc | undefined)?.value,
  lines: ((doc?.Line as Doc[] | undefined) ?? []).filter((l) => typeof l.DetailType === 'string' && l.DetailType !== 'DescriptionOnly' && l.DetailType !== 'SubTotalLineDetail')
    .map((l) => ((l[String(l.DetailType)] as Doc | undefined)?.ClassRef as Doc | undefined)?.value),
});

describe('QuickBooks outbound: ClassRef where the company tracks classes (sandbox over HTTP, both settings)', () => {
  let h: QboOutboundHarness;
  let preferences: CompanyPreferences;
  let handlers: Map<string, OutboundHandler>;
  let n = 0;

  beforeAll(async () => {
    h = await startQboOutbound();
    preferences = new CompanyPreferences();
    const deps: QuickBooksOutboundDeps = { ...h.deps, preferences };
    handlers = new Map([...quickBooksInvoiceSyncHandlers(deps), ...quickBooksProjectSyncHandlers(deps)].map((x) => [x.requestType, x]));
  });
  afterAll(() => h?.close());

  const track = (perTxn: boolean, perLine: boolean) => {
    h.sandbox.company().setClassTracking({ ClassTrackingPerTxn: perTxn, ClassTrackingPerLine: perLine });
    preferences.forget(h.sandbox.realmId); // what a Preferences notice does
  };

  const post = async (type: string, data: unknown, entity: EntityName, idKey: string): Promise<Doc | undefined> => {
    const request = requestOf(type, data);
    const result: OutboundResult = await handlers.get(type)!.execute(request, contextOf(request));
    expect(result, type).toMatchObject({ ok: true });
    return h.sandbox.company().get(entity, result.ok ? String((result.outcome.data as Doc)[idKey]) : '');
  };

  /** One of each: a bill (two classes), a PO, a progress invoice (one line with a class), a TimeActivity. */
  const postAll = async () => {
    const id = String(8000 + ++n);
    return {
      bill: await post('PostBillRequested.v1', draftOf(id), 'Bill', 'billId'),
      po: await post('PostPurchaseOrderRequested.v1', poDraft(id, '1', [poLine('23-07-00|S', cents(160_000))]), 'PurchaseOrder', 'purchaseOrderId'),
      invoice: await post('PostInvoiceRequested.v1', { ...invoiceDraft(id, '1'), purpose: 'progress' }, 'Invoice', 'invoiceId'),
      time: await post('PostTimeActivityRequested.v1', timeActivityDraft(id, '1'), 'TimeActivity', 'timeActivityId'),
    };
  };

  it('per line: on every line that has one, never on the transaction; QuickBooks ignores nothing', async () => {
    track(false, true);
    const before = h.sandbox.company().warnings().length;
    const { bill, po, invoice, time } = await postAll();
    expect(classesOf(bill)).toEqual({ header: undefined, lines: [HVAC, '200000000000000122', HVAC, undefined] });
    expect(classesOf(po)).toEqual({ header: undefined, lines: [HVAC] });
    expect(classesOf(invoice)).toEqual({ header: undefined, lines: [HVAC, undefined] });
    expect(time?.ClassRef).toMatchObject({ value: HVAC });
    expect(h.sandbox.company().warnings().slice(before)).toEqual([]);
  });

  it('per transaction: on the Invoice, PurchaseOrder and TimeActivity (the class of most of the amount), none on lines or bills', async () => {
    track(true, false);
    const before = h.sandbox.company().warnings().length;
    const { bill, po, invoice, time } = await postAll();
    // A Bill has no transaction-level ClassRef (facts §2.1): its classes have nowhere to go.
    expect(classesOf(bill)).toEqual({ header: undefined, lines: [undefined, undefined, undefined, undefined] });
    expect(classesOf(po)).toEqual({ header: HVAC, lines: [undefined] });
    expect(classesOf(invoice)).toEqual({ header: HVAC, lines: [undefined, undefined] });
    expect(time?.ClassRef).toMatchObject({ value: HVAC });
    expect(h.sandbox.company().warnings().slice(before)).toEqual([]);
  });

  it('per transaction: a change order\'s classed lines put their class on the Estimate they join', async () => {
    track(true, false);
    const before = h.sandbox.company().warnings().length;
    const base = { Amount: 4800, DetailType: 'SalesItemLineDetail', Description: 'Base contract', SalesItemLineDetail: { ItemRef: { value: '21' }, Qty: 1, UnitPrice: 4800 } };
    const estimateId = String(h.sandbox.company().write('Estimate', { CustomerRef: { value: '59' }, TxnDate: '2026-03-01', Line: [base] }).Id);
    const lines: SalesLine[] = [salesItem('PCO-002 Added dampers', cents(120_000), { itemRef: { value: '21' }, classRef: { value: HVAC } }, { costCode: '23-33-00', costType: 'S' })];
    const data = { ...requestBase('prime_change_order', '92002', '1'), estimateId, replaceLineIds: [], lines, total: cents(120_000) };
    const request = requestOf('UpdateEstimateRequested.v1', data);
    expect(await handlers.get('UpdateEstimateRequested.v1')!.execute(request, contextOf(request))).toMatchObject({ ok: true });
    expect(classesOf(h.sandbox.company().get('Estimate', estimateId))).toEqual({ header: HVAC, lines: [undefined, undefined] });
    expect(h.sandbox.company().warnings().slice(before)).toEqual([]);
  });

  it('no class tracking: no ClassRef anywhere', async () => {
    track(false, false);
    const before = h.sandbox.company().warnings().length;
    const { bill, po, invoice, time } = await postAll();
    for (const doc of [bill, po, invoice]) expect(classesOf(doc).header).toBeUndefined();
    expect([bill, po, invoice].flatMap((d) => classesOf(d).lines).filter((c) => c !== undefined)).toEqual([]);
    expect(time?.ClassRef).toBeUndefined();
    expect(h.sandbox.company().warnings().slice(before)).toEqual([]);
    track(false, true);
  });
});
