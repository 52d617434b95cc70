import { afterEach, describe, expect, it } from 'vitest';
import { type ProcoreSandbox, startProcoreSandbox } from '../../sandbox/procore/index.js';
import { apiClient, serviceToken } from './procore-helpers.js';

let sandbox: ProcoreSandbox;
afterEach(async () => sandbox.close());

const start = async (options: Parameters<typeof startProcoreSandbox>[0] = {}) => {
  sandbox = await startProcoreSandbox(options);
  return apiClient(sandbox, await serviceToken(sandbox));
};
const P = '2468013';

/** rel → page number, from a Link header. */
const links = (header: string | null): Record<string, string | null> =>
  Object.fromEntries([...(header ?? '').matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((m) => [m[2], new URL(m[1] ?? '').searchParams.get('page')]));

describe('Procore sandbox reads', () => {
  it('paginates with Link first/prev/next/last, Total and Per-Page', async () => {
    const call = await start();
    const first = await call('GET', `/rest/v1.0/cost_codes?project_id=${P}&per_page=3`);
    expect(first.headers.get('total')).toBe('8');
    expect(first.headers.get('per-page')).toBe('3');
    expect((first.body as unknown[]).length).toBe(3);
    expect(links(first.headers.get('link'))).toEqual({ first: '1', next: '2', last: '3' });
    const last = await call('GET', `/rest/v1.0/cost_codes?project_id=${P}&per_page=3&page=3`);
    expect((last.body as unknown[]).length).toBe(2);
    expect(links(last.headers.get('link'))).toEqual({ first: '1', prev: '2', last: '3' });
    const url = new URL(/<([^>]+)>; rel="last"/.exec(last.headers.get('link') ?? '')?.[1] ?? '');
    expect([url.pathname, url.searchParams.get('project_id'), url.searchParams.get('per_page')]).toEqual(['/rest/v1.0/cost_codes', P, '3']);
  });

  it('serves a requisition with a G702 summary in decimal strings and, in the extended view, G703 items per cost code', async () => {
    const call = await start();
    const answer = await call('GET', `/rest/v1.1/requisitions/1280643?project_id=${P}&view=extended`);
    expect(answer.status).toBe(200);
    const body = answer.body as { summary: Record<string, string>; items: Array<Record<string, unknown>>; status: string };
    expect(body.status).toBe('draft');
    expect(body.summary).toMatchObject({
      original_contract_sum: '200500.00', net_change_by_change_orders: '0.00', total_completed_and_stored_to_date: '117000.00',
      total_retainage: '11700.00', total_earned_less_retainage: '105300.00', less_previous_certificates_for_payment: '40500.00',
      current_payment_due: '64800.00', balance_to_finish_including_retainage: '95200.00',
    });
    expect(body.items).toHaveLength(4);
    expect(body.items[0]).toMatchObject({
      cost_code_id: 78261151, work_completed_this_period: '52500.00', work_completed_from_previous_application: '45000.00',
      work_completed_retainage_retained_this_period: '5250.00', wbs_code: { flat_code: '23-31-00.S' },
    });
    const list = await call('GET', `/rest/v1.1/requisitions?project_id=${P}&filters[commitment_id]=786002`);
    expect((list.body as Array<Record<string, unknown>>).map((r) => [r.id, 'items' in r])).toEqual([[1280642, false]]);
  });

  it('keeps budget amounts as JSON numbers and reads every polled resource', async () => {
    const call = await start();
    const budget = (await call('GET', `/rest/v1.0/budget_line_items?project_id=${P}`)).body as Array<Record<string, unknown>>;
    expect(budget[0]).toMatchObject({ original_budget_amount: 18500, committed_costs: 0 });
    for (const path of [
      `/rest/v1.0/projects?company_id=5358233`, `/rest/v1.0/line_item_types`, `/rest/v1.0/projects/${P}/work_breakdown_structure/wbs_codes`,
      `/rest/v1.0/vendors?company_id=5358233`, `/rest/v1.0/work_order_contracts/786001?project_id=${P}`,
      `/rest/v1.0/purchase_order_contracts?project_id=${P}`, `/rest/v1.0/projects/${P}/commitment_change_orders/91001`,
      `/rest/v1.0/projects/${P}/prime_change_orders`, `/rest/v1.0/prime_contract/640001?project_id=${P}`,
      `/rest/v1.0/payment_applications/3302?project_id=${P}`, `/rest/v1.0/projects/${P}/timecard_entries`,
    ]) expect([path, (await call('GET', path)).status]).toEqual([path, 200]);
  });

  it('filters by filters[updated_at] ranges (inclusive) on the clock the sandbox was given', async () => {
    let now = Date.parse('2026-04-01T00:00:00Z');
    await start({ now: () => new Date(now) });
    now = Date.parse('2026-04-02T10:00:00Z');
    sandbox.state.approveCommitment(786001);
    sandbox.state.submitRequisition(1280641);
    now = Date.parse('2026-04-03T10:00:00Z');
    sandbox.state.approveRequisition(1280641);
    sandbox.state.approveTimecard(990100);
    // The token is taken on the sandbox's clock too: one from April 1st would have expired.
    const call = apiClient(sandbox, await serviceToken(sandbox));
    const ids = async (path: string, range: string) =>
      ((await call('GET', `${path}${path.includes('?') ? '&' : '?'}filters[updated_at]=${range}`)).body as Array<{ id: number }>).map((r) => r.id);
    expect(await ids(`/rest/v1.1/requisitions?project_id=${P}`, '2026-04-02T00:00:00Z...2026-04-04T00:00:00Z')).toEqual([1280641]);
    expect(await ids(`/rest/v1.1/requisitions?project_id=${P}`, '2026-04-03T10:00:00Z...2026-04-03T10:00:00Z')).toEqual([1280641]);
    expect(await ids(`/rest/v1.1/requisitions?project_id=${P}`, '2026-04-04T00:00:00Z...2026-04-05T00:00:00Z')).toEqual([]);
    expect(await ids(`/rest/v1.0/work_order_contracts?project_id=${P}`, '2026-04-02T00:00:00Z...2026-04-02T23:59:59Z')).toEqual([786001]);
    expect(await ids(`/rest/v1.0/projects/${P}/timecard_entries`, '2026-04-03T00:00:00Z...2026-04-04T00:00:00Z')).toEqual([990100]);
    expect((await call('GET', `/rest/v1.1/requisitions?project_id=${P}&filters[updated_at]=yesterday...today`)).status).toBe(400);
  });

  it('starts empty but for the company and project with seed: false', async () => {
    const call = await start({ seed: false });
    expect((await call('GET', `/rest/v1.1/requisitions?project_id=${P}`)).body).toEqual([]);
    expect((await call('GET', `/rest/v1.0/projects/${P}`)).body).toMatchObject({ id: 2468013, project_number: '2026-014' });
  });

  it('hides deleted requisitions unless filters[include_deleted] asks for them', async () => {
    const call = await start();
    sandbox.state.deleteRequisition(1280644);
    const ids = async (query: string) => ((await call('GET', `/rest/v1.1/requisitions?project_id=${P}${query}`)).body as Array<{ id: number }>).map((r) => r.id);
    expect(await ids('')).not.toContain(1280644);
    expect(await ids('&filters[include_deleted]=only')).toEqual([1280644]);
    expect((await call('GET', `/rest/v1.1/requisitions/1280644?project_id=${P}`)).status).toBe(404);
  });
});

describe('Procore sandbox limits and faults', () => {
  it('sends rate-limit headers on every response and 429 with Retry-After past the limit', async () => {
    const call = await start({ rateLimit: { perWindow: 3, windowMs: 60_000 } });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await call('GET', '/rest/v1.0/companies'));
    expect(answers.map((a) => a.headers.get('x-rate-limit-remaining'))).toEqual(['2', '1', '0', '0']);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0]?.headers.get('x-rate-limit-limit')).toBe('3');
    const reset = Number(answers[0]?.headers.get('x-rate-limit-reset'));
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(reset).toBeLessThanOrEqual(Date.now() / 1000 + 61);
    expect(Number(answers[3]?.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers 503 with Retry-After during an injected outage, and a forced 429', async () => {
    const call = await start();
    const added = await fetch(`${sandbox.baseUrl}/_sandbox/faults`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rule: { kind: 'outage', durationMs: 60_000, retryAfterSeconds: 7 }, match: { path: '/requisitions' } }),
    });
    expect(added.status).toBe(201);
    const down = await call('GET', `/rest/v1.1/requisitions?project_id=${P}`);
    expect([down.status, down.headers.get('retry-after')]).toEqual([503, '7']);
    expect(down.headers.get('x-rate-limit-limit')).toBe('3600');
    expect((await call('GET', `/rest/v1.0/cost_codes?project_id=${P}`)).status).toBe(200);
    sandbox.faults.clear();
    sandbox.faults.add({ kind: 'throttle', count: 1, retryAfterSeconds: 3 });
    const throttled = await call('GET', '/rest/v1.0/companies');
    expect([throttled.status, throttled.headers.get('retry-after')]).toEqual([429, '3']);
    expect((await call('GET', '/rest/v1.0/companies')).status).toBe(200);
  });
});
