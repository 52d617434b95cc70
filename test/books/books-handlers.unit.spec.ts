import { describe, expect, it } from 'vitest';
import type { OutboundHandler, OutboundRequest } from '../../src/adapters/pipeline/outbound/index.js';
import { BooksPortDirectory, booksHandlers } from '../../src/adapters/pipeline/books-outbound/index.js';
import type { BooksSystem } from '../../src/domain/books/index.js';
import { cents } from '../../src/domain/shared/money.js';
import { poDraft, poLine, requestBase, timeActivityDraft } from '../quickbooks/support/project-requests.js';
import { accountLine, contextOf, draftOf, invoiceRef, requestOf } from '../quickbooks/support/qbo-requests.js';
import { FakeBooksPort } from './fake-books-port.js';

/** Two connections on two books systems, one connection on a system with no adapter. */
const setUp = (options: { batches?: boolean } = {}) => {
  const quickbooks = new FakeBooksPort('quickbooks', 'realm-1', options);
  const xero = new FakeBooksPort('xero', 'tenant-9');
  const systems: Record<string, BooksSystem> = { acme: 'quickbooks', beta: 'xero', gamma: 'qbd' };
  const directory = new BooksPortDirectory((c) => systems[c], { quickbooks, xero });
  const handlers = new Map(booksHandlers(directory).map((h) => [h.requestType, h]));
  const handler = <D>(type: string) => handlers.get(type) as OutboundHandler<D>;
  return { quickbooks, xero, handlers, handler };
};

const run = async <D>(handler: OutboundHandler<D>, request: OutboundRequest<D>) => handler.execute(request, contextOf(request));

