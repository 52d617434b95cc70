import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundFailure, OutboundHandler } from '../../src/adapters/pipeline/outbound/index.js';
import { quickBooksProjectSyncHandlers } from '../../src/adapters/quickbooks/outbound/index.js';
import { cents } from '../../src/domain/shared/money.js';
import { contextOf, requestOf, startQboOutbound, type QboOutboundHarness } from './support/qbo-outbound-harness.js';
import { invoiceDraft, poDraft, poLine, requestBase } from './support/project-requests.js';

describe('QuickBooks outbound: resolution requests and failures of the project sagas (sandbox over HTTP)', () => {
  let h: QboOutboundHarness;
  let handlers: Map<string, OutboundHandler>;
  beforeAll(async () => {
    h = await startQboOutbound();
    handlers = new Map(quickBooksProjectSyncHandlers(h.deps).map((x) => [x.requestType, x]));
  });
  afterEach(() => h.sandbox.faults.clear());
  afterAll(() => h?.close());

  const run = async (type: string, data: unknown, connection?: string) => {
    const request = requestOf(type, data, connection);
    const handler = handlers.get(type)!;
    return { request, handler, result: await handler.execute(request, contextOf(request)) };
  };

  it('answers BooksVendorResolutionRequested with BooksVendorResolved, naming the document as `document`', async () => {
    const data = { ...requestBase('commitment', '786001', '1', 1), vendorId: '5521', displayName: 'Northwind Sheet Metal LLC', match: 'lookup-or-create' };
    const { request, handler, result } = await run('BooksVendorResolutionRequested.v1', data);
    const outcome = { type: 'BooksVendorResolved.v1', data: { requestNo: 1, vendorId: '5521', vendorRef: { value: '46', name: 'Northwind Sheet Metal LLC' }, created: false } };
    expect(result).toMatchObject({ ok: true, outcome });
    expect(handler.documentStream?.(request)).toBe('acme.procore.commitment-786001');
    expect(handler.target(request)).toBe(`quickbooks:${h.sandbox.realmId}`);
    expect(await handler.findExisting!(request, contextOf(request))).toMatchObject({ ok: true, outcome });
  });

  it('answers BooksJobResolutionRequested by creating the Customer:Job once, then finding it', async () => {
    const data = { ...requestBase('owner_invoice', '3301', '1', 1), projectId: '2468099', parentCustomerRef: { value: '58', name: 'Harbor Point Builders' }, jobName: '2026-099 Clinic Annex' };
    const first = await run('BooksJobResolutionRequested.v1', data);
    expect(first.result).toMatchObject({ ok: true, outcome: { type: 'BooksJobResolved.v1', data: { requestNo: 1, projectId: '2468099', created: true } } });
    const ref = first.result.ok ? (first.result.outcome.data as { customerRef: { value: string } }).customerRef : { value: '' };
    expect(h.sandbox.company().get('Customer', ref.value)).toMatchObject({ DisplayName: '2026-099 Clinic Annex', Job: true, ParentRef: { value: '58' } });
    expect((await run('BooksJobResolutionRequested.v1', { ...data, requestNo: 2 })).result)
      .toMatchObject({ ok: true, outcome: { data: { requestNo: 2, customerRef: { value: ref.value }, created: false } } });
  });

  it('an invoice on an unknown item (2500) is permanent, and the saga hears PostingFailed or PostingDeadLettered', async () => {
    const lines = [{ kind: 'item' as const, description: 'Work', amount: cents(10_000), itemRef: { value: '999' }, qty: 1 as const, unitPrice: cents(10_000), classRef: null, source: null }];
    const { request, handler, result } = await run('PostInvoiceRequested.v1', { ...invoiceDraft('3309', '1', lines), purpose: 'progress' });
    expect(result).toMatchObject({ ok: false, kind: 'permanent', status: 400, code: '2500' });
    const failure = result as OutboundFailure;
    expect(handler.failureOutcome(request, failure, { deadLettered: false, attempts: 1 }))
      .toEqual({ type: 'PostingFailed.v1', data: { requestNo: 2, retryable: false, reason: failure.message, code: '2500', attempt: 1 } });
    expect(handler.failureOutcome(request, failure, { deadLettered: true, attempts: 6 }))
      .toEqual({ type: 'PostingDeadLettered.v1', data: { requestNo: 2, reason: failure.message, code: '2500', attempts: 6 } });
  });

  it('an Estimate that is gone is permanent; a throttled PurchaseOrder is throttled; no books, no call', async () => {
    const estimate = { ...requestBase('prime_change_order', '92009', '1'), estimateId: '9999', replaceLineIds: [], lines: [], total: 0 };
    expect((await run('UpdateEstimateRequested.v1', estimate)).result).toMatchObject({ ok: false, kind: 'permanent', code: '610' });

    h.sandbox.faults.add({ kind: 'throttle', count: 1, retryAfterSeconds: 120 }, { method: 'POST', path: '/purchaseorder' });
    const po = poDraft('786009', '1', [poLine('23-31-00|S', cents(100_000))]);
    expect((await run('PostPurchaseOrderRequested.v1', po)).result).toMatchObject({ ok: false, kind: 'throttled', code: '3001', retryAfterMs: 120_000 });

    const other = await run('PostPurchaseOrderRequested.v1', po, 'other');
    expect(other.handler.target(other.request)).toBe('quickbooks:unconfigured-other');
    expect(other.result).toMatchObject({ ok: false, kind: 'permanent', code: 'NO_QUICKBOOKS_CONNECTION' });
  });
});
