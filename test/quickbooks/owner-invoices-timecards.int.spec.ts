import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundHandler, OutboundResult } from '../../src/adapters/pipeline/outbound/index.js';
import { centsFromWire } from '../../src/adapters/quickbooks/outbound/index.js';
import { quickBooksProjectSyncHandlers } from '../../src/adapters/quickbooks/outbound/index.js';
import { cents } from '../../src/domain/shared/money.js';
import { CONNECTION, contextOf, requestOf, startQboOutbound, type QboOutboundHarness } from './support/qbo-outbound-harness.js';
import { invoiceDraft, progressLines, requestBase, timeActivityDraft } from './support/project-requests.js';

type Doc = Record<string, unknown>;
const idIn = (result: OutboundResult, key: string): string => (result.ok ? String((result.outcome.data as Record<string, unknown>)[key]) : '');

describe('QuickBooks outbound: owner invoices and time activities (sandbox over HTTP)', () => {
  let h: QboOutboundHarness;
  let handlers: Map<string, OutboundHandler>;
  beforeAll(async () => {
    h = await startQboOutbound();
    handlers = new Map(quickBooksProjectSyncHandlers(h.deps).map((x) => [x.requestType, x]));
  });
  afterAll(() => h?.close());

  const run = async (type: string, data: unknown) => {
    const request = requestOf(type, data);
    const handler = handlers.get(type)!;
    return { request, handler, result: await handler.execute(request, contextOf(request)) };
  };

  it('posts a progress invoice to the job, updates it and voids it', async () => {
    const data = { ...invoiceDraft('3301', '1'), purpose: 'progress' };
    const posted = await run('PostInvoiceRequested.v1', data);
    expect(posted.handler.target(posted.request)).toBe(`quickbooks:${h.sandbox.realmId}`);
    expect(posted.handler.documentStream?.(posted.request)).toBe('acme.procore.owner_invoice-3301');
    expect(posted.result).toMatchObject({ ok: true, outcome: { type: 'InvoicePosted.v1', data: { requestNo: 2, syncToken: '0', docNumber: 'KM-PA-3301' } } });
    const id = idIn(posted.result, 'invoiceId');
    const invoice = h.sandbox.company().get('Invoice', id)!;
    expect(invoice).toMatchObject({ CustomerRef: { value: '59' }, TxnDate: '2026-03-31', CustomerMemo: { value: 'Application for payment #1' }, PrivateNote: data.privateNote });
    const lines = invoice.Line as Doc[];
    expect(lines.map((l) => [l.DetailType, l.Description])).toEqual([
      ['SalesItemLineDetail', '23-31-00 Ductwork'], ['SalesItemLineDetail', '23-07-00 Insulation'], ['DescriptionOnly', 'Retainage withheld this period: 7,700.00 (10%)'],
    ]);
    expect(lines[0]).toMatchObject({ Amount: 52200, SalesItemLineDetail: { ItemRef: { value: '21' }, Qty: 1, UnitPrice: 52200, ClassRef: { value: '200000000000000123' } } });
    expect(centsFromWire(invoice.TotalAmt)).toBe(data.total);
    expect(await posted.handler.findExisting!(posted.request, contextOf(posted.request))).toMatchObject({ ok: true, outcome: { data: { invoiceId: id } } });

    const revised = { ...invoiceDraft('3301', '2', progressLines(cents(5_000_000))), purpose: 'progress', invoiceId: id, lastKnownSyncToken: '0' };
    const updated = await run('UpdateInvoiceRequested.v1', revised);
    expect(updated.result).toMatchObject({ ok: true, outcome: { type: 'InvoiceUpdated.v1', data: { requestNo: 2, invoiceId: id, syncToken: '1' } } });
    expect(centsFromWire(h.sandbox.company().get('Invoice', id)!.TotalAmt)).toBe(5_000_000 + 1_710_000);
    expect(await updated.handler.findExisting!(updated.request, contextOf(updated.request))).toMatchObject({ ok: true, outcome: { type: 'InvoiceUpdated.v1' } });

    const voidData = { ...requestBase('owner_invoice', '3301', '3', 5), purpose: 'progress', invoiceId: id, lastKnownSyncToken: '1', docNumber: 'KM-PA-3301' };
    const voided = await run('VoidInvoiceRequested.v1', voidData);
    expect(voided.result).toMatchObject({ ok: true, outcome: { type: 'InvoiceVoided.v1', data: { requestNo: 5, invoiceId: id, syncToken: '2' } } });
    expect(h.sandbox.company().get('Invoice', id)).toMatchObject({ TotalAmt: 0, Balance: 0 });
    expect(await voided.handler.findExisting!(voided.request, contextOf(voided.request))).toMatchObject({ ok: true, outcome: { type: 'InvoiceVoided.v1' } });
    expect(await h.known.get(CONNECTION, 'quickbooks', 'Invoice', id)).toMatchObject({ version: '2', origin: 'hub' });
  });

  it('posts a TimeActivity (hours and minutes, the job, the service item) and finds it by the marker in its Description', async () => {
    const data = timeActivityDraft('990100', '1');
    h.sandbox.faults.add({ kind: 'timeout-after-write', count: 1 }, { method: 'POST', path: '/timeactivity' });
    const lost = await run('PostTimeActivityRequested.v1', data);
    expect(lost.result).toMatchObject({ ok: false, kind: 'ambiguous' });
    // Description is not filterable (4001): the day's time activities are searched and compared here.
    const found = await lost.handler.findExisting!(lost.request, contextOf(lost.request, 2));
    expect(found).toMatchObject({ ok: true, outcome: { type: 'TimeActivityPosted.v1', data: { requestNo: 2, syncToken: '0' } } });
    const id = found.ok ? String((found.outcome?.data as { timeActivityId: string }).timeActivityId) : '';
    expect(h.sandbox.company().get('TimeActivity', id)).toMatchObject({
      NameOf: 'Employee', EmployeeRef: { value: '81' }, TxnDate: '2026-03-02', Hours: 7, Minutes: 30, CustomerRef: { value: '59' },
      ItemRef: { value: '12' }, ClassRef: { value: '200000000000000123' }, BillableStatus: 'Billable', HourlyRate: 65, Description: data.description,
    });
    expect(h.sandbox.company().list('TimeActivity').filter((t) => String(t.Description).startsWith(`${data.hubMarker} `))).toHaveLength(1);

    const other = await run('PostTimeActivityRequested.v1', timeActivityDraft('990101', '1', { hours: 8, minutes: 0, billableStatus: 'NotBillable', hourlyRate: null }));
    expect(other.result).toMatchObject({ ok: true, outcome: { type: 'TimeActivityPosted.v1' } });
    expect(h.sandbox.company().get('TimeActivity', idIn(other.result, 'timeActivityId'))).toMatchObject({ Hours: 8, Minutes: 0, BillableStatus: 'NotBillable' });
  });

  it('updates a TimeActivity, deletes it, and takes a second delete (610) as done', async () => {
    const posted = await run('PostTimeActivityRequested.v1', timeActivityDraft('990102', '1'));
    const id = idIn(posted.result, 'timeActivityId');
    const update = await run('UpdateTimeActivityRequested.v1', { ...timeActivityDraft('990102', '2', { hours: 6, minutes: 45 }), timeActivityId: id, lastKnownSyncToken: '0' });
    expect(update.result).toMatchObject({ ok: true, outcome: { type: 'TimeActivityUpdated.v1', data: { timeActivityId: id, syncToken: '1' } } });
    expect(h.sandbox.company().get('TimeActivity', id)).toMatchObject({ Hours: 6, Minutes: 45 });

    const del = { ...requestBase('timecard', '990102', '3', 6), timeActivityId: id, lastKnownSyncToken: '1' };
    const deleted = await run('DeleteTimeActivityRequested.v1', del);
    expect(deleted.result).toMatchObject({ ok: true, outcome: { type: 'TimeActivityDeleted.v1', data: { requestNo: 6, timeActivityId: id } } });
    expect(h.sandbox.company().get('TimeActivity', id)).toBeUndefined();
    expect(await h.known.get(CONNECTION, 'quickbooks', 'TimeActivity', id)).toMatchObject({ deletedByHub: true });
    expect((await run('DeleteTimeActivityRequested.v1', del)).result).toMatchObject({ ok: true, outcome: { type: 'TimeActivityDeleted.v1' } });
    expect(await deleted.handler.findExisting!(deleted.request, contextOf(deleted.request))).toMatchObject({ ok: true, outcome: { type: 'TimeActivityDeleted.v1' } });
  });
});
