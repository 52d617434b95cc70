import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ProcoreSandbox, startProcoreSandbox } from '../../sandbox/procore/index.js';
import { admin, type Answer, apiClient, serviceToken } from './procore-helpers.js';

let sandbox: ProcoreSandbox;
let call: (method: string, path: string, options?: { body?: unknown; rawBody?: string; contentType?: string }) => Promise<Answer>;
beforeEach(async () => {
  sandbox = await startProcoreSandbox();
  call = apiClient(sandbox, await serviceToken(sandbox));
});
afterEach(async () => sandbox.close());
const P = 2468013;

const approveFirstInvoice = () => {
  sandbox.state.approveCommitment(786001);
  sandbox.state.submitRequisition(1280641);
  sandbox.state.approveRequisition(1280641);
};
const pay = (body: Record<string, unknown>) =>
  call('POST', '/rest/v1.0/contract_payments', { body: { project_id: P, contract_payment: { requisition_id: 1280641, amount: '40500.00', date: '2026-04-15', ...body } } });

describe('Procore sandbox writes', () => {
  it('records a payment on an approved requisition, and only then', async () => {
    expect((await pay({ origin_id: 'qbo-billpayment-1' })).status).toBe(422);
    approveFirstInvoice();
    const created = await pay({ origin_id: 'qbo-billpayment-1' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ amount: '40500.00', requisition_id: 1280641, contract_id: 786001, date: '2026-04-15', origin_id: 'qbo-billpayment-1' });
    const listed = await call('GET', `/rest/v1.0/contract_payments?project_id=${P}&filters[requisition_id]=1280641`);
    expect((listed.body as unknown[]).length).toBe(1);
    const contract = await call('GET', `/rest/v1.0/work_order_contracts/786001?project_id=${P}`);
    expect(contract.body).toMatchObject({ total_payments: '40500.00', status: 'Approved' });
  });

  it('records a payment received on the prime contract without a requisition; a commitment payment still needs one', async () => {
    const received = await pay({ requisition_id: undefined, contract_id: 640001, amount: '30000.25', origin_id: 'qbo-payment-1' });
    expect(received.status).toBe(201);
    expect(received.body).toMatchObject({ amount: '30000.25', requisition_id: null, contract_id: 640001, origin_id: 'qbo-payment-1' });
    const onCommitment = await pay({ requisition_id: undefined, contract_id: 786001 });
    expect([onCommitment.status, onCommitment.body]).toMatchObject([422, { errors: { requisition_id: ["can't be blank"] } }]);
    expect((await pay({ requisition_id: undefined, contract_id: 999999 })).status).toBe(422);
    expect((await pay({ requisition_id: undefined })).status).toBe(400);
    expect((await pay({ contract_id: 640001 })).status).toBe(422); // the requisition is not approved, and is not on the prime contract
  });

  it('refuses a duplicate origin_id with 409, per object type', async () => {
    approveFirstInvoice();
    expect((await pay({ origin_id: 'qbo-billpayment-1' })).status).toBe(201);
    const duplicate = await pay({ origin_id: 'qbo-billpayment-1' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ errors: { origin_id: ['has already been taken'] } });
    const patch = (id: number, originId: string) =>
      call('PATCH', `/rest/v1.1/requisitions/${id}?project_id=${P}`, { body: { requisition: { origin_id: originId, origin_data: 'bill 7' } } });
    expect((await patch(1280641, 'qbo-bill-7')).body).toMatchObject({ origin_id: 'qbo-bill-7', origin_data: 'bill 7' });
    expect((await patch(1280641, 'qbo-bill-7')).status).toBe(200);
    expect((await patch(1280643, 'qbo-bill-7')).status).toBe(409);
    const application = await call('PATCH', `/rest/v1.0/prime_contracts/640001/payment_applications/3301?project_id=${P}`,
      { body: { payment_application: { origin_id: 'qbo-bill-7' } } });
    expect(application.status).toBe(200);
  });

  it('applies a write and then drops the connection on timeout-after-write', async () => {
    approveFirstInvoice();
    sandbox.faults.add({ kind: 'timeout-after-write', count: 1 }, { method: 'POST', path: '/contract_payments' });
    await expect(pay({ origin_id: 'qbo-billpayment-9' })).rejects.toThrow();
    const listed = await call('GET', `/rest/v1.0/contract_payments?project_id=${P}`);
    expect((listed.body as Array<{ origin_id: string }>).map((p) => p.origin_id)).toEqual(['qbo-billpayment-9']);
    expect((await pay({ origin_id: 'qbo-billpayment-9' })).status).toBe(409);
  });

  it('upserts vendors on origin_id through /vendors/sync, always answering 200', async () => {
    const sync = (updates: unknown[]) => call('PATCH', '/rest/v1.0/vendors/sync', { body: { company_id: sandbox.companyId, updates } });
    const first = await sync([{ origin_id: 'qbo-vendor-88', name: 'Ridge Electric' }, { id: 5521, origin_id: 'qbo-vendor-46' }, { id: 1 }, {}]);
    expect(first.status).toBe(200);
    const body = first.body as { entities: Array<Record<string, unknown>>; errors: Array<Record<string, unknown>> };
    expect(body.entities.map((e) => e.origin_id)).toEqual(['qbo-vendor-88', 'qbo-vendor-46']);
    expect(body.errors).toHaveLength(2);
    const again = (await sync([{ origin_id: 'qbo-vendor-88', name: 'Ridge Electric LLC' }])).body as typeof body;
    expect(again.entities[0]).toMatchObject({ id: body.entities[0]?.id, name: 'Ridge Electric LLC' });
    const taken = (await sync([{ id: 5522, origin_id: 'qbo-vendor-46' }])).body as typeof body;
    expect(taken.errors[0]).toMatchObject({ errors: { origin_id: ['has already been taken'] } });
  });

  it('answers malformed requests with 4xx and a JSON message, never 5xx', async () => {
    approveFirstInvoice();
    const cases: Array<[string, string, Parameters<typeof call>[2]?]> = [
      ['POST', '/rest/v1.0/contract_payments', { rawBody: '{"project_id": 2468013, ', contentType: 'application/json' }],
      ['POST', '/rest/v1.0/contract_payments', { body: [1, 2] }],
      ['POST', '/rest/v1.0/contract_payments', { body: { project_id: P, contract_payment: { requisition_id: 1280641, amount: '12.345', date: '2026-04-15' } } }],
      ['POST', '/rest/v1.0/contract_payments', { body: { project_id: P, contract_payment: { requisition_id: 1280641, amount: '10.00', date: 'tomorrow' } } }],
      ['POST', '/rest/v1.0/contract_payments', { body: { project_id: P, contract_payment: { requisition_id: 'abc', amount: '10.00' } } }],
      ['POST', '/rest/v1.0/contract_payments', { rawBody: 'a=b', contentType: 'text/plain' }],
      ['PATCH', `/rest/v1.1/requisitions/1280641?project_id=${P}`, { body: { requisition: { status: 'approved' } } }],
      ['PATCH', `/rest/v1.1/requisitions/1280641?project_id=${P}`, { body: { requisition: { origin_id: { nested: true } } } }],
      ['PATCH', `/rest/v1.1/requisitions/1280641?project_id=${P}`, { body: { origin_id: 'x' } }],
      ['GET', '/rest/v1.1/requisitions?project_id=abc'],
      ['GET', '/rest/v1.1/requisitions'],
      ['GET', `/rest/v1.1/requisitions/99?project_id=${P}`],
      ['GET', `/rest/v1.1/requisitions/-1?project_id=${P}`],
      ['GET', `/rest/v1.0/cost_codes?project_id=${P}&page=0`],
      ['GET', `/rest/v1.0/cost_codes?project_id=${P}&per_page=lots`],
      ['GET', `/rest/v1.0/cost_codes?project_id=${P}&filters[updated_at]=2026-01-01`],
      ['GET', '/rest/v1.0/no_such_thing'],
      ['POST', '/rest/v1.0/webhooks/hooks', { body: { company_id: sandbox.companyId, hook: { namespace: 'Bad_NS', destination_url: 'http://127.0.0.1:1/x' } } }],
      ['PATCH', '/rest/v1.0/vendors/sync', { body: { company_id: sandbox.companyId, updates: 'all' } }],
    ];
    for (const [method, path, options] of cases) {
      const answer = await call(method, path, options);
      expect([method, path, answer.status >= 400 && answer.status < 500]).toEqual([method, path, true]);
      expect(typeof (answer.body as { message?: unknown }).message).toBe('string');
    }
  });
});