describe('the books handlers over the port', () => {
  it('serves every request type the sagas send to the books, once each', () => {
    const { handlers } = setUp();
    expect([...handlers.keys()].sort()).toEqual([
      'BooksJobResolutionRequested.v1', 'BooksVendorResolutionRequested.v1', 'ClosePurchaseOrderRequested.v1', 'DeleteBillRequested.v1',
      'DeleteTimeActivityRequested.v1', 'DeleteVendorCreditRequested.v1', 'PostBillRequested.v1', 'PostInvoiceRequested.v1',
      'PostOwnerEstimateRequested.v1', 'PostPurchaseOrderRequested.v1', 'PostTimeActivityRequested.v1', 'PostVendorCreditRequested.v1',
      'ResolveJobRequested.v1', 'ResolveVendorRequested.v1', 'UpdateBillRequested.v1', 'UpdateEstimateRequested.v1', 'UpdateInvoiceRequested.v1',
      'UpdateOwnerEstimateRequested.v1', 'UpdatePurchaseOrderRequested.v1', 'UpdateTimeActivityRequested.v1', 'UpdateVendorCreditRequested.v1', 'VoidInvoiceRequested.v1',
    ]);
  });

  it('posts a bill in the port\'s words to the connection\'s own books, and answers BillPosted with the version as syncToken', async () => {
    const { quickbooks, xero, handler } = setUp();
    const data = draftOf('1', { lines: [accountLine({ linkedTxn: { txnId: '812', txnType: 'PurchaseOrder', txnLineId: '3' } })] });
    const request = requestOf('PostBillRequested.v1', data, 'beta');
    const result = await run(handler('PostBillRequested.v1'), request);

    expect(handler('PostBillRequested.v1').target(request)).toBe('xero:tenant-9');
    expect(quickbooks.calls).toEqual([]);
    expect(xero.calls).toHaveLength(1);
    const [posting] = xero.calls[0]!.args as [Record<string, unknown>];
    expect(xero.calls[0]!.call).toEqual({ connection: 'beta', idempotencyKey: request.id, signal: expect.any(AbortSignal) });
    expect(posting).toMatchObject({
      kind: 'bill', number: 'NSM-1', dueDate: '2026-04-30', note: { marker: data.hubMarker, text: data.privateNote },
      lines: [{ kind: 'account', jobRef: data.lines[0]!.customerRef, billedFrom: { purchaseOrderId: '812', lineId: '3' } }],
    });
    expect(posting).not.toHaveProperty('privateNote');
    // The port gave no number back: the outcome keeps the one sent. Audit status and response pass through.
    expect(result).toEqual({
      ok: true, status: 200, response: { echoed: true },
      outcome: { type: 'BillPosted.v1', data: { requestNo: 3, billId: '900', syncToken: '0', docNumber: 'NSM-1' } },
    });
  });

  it('passes the port\'s failure on as the dispatcher\'s, and answers the saga PostingFailed or PostingDeadLettered', async () => {
    const { quickbooks, handler } = setUp();
    quickbooks.next = { ok: false, kind: 'ambiguous', status: 504, message: 'gateway timeout' };
    const post = handler('PostVendorCreditRequested.v1');
    const request = requestOf('PostVendorCreditRequested.v1', draftOf('2'));
    expect(await run(post, request)).toEqual(quickbooks.next);
    const failure = { ok: false as const, kind: 'permanent' as const, code: '6000', message: 'refused' };
    expect(post.failureOutcome(request, failure, { deadLettered: false, attempts: 1 }))
      .toEqual({ type: 'PostingFailed.v1', data: { requestNo: 3, retryable: false, reason: 'refused', code: '6000', attempt: 1 } });
    expect(post.failureOutcome(request, failure, { deadLettered: true, attempts: 8 }))
      .toEqual({ type: 'PostingDeadLettered.v1', data: { requestNo: 3, reason: 'refused', code: '6000', attempts: 8 } });
    expect(post.documentStream?.(request)).toBe(`acme.procore.subcontractor_invoice-2`);
  });

  it('refuses a connection whose books system has no adapter, without calling any port', async () => {
    const { quickbooks, xero, handler } = setUp();
    const request = requestOf('PostBillRequested.v1', draftOf('3'), 'gamma');
    expect(handler('PostBillRequested.v1').target(request)).toBe('books:unconfigured-gamma');
    expect(await run(handler('PostBillRequested.v1'), request)).toMatchObject({ ok: false, kind: 'permanent', code: 'NO_BOOKS_ADAPTER' });
    expect([...quickbooks.calls, ...xero.calls]).toEqual([]);
  });

  it('after an ambiguous failure asks the port whether the write happened: nothing found is null, found is the outcome', async () => {
    const { quickbooks, handler } = setUp();
    const update = handler('UpdateBillRequested.v1');
    const request = requestOf('UpdateBillRequested.v1', { ...draftOf('4'), billId: '145', lastKnownSyncToken: '2' });
    expect(await update.findExisting!(request, contextOf(request))).toEqual({ ok: true, outcome: null });
    quickbooks.found = { ok: true, value: { id: '145', version: '3' }, status: 200 };
    expect(await update.findExisting!(request, contextOf(request)))
      .toEqual({ ok: true, status: 200, outcome: { type: 'BillUpdated.v1', data: { requestNo: 3, billId: '145', syncToken: '3' } } });
    expect(quickbooks.calls.map((c) => c.args[0])).toEqual([{ kind: 'bill', id: '145', version: '2' }, { kind: 'bill', id: '145', version: '2' }]);
  });

  it('deletes, voids and closes as retirements of the document the saga names', async () => {
    const { quickbooks, handler } = setUp();
    quickbooks.next = { ok: true, value: { id: 'ignored', version: '5' } };
    const base = { requestNo: 4, invoice: invoiceRef('5'), version: '2', docNumber: 'NSM-5' };
    const deleted = await run(handler('DeleteBillRequested.v1'), requestOf('DeleteBillRequested.v1', { ...base, billId: '145', lastKnownSyncToken: '2' }));
    const voided = await run(handler('VoidInvoiceRequested.v1'),
      requestOf('VoidInvoiceRequested.v1', { ...requestBase('owner_invoice', '6'), invoiceId: '301', lastKnownSyncToken: '1', purpose: 'progress', docNumber: 'PA-6' }));
    const closed = await run(handler('ClosePurchaseOrderRequested.v1'),
      requestOf('ClosePurchaseOrderRequested.v1', { ...requestBase('commitment', '7'), purchaseOrderId: '812', lastKnownSyncToken: '4', docNumber: 'SC-7' }));
    expect(quickbooks.calls.map((c) => c.args)).toEqual([
      [{ kind: 'bill', id: '145', version: '2' }, 'delete'],
      [{ kind: 'sales-invoice', id: '301', version: '1' }, 'void'],
      [{ kind: 'purchase-order', id: '812', version: '4' }, 'close'],
    ]);
    expect([deleted, voided, closed].map((r) => r.ok && r.outcome)).toEqual([
      { type: 'BillDeleted.v1', data: { requestNo: 4, billId: '145' } },
      { type: 'InvoiceVoided.v1', data: { requestNo: 2, invoiceId: '301', syncToken: '5' } },
      { type: 'PurchaseOrderClosed.v1', data: { requestNo: 2, purchaseOrderId: '812', syncToken: '5' } },
    ]);
  });

  it('posts time as a time entry (billable, note from the description) and purchase orders with their line ids', async () => {
    const { quickbooks, handler } = setUp();
    const time = timeActivityDraft('8', '1', { billableStatus: 'Billable', hourlyRate: '95.00' });
    await run(handler('PostTimeActivityRequested.v1'), requestOf('PostTimeActivityRequested.v1', time));
    quickbooks.next = { ok: true, value: { id: '812', version: '0', number: 'SC-9', lineIds: [{ lineKey: '23|S', lineId: '1' }] } };
    const po = await run(handler('PostPurchaseOrderRequested.v1'), requestOf('PostPurchaseOrderRequested.v1', poDraft('9', '1', [poLine('23|S', cents(100_000))])));
    expect(quickbooks.calls[0]!.args[0]).toMatchObject({
      kind: 'time-entry', billable: true, hourlyRate: '95.00', jobRef: time.customerRef, note: { marker: time.hubMarker, text: time.description },
    });
    expect(quickbooks.calls[1]!.args[0]).toMatchObject({ kind: 'purchase-order', number: 'WO-9', lines: [{ lineKey: '23|S', lineId: null }] });
    expect(po.ok && po.outcome).toEqual({
      type: 'PurchaseOrderPosted.v1', data: { requestNo: 2, purchaseOrderId: '812', syncToken: '0', docNumber: 'SC-9', lineIds: [{ lineKey: '23|S', lineId: '1' }] },
    });
  });

  it('resolves vendors and jobs in the port\'s words; both sagas\' request types get the same answers', async () => {
    const { quickbooks, handler } = setUp();
    const vendor = { vendorId: '77', displayName: 'Apex Controls Co', match: 'lookup-only' as const };
    const invoiceAsk = await run(handler('ResolveVendorRequested.v1'), requestOf('ResolveVendorRequested.v1', { requestNo: 1, invoice: invoiceRef('9'), version: '1', ...vendor }));
    const projectAsk = await run(handler('BooksVendorResolutionRequested.v1'),
      requestOf('BooksVendorResolutionRequested.v1', { ...requestBase('commitment', '9'), ...vendor }));
    const job = await run(handler('BooksJobResolutionRequested.v1'), requestOf('BooksJobResolutionRequested.v1', {
      ...requestBase('commitment', '9'), projectId: '2468013', parentCustomerRef: { value: '58', name: 'Harbor Point Builders' }, jobName: 'Riverside',
    }));
    expect(quickbooks.calls.map((c) => [c.method, c.args[0]])).toEqual([
      ['resolveVendor', vendor], ['resolveVendor', vendor],
      ['resolveJob', { projectId: '2468013', parentRef: { value: '58', name: 'Harbor Point Builders' }, jobName: 'Riverside' }],
    ]);
    const answer = { type: 'BooksVendorResolved.v1', data: { vendorId: '77', vendorRef: { value: '46', name: 'Apex Controls Co' }, created: true } };
    expect(invoiceAsk.ok && invoiceAsk.outcome).toEqual({ ...answer, data: { requestNo: 1, ...answer.data } });
    expect(projectAsk.ok && projectAsk.outcome).toEqual({ ...answer, data: { requestNo: 2, ...answer.data } });
    expect(job.ok && job.outcome).toEqual({
      type: 'BooksJobResolved.v1', data: { requestNo: 2, projectId: '2468013', customerRef: { value: '59', name: 'Harbor Point Builders:Riverside' }, created: false },
    });
  });

  it('amends an estimate and answers EstimateUpdated with the new lines\' ids', async () => {
    const { quickbooks, handler } = setUp();
    const data = { ...requestBase('prime_change_order', '10'), estimateId: '1001', replaceLineIds: ['4'], lines: [], total: cents(0) };
    const result = await run(handler('UpdateEstimateRequested.v1'), requestOf('UpdateEstimateRequested.v1', data));
    expect(quickbooks.calls[0]!.args[0]).toEqual({ estimateId: '1001', replaceLineIds: ['4'], lines: [] });
    expect(result.ok && result.outcome).toEqual({ type: 'EstimateUpdated.v1', data: { requestNo: 2, estimateId: '1001', syncToken: '7', lineIds: ['31', '32'] } });
  });

  it('batches bills to books that take batches, and posts them one by one, each with its own key, to books that do not', async () => {
    const batching = setUp({ batches: true });
    const requests = ['11', '12'].map((id) => requestOf('PostBillRequested.v1', draftOf(id)));
    const context = { idempotencyKey: 'batch-1', signal: new AbortController().signal, items: requests.map((r) => ({ request: r, idempotencyKey: r.id })) };
    const batched = await batching.handler('PostBillRequested.v1').executeBatch!(requests, context);
    expect(batching.quickbooks.calls.map((c) => c.method)).toEqual(['postBatch']);
    expect(batched.map((r) => r.ok && r.outcome.data)).toEqual([
      { requestNo: 3, billId: 'b0', syncToken: '0', docNumber: 'NSM-11' }, { requestNo: 3, billId: 'b1', syncToken: '0', docNumber: 'NSM-12' },
    ]);

    const plain = setUp();
    const oneByOne = await plain.handler('PostBillRequested.v1').executeBatch!(requests, context);
    expect(plain.quickbooks.calls.map((c) => [c.method, c.call?.idempotencyKey])).toEqual([['post', requests[0]!.id], ['post', requests[1]!.id]]);
    expect(oneByOne.every((r) => r.ok)).toBe(true);
  });
});
