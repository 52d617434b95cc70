import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVALS_STREAM } from '../../src/adapters/pipeline/outbound/approval-queue.js';
import { eventually, startTrestleHarness, type TrestleHarness } from '../e2e/support/trestle-harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts/console';

/**
 * Go-live in `approval` posting mode: every write to the books waits in the operator's queue,
 * shown with exactly what will post; approved, it posts; rejected, it does not,
 * unless an operator retries it and approves it then.
 */
describe('the approval queue in headless Chromium', () => {
  let h: TrestleHarness;
  let browser: Browser;
  let page: Page;
  const listed = (entity: 'Bill' | 'PurchaseOrder', docNumber: string) =>
    (h.quickbooks.company().list(entity) as Array<{ DocNumber: string; TotalAmt: number }>).filter((o) => o.DocNumber === docNumber);

  /** Reloads the queue until a held request mentioning `text` is on it; returns its section. */
  const heldSection = async (text: string) => {
    await eventually(`a held request for ${text}`, async () => {
      await page.goto('/console/approvals');
      return (await page.locator('section.held', { hasText: text }).count()) === 1;
    }, 60_000);
    return page.locator('section.held', { hasText: text });
  };

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    h = await startTrestleHarness({ outbound: { approvalConnections: ['demo'] } });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    const context = await browser.newContext({ baseURL: h.url, viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    await page.goto('/console/login');
    // The operator's own key: approving is the operator's job, not only admin's.
    await page.getByLabel('API key').fill(h.key('operator'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/console/login');
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('holds a purchase order and a bill, shows what will post, and posts each once approved', async () => {
    h.procore.state.approveCommitment(786002);
    const po = await heldSection('WO-002');
    expect(listed('PurchaseOrder', 'WO-002')).toHaveLength(0);
    await po.getByRole('button', { name: 'Approve and post' }).click();
    await page.waitForURL((url) => url.searchParams.has('done'));
    expect(await page.getByRole('status').textContent()).toContain('approved; posting now');
    await eventually('WO-002 to post', () => listed('PurchaseOrder', 'WO-002').length === 1, 60_000);

    h.procore.state.submitRequisition(1280642);
    h.procore.state.approveRequisition(1280642);
    const bill = await heldSection('SI-2207');
    const text = await bill.textContent();
    expect(text).toContain('16,000.00');
    expect(await bill.locator('tbody tr').first().locator('td').first().textContent()).toBe('23-07-00 S');
    await page.screenshot({ path: `${ARTIFACTS}/approvals-held-bill.png`, fullPage: true });
    expect(listed('Bill', 'SI-2207')).toHaveLength(0);

    await bill.getByRole('button', { name: 'Approve and post' }).click();
    await page.waitForURL((url) => url.searchParams.has('done'));
    await eventually('SI-2207 to post', () => listed('Bill', 'SI-2207').length === 1, 60_000);
    expect(listed('Bill', 'SI-2207')[0]!.TotalAmt).toBe(16000);
    await page.goto('/console/approvals');
    expect(await page.locator('section.held', { hasText: 'SI-2207' }).count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/approvals-after.png`, fullPage: true });
  });

  it('a rejected request never posts, and a second decision on it is refused', async () => {
    h.procore.state.approveCommitment(786001);
    const po = await heldSection('WO-001');
    const requestId = await po.locator('input[name="requestId"]').first().inputValue();
    await po.getByRole('button', { name: 'Reject' }).click();
    await page.waitForURL((url) => url.searchParams.has('done'));
    expect(await page.getByRole('status').textContent()).toContain('rejected; nothing will post');
    expect(await page.locator('#decided + table').textContent()).toContain('rejected');

    // Approving it afterwards (a stale tab) changes nothing.
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    const again = await page.request.post('/console/approvals/approve', { form: { csrf, requestId }, maxRedirects: 0 });
    expect(again.status()).toBe(303);
    expect(new URL(again.headers().location ?? '', h.url).searchParams.get('done')).toContain('already rejected');
    const decisions = (await h.store.readStream(APPROVALS_STREAM)).filter((e) => e.type === 'OutboundHoldDecided.v1' && (e.data as { requestId: string }).requestId === requestId);
    expect(decisions).toHaveLength(1);
    expect(listed('PurchaseOrder', 'WO-001')).toHaveLength(0);
  });

  it('a rejection reaches the failures list with who rejected it; retried, it is held again, and posts once approved', async () => {
    const admin = { 'x-api-key': h.key('admin') };
    type Failure = { requestId: string; sagaStream: string; error: { code: string | null; message: string } };
    const rejected = async () => ((await (await fetch(`${h.url}/admin/failures?connection=demo`, { headers: admin })).json()) as { items: Failure[] })
      .items.find((f) => f.error.code === 'REJECTED_IN_APPROVAL');
    await eventually('the rejection among failures', async () => (await rejected()) !== undefined, 60_000);
    const failure = (await rejected())!;
    expect(failure.error.message).toMatch(/^rejected in the approval queue by \S+; retry it/);
    // Its saga heard it: the document is parked with that reason, not left waiting.
    const parks = async () => (await h.store.readStream(failure.sagaStream)).filter((e) => e.type === 'DocumentSyncParked.v1');
    await eventually('the document to park', async () => (await parks()).length === 1, 60_000);
    expect(JSON.stringify((await parks())[0]!.data)).toContain('rejected in the approval queue');

    const retry = await fetch(`${h.url}/admin/failures/${failure.requestId}/retry`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: '{}' });
    expect(retry.status, await retry.clone().text()).toBeLessThan(300);
    const again = await heldSection('WO-001');
    expect(await again.locator('input[name="requestId"]').first().inputValue()).toBe(failure.requestId);
    expect(listed('PurchaseOrder', 'WO-001')).toHaveLength(0);

    await again.getByRole('button', { name: 'Approve and post' }).click();
    await page.waitForURL((url) => url.searchParams.has('done'));
    await eventually('WO-001 to post', () => listed('PurchaseOrder', 'WO-001').length === 1, 60_000);
  });
});
