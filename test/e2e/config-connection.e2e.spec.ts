import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSandboxes, type DemoSandboxes } from '../../sandbox/demo-sandboxes.js';
import { SAMPLE_COMMITMENTS, SAMPLE_PAYMENT_APPLICATIONS, SAMPLE_REQUISITIONS } from '../../sandbox/sample/sample-project.js';
import { SAMPLE_STORY } from '../../sandbox/story/sample-story.js';
import { projectRoot } from '../../src/platform/config/project-root.js';
import { booksList, linesOf, type QboDoc } from './support/project-sync-probes.js';
import { startConfigTrestle, type ConfigTrestle } from './support/config-trestle.js';
import { eventually } from './support/trestle-harness.js';
import { procoreSide, quickBooksSide } from './support/yaml-sides.js';

const FAST_RETRIES = { timeoutMs: 5000, retryDelayMs: (attempt: number) => (attempt < 20 ? 100 * attempt : undefined) };
const FINANCE_KEY = 'acme-finance-key-0123456789';
const HVAC = '200000000000000123';
const [wo1, wo2] = SAMPLE_COMMITMENTS;
const [nsm1041, si2207, nsm1077, credit] = SAMPLE_REQUISITIONS;
const [pa1, pa2] = SAMPLE_PAYMENT_APPLICATIONS;

/**
 * `acme`, written the way a customer writes config/trestle.example.yaml: every endpoint,
 * credential and the mapping file given in YAML, pointing at the sandboxes. Nothing of the
 * demo's own configuration is used.
 */
const acmeConfig = (s: DemoSandboxes) => ({
  connections: {
    acme: {
      construction: procoreSide(s),
      accounting: quickBooksSide(s),
      mappingFile: './acme.mapping.yaml',
      polling: { intervalSeconds: 60 },
      postingMode: 'live',
    },
  },
  apiKeys: [{ role: 'finance', key: FINANCE_KEY, name: 'bookkeeper' }],
});

/** Plays a story step as soon as it can run (a payment needs its bill in the books first). */
const play = async (s: DemoSandboxes, step: (typeof SAMPLE_STORY)[number]): Promise<void> => {
  await eventually(`the story step "${step.says}"`, () => {
    try {
      step.act(s);
      return true;
    } catch {
      return false;
    }
  }, 300_000);
};

const cents = (amount: number) => Math.round(amount * 100);

describe('the whole sample story through a connection defined only by a YAML file (acme, not demo)', () => {
  let sandboxes: DemoSandboxes;
  let hub: ConfigTrestle;
  const books = <T extends QboDoc>(entity: string, where: (doc: QboDoc) => boolean = () => true) => booksList(sandboxes.quickbooks, entity, where) as T[];
  const numbered = (entity: string, docNumber: string) => books(entity, (d) => d.DocNumber === docNumber);

  beforeAll(async () => {
    sandboxes = await startDemoSandboxes({ webhookPolicy: FAST_RETRIES });
    const mapping = await readFile(join(projectRoot(), 'config/mapping.sample.yaml'), 'utf8');
    hub = await startConfigTrestle(acmeConfig(sandboxes), {}, { files: { 'acme.mapping.yaml': mapping } });
    await sandboxes.connectWebhooks(hub.url, ['acme']);
    for (const step of SAMPLE_STORY) await play(sandboxes, step);
    // The story's last steps: the second owner invoice, and the second payment of NSM-1041 written back.
    await eventually('KM-PA-02 in the books', () => numbered('Invoice', pa2.invoiceNumber).length === 1, 300_000);
    await eventually('both payments of NSM-1041 back in Procore', () =>
      [...sandboxes.procore.state.store.payments.values()].filter((p) => p.requisitionId === Number(nsm1041.id) && p.deletedAt === null).length === 2, 300_000);
  }, 900_000);
  afterAll(async () => {
    await hub?.close();
    await sandboxes?.close();
  });

  it('runs as acme: no demo connection, no demo keys', () => {
    expect(hub.trestle.demo).toBeUndefined();
    expect(hub.trestle.demoKeys).toEqual([]);
    expect(hub.trestle.config.connections.map((c) => c.name)).toEqual(['acme']);
  });

  it('posts every subcontractor invoice as a bill with all its lines, and the back-charge as a vendor credit', async () => {
    for (const invoice of [nsm1041, si2207, nsm1077]) {
      const [bill] = await eventually(`the bill ${invoice.invoiceNumber}`, () => (numbered('Bill', invoice.invoiceNumber).length > 0 ? numbered('Bill', invoice.invoiceNumber) : undefined));
      const costLines = bill!.Line.filter((l) => /^\d{2}-\d{2}-\d{2}\/\w+ /.test(l.Description ?? ''));
      expect(costLines, invoice.invoiceNumber).toHaveLength(invoice.lines.length);
    }
    expect(numbered('Bill', nsm1077.invoiceNumber)[0]!.Line.filter((l) => /^\d{2}-\d{2}-\d{2}\//.test(l.Description ?? ''))).toHaveLength(4);
    expect(numbered('VendorCredit', credit.invoiceNumber)).toHaveLength(1);
  });

  it('keeps a purchase order per approved commitment', () => {
    for (const commitment of [wo1, wo2]) expect(numbered('PurchaseOrder', commitment.number), commitment.number).toHaveLength(1);
  });

  it('bills the owner invoices on the mapping file\'s owner-billing items, net of 10% retainage', () => {
    const [first] = numbered('Invoice', pa1.invoiceNumber);
    expect(linesOf(first!).map(([amount, item, klass]) => [amount, item, klass])).toEqual([[52200, '21', HVAC], [17100, '21', HVAC]]);
    expect([first!.TotalAmt, first!.CustomerRef]).toMatchObject([69300, { value: '59' }]);
    expect(numbered('Invoice', pa2.invoiceNumber)).toHaveLength(1);
  });

  it('turns the approved timecards into TimeActivity records on the job', async () => {
    const activities = await eventually('10 TimeActivity records', () => (books('TimeActivity').length >= 10 ? books('TimeActivity') : undefined));
    expect(activities).toHaveLength(10);
    expect(new Set(activities.map((a) => `${(a.CustomerRef as { value: string }).value}/${(a.ItemRef as { value: string }).value}`))).toEqual(new Set(['59/12']));
  });

  it('writes the bookkeeper\'s two payments of NSM-1041 back to Procore, together the whole bill', () => {
    const [bill] = numbered('Bill', nsm1041.invoiceNumber);
    const payments = [...sandboxes.procore.state.store.payments.values()].filter((p) => p.requisitionId === Number(nsm1041.id) && p.deletedAt === null);
    expect(payments.reduce((sum, p) => sum + p.amountCents, 0)).toBe(cents(bill!.TotalAmt as number));
    expect(payments.every((p) => p.contractId === Number(wo1.id))).toBe(true);
  });

  it('serves acme\'s reconciliation to the config file\'s finance key', async () => {
    const response = await fetch(`${hub.url}/finance/reconciliation?connection=acme&pageSize=500`, { headers: { 'x-api-key': FINANCE_KEY } });
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: Array<{ costCode: string; posted: string }> };
    expect(items.some((r) => r.costCode === '23-31-00' && Number(r.posted) > 0)).toBe(true);
  });
});
