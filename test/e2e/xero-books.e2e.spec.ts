import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSandboxes, type DemoSandboxes } from '../../sandbox/demo-sandboxes.js';
import { SAMPLE_COMMITMENTS, SAMPLE_REQUISITIONS } from '../../sandbox/sample/sample-project.js';
import { SAMPLE_STORY } from '../../sandbox/story/sample-story.js';
import { projectRoot } from '../../src/platform/config/project-root.js';
import { startConfigTrestle, type ConfigTrestle } from './support/config-trestle.js';
import { eventually } from './support/trestle-harness.js';
import { keystoneXeroConfig } from './support/yaml-sides.js';

const FAST_RETRIES = { timeoutMs: 5000, retryDelayMs: (attempt: number) => (attempt < 20 ? 100 * attempt : undefined) };
const ADMIN_KEY = 'keystone-admin-key-0123456789';
const PUBLIC_URL = 'https://trestle.keystone.example.com';
const [nsm1041, si2207, nsm1077, credit] = SAMPLE_REQUISITIONS;
const [wo1, wo2] = SAMPLE_COMMITMENTS;
/** Dampers and access doors (23-33-00 S) go to an account the organisation does not have: the documents with such a line (WO-001, NSM-1077) must park, and only they. */
const BAD_DAMPERS_RULE = '  - { costCode: "23-33-00", costType: S, account: { value: "999", name: Nowhere }, class: { value: "f28fd9be-09a4-59aa-a612-71bd17c2a622" } }\n';

/** A connection whose books are Xero, defined only by YAML (nothing of the demo's configuration). */
const keystoneConfig = (s: DemoSandboxes) => keystoneXeroConfig(s, ADMIN_KEY);

/** The story's commitments and subcontractor invoices (the steps that need no other books). */
const STEPS = SAMPLE_STORY.filter((step) => /commitment WO-|subcontractor invoice|NSM-1077|SI-2207|credit/.test(step.says));

type Doc = Record<string, unknown>;

