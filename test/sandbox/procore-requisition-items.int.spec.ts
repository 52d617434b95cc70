import { afterEach, describe, expect, it } from 'vitest';
import { type ProcoreSandbox, startProcoreSandbox } from '../../sandbox/procore/index.js';
import { apiClient, serviceToken } from './procore-helpers.js';

let sandbox: ProcoreSandbox;
afterEach(async () => sandbox.close());

const start = async () => {
  sandbox = await startProcoreSandbox();
  return apiClient(sandbox, await serviceToken(sandbox));
};
const P = '2468013';
const ITEMS = '/rest/v1.0/requisitions/1280643';

/** Facts §5.9, "Reading a requisition's lines": the plain show has no `items`. */
describe('Procore sandbox: a requisition\'s G703 lines only when asked for', () => {
  it('leaves `items` out of the plain show (v1.0 and v1.1), the PATCH answer and a `views=` the facts do not confirm', async () => {
    const call = await start();
    for (const path of [
      `/rest/v1.1/requisitions/1280643?project_id=${P}`, `/rest/v1.0/requisitions/1280643?project_id=${P}`,
      `/rest/v1.1/requisitions/1280643?project_id=${P}&views=extended`,
    ]) {
      const answer = await call('GET', path);
      expect([path, answer.status, 'items' in (answer.body as object), 'summary' in (answer.body as object)]).toEqual([path, 200, false, true]);
    }
    const patched = await call('PATCH', `/rest/v1.1/requisitions/1280643?project_id=${P}`, { body: { requisition: { origin_data: 'x' } } });
    expect([patched.status, 'items' in (patched.body as object)]).toEqual([200, false]);
  });

  it('pages the contract items with Link, Total and Per-Page; change-order and detail items are empty lists', async () => {
    const call = await start();
    const first = await call('GET', `${ITEMS}/contract_items?project_id=${P}&per_page=3`);
    expect([first.status, first.headers.get('total'), first.headers.get('per-page')]).toEqual([200, '4', '3']);
    expect(first.headers.get('link')).toMatch(/rel="next"/);
    const second = await call('GET', `${ITEMS}/contract_items?project_id=${P}&per_page=3&page=2`);
    expect(second.headers.get('link')).not.toMatch(/rel="next"/);
    const rows = [...(first.body as Array<Record<string, unknown>>), ...(second.body as Array<Record<string, unknown>>)];
    expect(rows.map((r) => r.item_type)).toEqual(['contract_item', 'contract_item', 'contract_item', 'contract_item']);
    expect(rows[0]).toMatchObject({ cost_code_id: 78261151, work_completed_this_period: '52500.00', wbs_code: { flat_code: '23-31-00.S' } });
    for (const kind of ['change_order_items', 'contract_detail_items']) {
      const answer = await call('GET', `${ITEMS}/${kind}?project_id=${P}`);
      expect([kind, answer.status, answer.body, answer.headers.get('total')]).toEqual([kind, 200, [], '0']);
    }
  });

  it('answers the item endpoints of an unknown requisition with 404, and without project_id with 400', async () => {
    const call = await start();
    expect((await call('GET', `/rest/v1.0/requisitions/99/contract_items?project_id=${P}`)).status).toBe(404);
    expect((await call('GET', `${ITEMS}/contract_items`)).status).toBe(400);
    expect((await call('GET', `${ITEMS}/change_order_items?project_id=${P}&per_page=0`)).status).toBe(400);
  });
});

/** Releasing retainage on a later requisition, line by line on its G703, as Procore does. */
describe('Procore sandbox: retainage released on a requisition', () => {
  it('shows the release on the line and in the G702, and refuses to release more than the line holds', async () => {
    const call = await start();
    const commitment = sandbox.state.approveCommitment(786001);
    const duct = commitment.lines[0]!.id;
    // Held on the ductwork line to date, from the seed: 10% of 45,000.00 + 52,500.00 − 2,500.00.
    const held = '9500.00';
    expect(() => sandbox.state.createRequisition(786001, { lines: [{ lineItemId: duct, amount: '0.00', retainageReleased: '9500.01' }] }))
      .toThrow(/held to date/);
    const release = sandbox.state.createRequisition(786001, { lines: [{ lineItemId: duct, amount: '1000.00', retainageReleased: held }] });
    const items = (await call('GET', `/rest/v1.0/requisitions/${release.id}/contract_items?project_id=${P}`)).body as Array<Record<string, unknown>>;
    expect(items.find((r) => r.line_item_id === duct)).toMatchObject({
      work_completed_this_period: '1000.00', work_completed_retainage_retained_this_period: '100.00', work_completed_retainage_released_this_period: held,
    });
    const summary = ((await call('GET', `/rest/v1.1/requisitions/${release.id}?project_id=${P}`)).body as { summary: Record<string, unknown> }).summary;
    // Due now: 1,000.00 less 100.00 retained plus 9,500.00 released.
    expect([summary.current_payment_due, summary.total_retainage]).toEqual(['10400.00', expect.any(String)]);
  });
});
