import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundFailure } from '../../src/adapters/pipeline/outbound/index.js';
import type { DocumentRef } from '../../src/domain/documents/document-ref.js';
import { originIdOf } from '../../src/domain/payments/payment.state.js';
import { cents } from '../../src/domain/shared/money.js';
import { contextOf, requestOf, startProcoreWriteBack, type ProcoreWriteBackHarness } from './support/procore-writeback-harness.js';

const REQUISITION = '1280641';
const payment = (id: string): DocumentRef => ({ connection: 'acme', source: 'quickbooks', type: 'bill_payment', externalId: id });

describe('Procore outbound: contract payments written back (sandbox over HTTP)', () => {
  let h: ProcoreWriteBackHarness;
  beforeAll(async () => {
    h = await startProcoreWriteBack();
    h.sandbox.state.approveCommitment(786001);
    h.sandbox.state.submitRequisition(Number(REQUISITION));
    h.sandbox.state.approveRequisition(Number(REQUISITION));
  });
  afterEach(() => h.sandbox.faults.clear());
  afterAll(() => h?.close());

  const P = () => String(h.sandbox.projectId);
  const recordData = (paymentId: string, over: Record<string, unknown> = {}) => {
    const document = payment(paymentId);
    return {
      requestNo: 1, document, version: '1', entryKey: 'Bill-145', originId: originIdOf(document, 'Bill-145'), projectId: P(), contractId: '786001',
      requisitionId: REQUISITION, amount: cents(4_050_000), date: '2026-04-15', invoiceNumber: 'NSM-1041', notes: 'QuickBooks bill payment', ...over,
    };
  };
  const run = async (type: string, data: unknown) => {
    const request = requestOf(type, data);
    const handler = h.handler(type);
    return { request, handler, result: await handler.execute(request, contextOf(request)) };
  };
  const record = async (paymentId: string): Promise<string> => {
    const { result } = await run('RecordProcorePaymentRequested.v1', recordData(paymentId));
    if (!result.ok) throw new Error(result.message);
    return (result.outcome.data as { contractPaymentId: string }).contractPaymentId;
  };
  const paymentsWithOrigin = async (originId: string) => {
    const listed = await h.client.listContractPayments(P());
    return listed.ok ? listed.body.filter((p) => p.origin_id === originId) : [];
  };

  it('records a payment on the approved subcontractor invoice; the same origin twice is one payment', async () => {
    const data = recordData('501');
    const first = await run('RecordProcorePaymentRequested.v1', data);
    expect(first.handler.target(first.request)).toBe(`procore:${h.sandbox.companyId}`);
    expect(first.handler.documentStream?.(first.request)).toBe('acme.quickbooks.bill_payment-501');
    expect(first.result).toMatchObject({ ok: true, status: 201, outcome: { type: 'ProcorePaymentRecorded.v1', data: { requestNo: 1 } } });
    const id = first.result.ok ? (first.result.outcome.data as { contractPaymentId: string }).contractPaymentId : '';

    // Redelivered: Procore says 409 for the origin_id, and the payment holding it is this one.
    const again = await run('RecordProcorePaymentRequested.v1', { ...data, requestNo: 2 });
    expect(again.result).toMatchObject({ ok: true, outcome: { type: 'ProcorePaymentRecorded.v1', data: { requestNo: 2, contractPaymentId: id } } });
    expect(await paymentsWithOrigin(data.originId)).toEqual([expect.objectContaining({
      id: Number(id), amount: '40500.00', date: '2026-04-15', requisition_id: 1280641, contract_id: 786001, invoice_number: 'NSM-1041',
    })]);
    expect(await first.handler.findExisting!(first.request, contextOf(first.request))).toMatchObject({ ok: true, outcome: { data: { contractPaymentId: id } } });
    expect(await h.known.get('acme', 'procore', 'contract_payment', id)).toMatchObject({ origin: 'hub', deletedByHub: false });
  });

  it('after a create whose answer was lost, finds the payment by origin_id', async () => {
    h.sandbox.faults.add({ kind: 'timeout-after-write', count: 1 }, { method: 'POST', path: '/contract_payments' });
    const lost = await run('RecordProcorePaymentRequested.v1', recordData('502'));
    expect(lost.result).toMatchObject({ ok: false, kind: 'ambiguous' });
    const found = await lost.handler.findExisting!(lost.request, contextOf(lost.request, 2));
    expect(found).toMatchObject({ ok: true, outcome: { type: 'ProcorePaymentRecorded.v1' } });
    expect(await paymentsWithOrigin(recordData('502').originId)).toHaveLength(1);
  });

  it('a payment on an invoice that is not approved (422) is permanent, and the saga hears PostingFailed', async () => {
    const { request, handler, result } = await run('RecordProcorePaymentRequested.v1', recordData('503', { requisitionId: '1280643' }));
    expect(result).toMatchObject({ ok: false, kind: 'permanent', status: 422, code: '422' });
    const failure = result as OutboundFailure;
    expect(failure.message).toMatch(/payments need an approved invoice/);
    expect(handler.failureOutcome(request, failure, { deadLettered: false, attempts: 1 }))
      .toEqual({ type: 'PostingFailed.v1', data: { requestNo: 1, retryable: false, reason: failure.message, code: '422', attempt: 1 } });
  });

  it('updates a payment in place and deletes it; a second delete (404) is done too', async () => {
    const id = await record('504');
    const base = { requestNo: 3, document: payment('504'), version: '2', entryKey: 'Bill-145', originId: originIdOf(payment('504'), 'Bill-145'), contractPaymentId: id, projectId: P() };
    const updated = await run('UpdateProcorePaymentRequested.v1', { ...base, amount: cents(3_000_000), date: '2026-04-20' });
    expect(updated.result).toMatchObject({ ok: true, outcome: { type: 'ProcorePaymentUpdated.v1', data: { requestNo: 3, contractPaymentId: id } } });
    expect((await h.client.getContractPayment(P(), id))).toMatchObject({ ok: true, body: { amount: '30000.00', date: '2026-04-20' } });
    expect(await updated.handler.findExisting!(updated.request, contextOf(updated.request))).toMatchObject({ ok: true, outcome: { type: 'ProcorePaymentUpdated.v1' } });

    const deleted = await run('DeleteProcorePaymentRequested.v1', { ...base, requestNo: 4 });
    expect(deleted.result).toMatchObject({ ok: true, outcome: { type: 'ProcorePaymentDeleted.v1', data: { requestNo: 4, contractPaymentId: id } } });
    expect(await h.client.getContractPayment(P(), id)).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect((await run('DeleteProcorePaymentRequested.v1', { ...base, requestNo: 5 })).result).toMatchObject({ ok: true, outcome: { type: 'ProcorePaymentDeleted.v1' } });
  });

});