describe('a YAML connection whose books are Xero posts the sample subcontractor invoices as ACCPAY bills', () => {
  let sandboxes: DemoSandboxes;
  let hub: ConfigTrestle;
  const bills = (number: string) => sandboxes.xero.state.invoices().filter((i) => i.Type === 'ACCPAY' && i.InvoiceNumber === number);
  const admin = async (path: string) => (await fetch(`${hub.url}${path}`, { headers: { 'x-api-key': ADMIN_KEY } })).json();

  beforeAll(async () => {
    sandboxes = await startDemoSandboxes({ webhookPolicy: FAST_RETRIES });
    const mapping = (await readFile(join(projectRoot(), 'config/mapping.xero.sample.yaml'), 'utf8')).replace('rules:\n', `rules:\n${BAD_DAMPERS_RULE}`);
    hub = await startConfigTrestle(keystoneConfig(sandboxes), { TRESTLE_PUBLIC_URL: PUBLIC_URL }, { files: { 'keystone.mapping.yaml': mapping } });
    await sandboxes.connectWebhooks(hub.url, ['keystone']);
    for (const step of STEPS) step.act(sandboxes);
    await eventually('NSM-1041 and SI-2207 in Xero', () => bills(nsm1041.invoiceNumber).length === 1 && bills(si2207.invoiceNumber).length === 1, 90_000);
    await eventually('the back-charge as a credit note', () => sandboxes.xero.state.creditNotes().length === 1, 90_000);
  }, 300_000);
  afterAll(async () => {
    await hub?.close();
    await sandboxes?.close();
  });

  it('plays only commitments and subcontractor invoices', () => {
    expect(STEPS.map((s) => s.says).join(' | ')).toMatch(/WO-001.*WO-002.*NSM-1041.*SI-2207.*NSM-1077.*NSM-1077-CR/);
  });

  it('writes each bill AUTHORISED to the vendor\'s contact, a line per cost line with its account, TaxType NONE, Job and Cost Code tracking, and the Url back', () => {
    const [bill] = bills(nsm1041.invoiceNumber);
    expect(bill).toMatchObject({ Status: 'AUTHORISED', Total: 45000, Contact: { Name: 'Northwind Sheet Metal LLC' } });
    expect(String(bill!.Url)).toMatch(new RegExp(`^${PUBLIC_URL}/books/trestle:keystone:`));
    expect(bill!.LineItems).toEqual([expect.objectContaining({
      AccountCode: '310', TaxType: 'NONE', LineAmount: 45000,
      Tracking: [expect.objectContaining({ Name: 'Job', Option: '2026-014 Riverside Medical Office' }), expect.objectContaining({ Name: 'Cost Code', Option: '23 HVAC' })],
    })]);
    expect(bills(si2207.invoiceNumber)[0]).toMatchObject({ Total: 16000, Contact: { Name: 'Summit Insulation Inc' } });
  });

  it('writes the back-charge as an ACCPAYCREDIT credit note', () => {
    expect(sandboxes.xero.state.creditNotes()).toMatchObject([{ Type: 'ACCPAYCREDIT', CreditNoteNumber: credit.invoiceNumber, Total: 2500, Contact: { Name: 'Northwind Sheet Metal LLC' } }]);
  });

  it('parks exactly the documents with a line Xero refused (the WO-001 purchase order and NSM-1077), naming the account code; the others post', async () => {
    const parked = async () => ((await admin('/admin/quarantine?connection=keystone')) as { items: Array<{ documentStream: string; reason: string }> }).items;
    const items = await eventually('WO-001 and NSM-1077 parked', async () => {
      const found = await parked();
      return found.length >= 2 ? found : undefined;
    }, 90_000);
    expect(items.map((i) => i.documentStream).sort()).toEqual([`keystone.procore.commitment-${wo1.id}`, `keystone.procore.subcontractor_invoice-${nsm1077.id}`]);
    for (const item of items) expect(item.reason).toContain("Account code '999' is not a valid code");
    expect(bills(nsm1077.invoiceNumber)).toHaveLength(0);
    // WO-002 has no dampers line: its purchase order is in Xero.
    expect(sandboxes.xero.state.purchaseOrders()).toMatchObject([{ PurchaseOrderNumber: wo2.number, Status: 'AUTHORISED', Total: 64000 }]);
  });

  it('posts nothing twice when Procore delivers every webhook again', async () => {
    const delivered = [...sandboxes.procore.webhooks.log];
    for (const record of delivered) sandboxes.procore.webhooks.send(record.message);
    // One invoice more, approved after the redeliveries: the hub handles a connection's notices in order, so once
    // its bill is in Xero every redelivery before it has been decided on.
    const commitment = sandboxes.procore.state.store.commitments.get(Number(wo2.id))!;
    const later = sandboxes.procore.state.createRequisition(Number(wo2.id), { invoiceNumber: 'SI-2299', lines: [{ lineItemId: commitment.lines[0]!.id, amount: '1000.00' }] });
    sandboxes.procore.state.submitRequisition(later.id);
    sandboxes.procore.state.approveRequisition(later.id);
    await eventually('SI-2299 in Xero', () => bills('SI-2299').length === 1, 90_000);
    const docs = sandboxes.xero.state.invoices().filter((i: Doc) => i.Type === 'ACCPAY');
    expect(docs.map((d) => d.InvoiceNumber).sort()).toEqual([nsm1041.invoiceNumber, si2207.invoiceNumber, 'SI-2299'].sort());
    expect(sandboxes.xero.state.creditNotes()).toHaveLength(1);
    expect(sandboxes.xero.state.purchaseOrders()).toHaveLength(1);
  });

  it('posts each bill once through a storm of 429s and a write Xero applied whose answer was lost', async () => {
    const commitment = sandboxes.procore.state.store.commitments.get(Number(wo2.id))!;
    // Every bill write is refused with a 429 six times over, then the first one through is applied and its answer lost.
    sandboxes.xero.faults.add({ kind: 'throttle', count: 6, retryAfterSeconds: 1 }, { method: 'PUT', path: '/Invoices' });
    sandboxes.xero.faults.add({ kind: 'timeout-after-write', count: 1 }, { method: 'PUT', path: '/Invoices' });
    const numbers = ['SI-2310', 'SI-2311', 'SI-2312'];
    for (const [i, invoiceNumber] of numbers.entries()) {
      const requisition = sandboxes.procore.state.createRequisition(Number(wo2.id), { invoiceNumber, lines: [{ lineItemId: commitment.lines[0]!.id, amount: `${100 + i}.00` }] });
      sandboxes.procore.state.submitRequisition(requisition.id);
      sandboxes.procore.state.approveRequisition(requisition.id);
    }
    await eventually('the three bills in Xero', () => numbers.every((n) => bills(n).length > 0), 120_000);
    // Both faults were used up (a counted rule leaves the list when spent): six 429s answered, one answer lost.
    expect(sandboxes.xero.faults.list()).toEqual([]);
    expect(numbers.map((n) => bills(n).length)).toEqual([1, 1, 1]);
  });

  it('stops the organisation for the day when Xero says its daily limit is spent, with an alert saying so', async () => {
    sandboxes.xero.state.setLimits({ perDay: 1 });
    const commitment = sandboxes.procore.state.store.commitments.get(Number(wo2.id))!;
    const blocked = sandboxes.procore.state.createRequisition(Number(wo2.id), { invoiceNumber: 'SI-2300', lines: [{ lineItemId: commitment.lines[0]!.id, amount: '500.00' }] });
    sandboxes.procore.state.submitRequisition(blocked.id);
    sandboxes.procore.state.approveRequisition(blocked.id);
    type Alert = { kind: string; subject: string; error: string };
    const [alert] = await eventually('the paused-target alert', async () => {
      const { items } = (await admin('/admin/alerts?connection=keystone&kind=target-paused')) as { items: Alert[] };
      return items.length > 0 ? items : undefined;
    }, 60_000);
    expect(alert).toMatchObject({ subject: `xero:${sandboxes.xero.state.tenantId}`, error: expect.stringContaining('daily call limit') });
    expect(bills('SI-2300')).toHaveLength(0);
  });
});