describe('Procore sandbox admin routes', () => {
  it('drives the story over HTTP: approve, invoice, revise, delete', async () => {
    expect((await admin(sandbox, 'POST', '/requisitions', { commitment_id: 786002 })).status).toBe(422);
    expect((await admin(sandbox, 'POST', '/commitments/786002/approve')).body).toMatchObject({ status: 'Approved', executed: true });
    const created = await admin(sandbox, 'POST', '/requisitions', { commitment_id: 786002, items: [{ line_item_id: 78600201, work_completed_this_period: '8000.00' }] });
    const requisition = created.body as { id: number; number: number; status: string; summary: Record<string, string> };
    expect([requisition.number, requisition.status, requisition.summary.total_completed_and_stored_to_date]).toEqual([2, 'draft', '24000.00']);
    expect((await admin(sandbox, 'POST', `/requisitions/${requisition.id}/approve`)).body).toMatchObject({ status: 'approved' });
    const revised = await admin(sandbox, 'POST', `/requisitions/${requisition.id}/revise`, { items: [{ line_item_id: 78600201, work_completed_this_period: '7000.00' }] });
    expect(revised.body).toMatchObject({ status: 'revise_and_resubmit', summary: { current_payment_due: '6300.00' } });
    expect((await admin(sandbox, 'POST', '/change_orders/91002/approve')).body).toMatchObject({ status: 'approved' });
    expect((await admin(sandbox, 'PATCH', '/budget_line_items/8810005', { original_budget_amount: '70000.00' })).body)
      .toMatchObject({ original_budget_amount: 70000, committed_costs: 68200 });
    expect(((await admin(sandbox, 'POST', '/timecard_entries/approve')).body as unknown[]).length).toBe(10);
    expect((await admin(sandbox, 'POST', `/requisitions/${requisition.id}/delete`)).status).toBe(200);
    expect((await admin(sandbox, 'POST', `/requisitions/${requisition.id}/approve`)).status).toBe(404);
    expect((await admin(sandbox, 'POST', '/requisitions/1280641/fly')).status).toBe(404);
    expect((await admin(sandbox, 'POST', '/requisitions/1280641/status', { status: 'paid' })).status).toBe(400);
    const state = (await admin(sandbox, 'GET', '/state')).body as { commitments: Array<{ status: string }> };
    expect(state.commitments.map((c) => c.status)).toEqual(['Out For Signature', 'Approved']);
  });
});
