import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/api/auth/api-keys.js';
import { eventually, startTrestleHarness, type TrestleHarness } from '../e2e/support/trestle-harness.js';

/** Debian's chromium (scripts/ensure-chromium.sh installs it); CHROMIUM_PATH elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts/console';

const NSM_1041 = 'demo.procore.subcontractor_invoice-1280641';
const SI_2207 = 'demo.procore.subcontractor_invoice-1280642';

/**
 * The console in a real browser against the whole hub (sandboxes in-process): each role signs
 * in with its key and sees its screens and no others; the operator retries a dead-lettered
 * invoice and sees it post; the auditor opens a timeline, an as-of view and the verify result.
 */
describe('the console in headless Chromium', () => {
  let h: TrestleHarness;
  let browser: Browser;
  let parkedDocument = '';
  const contexts: BrowserContext[] = [];
  const admin = (method: string, path: string, body?: unknown) => fetch(`${h.url}${path}`, {
    method, headers: { 'x-api-key': h.key('admin'), ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const bills = (docNumber: string) => (h.quickbooks.company().list('Bill') as Array<{ DocNumber: string }>).filter((b) => b.DocNumber === docNumber);

  const signIn = async (role: Role): Promise<Page> => {
    const context = await browser.newContext({ baseURL: h.url, viewport: { width: 1366, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/console');
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await page.getByLabel('API key').fill(h.key(role));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/console/login');
    return page;
  };
  const navLinks = async (page: Page) => page.getByRole('navigation', { name: 'Screens' }).getByRole('link').allTextContents();
  const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // One attempt per request, so a QuickBooks outage dead-letters at once.
    h = await startTrestleHarness({ outbound: { retry: { maxAttempts: 1, baseDelayMs: 50, maxDelayMs: 200 } } });
    h.procore.state.approveCommitment(786001);
    h.procore.state.approveCommitment(786002);
    h.procore.state.submitRequisition(1280642);
    h.procore.state.approveRequisition(1280642);
    await eventually('SI-2207 to post', () => bills('SI-2207').length === 1, 60_000);

    // NSM-1041 meets a QuickBooks that refuses every bill: dead-lettered, left for the operator.
    h.quickbooks.faults.add({ kind: 'outage', durationMs: 10 * 60_000 }, { method: 'POST', path: '/bill' });
    h.procore.state.submitRequisition(1280641);
    h.procore.state.approveRequisition(1280641);
    await eventually('NSM-1041 to be dead-lettered', async () => {
      const page = await (await admin('GET', '/admin/failures?status=dead-lettered')).json() as { items: Array<{ documentStream: string }> };
      return page.items.some((f) => f.documentStream === NSM_1041);
    }, 60_000);
    h.quickbooks.faults.clear();

    // Without the division-23 materials rule, 23-31-00 M has no home: an unmapped code for the bookkeeper.
    expect((await admin('DELETE', '/admin/connections/demo/mapping/rules?costCode=23&costType=M')).status).toBe(200);
    const parked = h.procore.state.createRequisition(786001, {
      invoiceNumber: 'NSM-1099', lines: [{ lineItemId: h.procore.state.store.commitments.get(786001)!.lines[1]!.id, amount: '1200.00' }],
    });
    parkedDocument = `demo.procore.subcontractor_invoice-${parked.id}`;
    h.procore.state.submitRequisition(parked.id);
    h.procore.state.approveRequisition(parked.id);
    await eventually('NSM-1099 to park', async () => (await h.store.readStream(`demo.saga.invoice_sync-${parked.id}`)).some((e) => e.type === 'MappingMissing.v1'));

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await h?.close();
  });

  it('finance sees the reconciliation, its chart, a drill-down to the documents and the CSV, and no other screen', async () => {
    const page = await signIn('finance');
    expect(new URL(page.url()).pathname).toBe('/console/finance');
    expect(await navLinks(page)).toEqual(['Reconciliation']);
    const row = page.locator('tbody tr', { has: page.getByRole('link', { name: '23-07-00' }) });
    await expect.poll(() => row.locator('td').allTextContents()).toEqual(expect.arrayContaining(['16,000.00']));
    await expect.poll(() => page.getByRole('img', { name: 'Budget, committed, posted and paid per cost code' }).count()).toBe(1);
    // Retainage per commitment: SI-2207 retains its commitment's percent of 16,000.00 (the sandbox's rate), none of it paid.
    const store = h.procore.state.store;
    const retained = Math.round(1_600_000 * store.commitments.get(786002)!.retainageRate / 10_000);
    const shown = (cents: number) => (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    const commitment = page.getByRole('table', { name: /Retainage per commitment/ }).locator('tr', { has: page.getByRole('rowheader', { name: new RegExp(store.commitments.get(786002)!.number) }) });
    expect(await commitment.locator('td').allTextContents()).toEqual([shown(retained), '0.00', shown(retained), '0.00', '0.00', shown(retained), 'none']);
    await shot(page, 'finance-reconciliation');

    await page.getByRole('link', { name: '23-07-00' }).click();
    await page.waitForURL((url) => url.pathname === '/console/finance-documents');
    expect(await page.locator('tbody').textContent()).toContain('SI-2207');
    await shot(page, 'finance-drill-down');

    const csv = await page.request.get('/console/finance-csv?connection=demo');
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect((await csv.text()).split('\n')[0]).toMatch(/^connection,project,cost_code,cost_type,/);

    const refused = await page.goto('/console/audit');
    expect(refused?.status()).toBe(403);
    expect(await page.getByRole('alert').textContent()).toContain('signed in as finance');
    const operator = await page.request.get('/console/operator');
    expect(operator.status()).toBe(403);
  });

  it('the session cookie is HttpOnly, SameSite=Strict and scoped to /console; a form without its token is refused; sign-out ends it', async () => {
    const page = await signIn('admin');
    const cookies = await page.context().cookies();
    expect(cookies).toEqual([expect.objectContaining({ name: 'trestle_console', httpOnly: true, sameSite: 'Strict', path: '/console' })]);
    const forged = await page.request.post('/console/operator/retry', { form: { requestId: '00000000-0000-4000-8000-000000000000' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);

    await page.goto('/console/operator');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/console/login');
    expect(await page.context().cookies()).toEqual([]);
    await page.goto('/console/operator');
    expect(new URL(page.url()).pathname).toBe('/console/login');
  });

  it('an auditor opens a timeline with every event, the state as of a moment, and the verify result, and sees no other screen', async () => {
    const page = await signIn('auditor');
    expect(await navLinks(page)).toEqual(['Audit']);
    const history = await (await fetch(`${h.url}/audit/documents/${SI_2207}/history?pageSize=500`, { headers: { 'x-api-key': h.key('auditor') } })).json() as {
      total: number; items: Array<{ type: string; recordedAt: string }>;
    };
    await page.getByLabel('Document stream').fill(SI_2207);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL((url) => url.searchParams.get('document') === SI_2207);
    const types = await page.locator('#timeline tbody tr td:nth-child(3)').allTextContents();
    expect(types).toEqual(history.items.map((e) => e.type));
    expect(await page.locator('#verify').textContent()).toContain('History intact');
    await shot(page, 'audit-timeline');

    // As of a second before its first event the document did not exist; as of its last event it did.
    const first = new Date(history.items[0]!.recordedAt);
    const before = new Date(first.getTime() - 1000).toISOString().slice(0, 19);
    await page.getByLabel('As of (UTC)').fill(before);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL((url) => url.searchParams.get('at') === before);
    expect(await page.locator('#as-of').textContent()).toContain('did not exist yet');
    const last = new Date(Date.parse(history.items.at(-1)!.recordedAt) + 1000).toISOString().slice(0, 19);
    await page.getByLabel('As of (UTC)').fill(last);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL((url) => url.searchParams.get('at') === last);
    expect(await page.locator('#as-of').textContent()).toContain('Sync status');
    await shot(page, 'audit-as-of');

    expect((await page.goto('/console/finance'))?.status()).toBe(403);
  });

  /** Each screen the role may not open answers 403 with a page naming the role, in the browser and to the cookie's requests alike. */
  const expectRefused = async (page: Page, role: Role, slugs: readonly string[]) => {
    for (const slug of slugs) expect((await page.request.get(`/console/${slug}`)).status(), `/console/${slug} as ${role}`).toBe(403);
    const refused = await page.goto(`/console/${slugs[0]!}`);
    expect(refused?.status()).toBe(403);
    expect(await page.getByRole('alert').textContent()).toContain(`signed in as ${role}`);
  };

  it('the operator sees the dead-lettered invoice and the parked one, retries the dead letter and sees it post, and sees no other screen', async () => {
    const page = await signIn('operator');
    expect(new URL(page.url()).pathname).toBe('/console/operator');
    expect(await navLinks(page)).toEqual(['Operations', 'Approval queue']);
    expect((await page.request.get('/console/approvals')).status()).toBe(200);
    expect(await page.locator('#parked-table').textContent()).toContain(parkedDocument);
    const row = page.locator('#failures-table tbody tr', { hasText: NSM_1041 });
    expect(await row.locator('td').nth(3).textContent()).toBe('dead-lettered');
    await shot(page, 'operator-before-retry');
    expect(bills('NSM-1041')).toHaveLength(0);

    await row.getByRole('button', { name: /^Retry/ }).click();
    await page.waitForURL((url) => url.searchParams.has('done'));
    expect(await page.getByRole('status').textContent()).toContain('Retry requested');
    await eventually('NSM-1041 to post after the retry', () => bills('NSM-1041').length === 1, 60_000);
    // Posted: once the ledger has read the outcome, the failure is settled and leaves the list.
    await eventually('NSM-1041 to leave the failures list', async () => {
      await page.reload();
      return (await page.locator('#failures-table tbody tr', { hasText: NSM_1041 }).count()) === 0;
    }, 30_000);
    await shot(page, 'operator-after-retry');
    await expectRefused(page, 'operator', ['finance', 'audit', 'mapping', 'finance-csv?connection=demo']);
  });

  it('the bookkeeper reads the mapping document with the unmapped code first, and sees no other screen', async () => {
    const page = await signIn('bookkeeper');
    expect(new URL(page.url()).pathname).toBe('/console/mapping');
    expect(await navLinks(page)).toEqual(['Mapping']);
    const rows = await page.locator('#mapping tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent)));
    const statuses = rows.map((r) => r[0]);
    const unmapped = statuses.filter((s) => s === 'UNMAPPED').length;
    expect(unmapped).toBeGreaterThan(0);
    expect(statuses).toEqual([...Array(unmapped).fill('UNMAPPED'), ...Array(rows.length - unmapped).fill('MAPPED')]);
    expect(rows.slice(0, unmapped)).toContainEqual(['UNMAPPED', '2468013', '23-31-00', 'M']);
    expect(await page.locator('#mapping tbody tr', { hasText: '23-07-00' }).first().locator('td').first().textContent()).toBe('MAPPED');
    await shot(page, 'bookkeeper-mapping');
    await expectRefused(page, 'bookkeeper', ['operator', 'approvals', 'finance', 'audit']);
  });

  it('admin sees every screen', async () => {
    const page = await signIn('admin');
    expect(await navLinks(page)).toEqual(['Reconciliation', 'Audit', 'Operations', 'Approval queue', 'Mapping']);
  });
});
