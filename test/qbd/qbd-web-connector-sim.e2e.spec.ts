import { createServer } from 'node:net';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSandboxes, type DemoSandboxes } from '../../sandbox/demo-sandboxes.js';
import { createQbdSandbox, QUICKBOOKS_NOT_RUNNING, type QbdSandbox } from '../../sandbox/qbd/index.js';
import type { TxnRecord } from '../../sandbox/qbd/company/records.js';
import { SAMPLE_REQUISITIONS, SAMPLE_COMMITMENTS } from '../../sandbox/sample/sample-project.js';
import { SAMPLE_STORY } from '../../sandbox/story/sample-story.js';
import { Poller } from '../../src/adapters/pipeline/inbound/polling/poller.service.js';
import { qbdQwcCommand } from '../../src/cli/commands/qbd-qwc-command.js';
import { startConfigTrestle, writeConfigFolder, type ConfigTrestle } from '../e2e/support/config-trestle.js';
import { eventually } from '../e2e/support/trestle-harness.js';

const FAST_RETRIES = { timeoutMs: 5000, retryDelayMs: (attempt: number) => (attempt < 20 ? 100 * attempt : undefined) };
const PASSWORD = 'the-bookkeeper-typed-this';
const JOB = 'Harbor Point Builders:2026-014 Riverside Medical Office';
const [nsm1041, si2207, nsm1077, credit] = SAMPLE_REQUISITIONS;
const [, wo2] = SAMPLE_COMMITMENTS;

/**
 * The sample mapping as a QuickBooks Desktop bookkeeper writes it: accounts, classes and the
 * GC customer by FullName, as the company file shows them (no ListIDs to look up).
 */
const MAPPING = `settings:
  retainage: { mode: gross-open }
  vendorMatch: lookup-or-create
  billableByDefault: false
rules:
  - { costCode: "23", costType: S, account: "Job Costs:Subcontractors", class: 23 HVAC }
  - { costCode: "23", costType: M, account: "Job Costs:Job Materials", class: 23 HVAC }
jobs:
  # Found under the GC by the hub's job probe (CustomerQueryRq, NameFilter EndsWith), not written again.
  "2468013": { parentCustomer: Harbor Point Builders, jobName: "2026-014 Riverside Medical Office" }
`;

const freePort = () => new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});

const STEPS = SAMPLE_STORY.filter((step) => step.who === 'project manager' && /commitment WO-|NSM-1041|SI-2207|NSM-1077/.test(step.says));
const text = (nodes: unknown): string => JSON.stringify(nodes);

describe('the hub and the simulated Web Connector: sample subcontractor invoices become QuickBooks Desktop bills', () => {
  let sandboxes: DemoSandboxes;
  let hub: ConfigTrestle;
  let qbd: QbdSandbox;
  /** Armed: the next BillAdd handed out is applied in QuickBooks and its answer lost. */
  let dieOnNextBillAdd = false;
  /** Every sendRequestXML answer the Web Connector got (the qbXML the hub handed out, escaped in SOAP). */
  const handedOut: string[] = [];
  const credits = (refNumber: string): TxnRecord[] => qbd.company.txnsOf('VendorCredit').filter((c) => text(c.fields).includes(`"${refNumber}"`));
  const bills = (refNumber: string): TxnRecord[] => qbd.company.txnsOf('Bill').filter((b) => text(b.fields).includes(`"${refNumber}"`));
  const syncUntil = async (what: string, done: () => boolean) => eventually(what, async () => {
    await qbd.connector.runSession();
    return done();
  }, 120_000);

  beforeAll(async () => {
    sandboxes = await startDemoSandboxes({ webhookPolicy: FAST_RETRIES });
    const port = await freePort();
    const appUrl = `http://localhost:${port}/qbwc`;
    const p = sandboxes.endpoints.procore;
    const config = {
      connections: {
        harbor: {
          construction: {
            system: 'procore', apiBaseUrl: p.baseUrl, tokenUrl: `${p.baseUrl}/oauth/token`, companyId: p.companyId, clientId: p.clientId,
            clientSecret: p.clientSecret, grant: 'client_credentials', webhookAuthorization: p.webhookAuthorization, projectIds: [p.projectId],
          },
          accounting: { system: 'qbd', userName: 'harbor-qbwc', password: PASSWORD, appUrl, runEveryMinutes: 5 },
          mappingFile: './harbor.mapping.yaml',
          polling: { intervalSeconds: 60 },
          postingMode: 'live',
        },
      },
    };
    // The .qwc as the operator makes it from the connection's config: `trestle qbd qwc --connection harbor`.
    const { mappingFile: _later, ...withoutMapping } = config.connections.harbor;
    const folder = await writeConfigFolder({ connections: { harbor: withoutMapping } });
    const out = join(folder.dir, 'harbor.qwc');
    const said: string[] = [];
    const status = await qbdQwcCommand.run({ positionals: [], values: { connection: 'harbor', config: folder.file, out } }, { out: (line: string) => said.push(line), err: (line: string) => said.push(line) } as never);
    expect(status, said.join('\n')).toBe(0);
    const spy: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const body = await response.clone().text();
      if (body.includes('sendRequestXMLResponse')) handedOut.push(body);
      if (dieOnNextBillAdd && body.includes('sendRequestXMLResponse') && body.includes('BillAddRq')) {
        dieOnNextBillAdd = false;
        qbd.faults.dieAfterApply = 1;
      }
      return response;
    };
    qbd = createQbdSandbox({ qwc: await readFile(out, 'utf8'), password: PASSWORD, noOpDelayMs: 1, fetch: spy });
    await rm(folder.dir, { recursive: true, force: true });
    // The bookkeeper renamed Summit long ago: the hub's VendorQueryRq by FullName misses (500, a warning) and it adds the vendor.
    qbd.company.listByFullName(['Vendor'], 'Summit Insulation Inc')!.name = 'Summit Insulation (old file)';
    hub = await startConfigTrestle(config, { PORT: String(port), HOST: 'localhost' }, { files: { 'harbor.mapping.yaml': MAPPING } });
    await sandboxes.connectWebhooks(hub.url, ['harbor']);
    for (const step of STEPS) step.act(sandboxes);
    await syncUntil('NSM-1041 and SI-2207 in QuickBooks', () => bills(nsm1041!.invoiceNumber).length === 1 && bills(si2207!.invoiceNumber).length === 1
      && bills(nsm1077!.invoiceNumber).length === 1 && credits(credit!.invoiceNumber).length === 1);
  }, 300_000);
  afterAll(async () => {
    await qbd?.stop();
    await hub?.close();
    await sandboxes?.close();
  });

  it('posts each sample invoice as a bill to the vendor (adding the one QuickBooks lacks, once), an expense line per cost line with account, job and class', () => {
    const [bill] = bills(nsm1041!.invoiceNumber);
    expect(bill!.total).toBe(4_500_000n);
    expect(text(bill!.fields)).toContain('Northwind Sheet Metal LLC');
    expect(bill!.lines).toHaveLength(1);
    const line = text(bill!.lines[0]!.fields);
    for (const name of ['Job Costs:Subcontractors', JOB, '23 HVAC']) expect(line).toContain(name);
    expect(qbd.company.listsOf(['Customer']).filter((c) => qbd.company.fullName(c) === JOB)).toHaveLength(1);
    expect(handedOut.some((body) => body.includes('CustomerQueryRq'))).toBe(true);
    // The mapping's FullNames travel as FullName references (escaped once inside the SOAP answer).
    const billAdd = handedOut.find((body) => body.includes('BillAddRq') && body.includes(nsm1041!.invoiceNumber));
    expect(billAdd).toContain('&lt;AccountRef&gt;&lt;FullName&gt;Job Costs:Subcontractors&lt;/FullName&gt;&lt;/AccountRef&gt;');
    expect(billAdd).toContain('&lt;ClassRef&gt;&lt;FullName&gt;23 HVAC&lt;/FullName&gt;&lt;/ClassRef&gt;');
    const [insulation] = bills(si2207!.invoiceNumber);
    expect(insulation!.total).toBe(1_600_000n);
    const summit = qbd.company.listsOf(['Vendor']).filter((v) => v.name === 'Summit Insulation Inc');
    expect(summit).toHaveLength(1);
    expect(qbd.company.refListId(insulation!, 'VendorRef')).toBe(summit[0]!.listId);
    expect(handedOut.filter((body) => body.includes('VendorAddRq'))).toHaveLength(1);
  });

  it('posts a four-line invoice with a line per cost line (materials to Job Materials) and the back-charge as a vendor credit', () => {
    const [bill] = bills(nsm1077!.invoiceNumber);
    expect(bill!.lines.map((l) => l.amount)).toEqual([5_250_000n, 480_000n, 840_000n, 630_000n]);
    expect(bill!.lines.map((l) => l.retName)).toEqual(['ExpenseLineRet', 'ExpenseLineRet', 'ExpenseLineRet', 'ExpenseLineRet']);
    expect(text(bill!.lines[1]!.fields)).toContain('Job Costs:Job Materials');
    const [backCharge] = credits(credit!.invoiceNumber);
    expect(backCharge!.total).toBe(250_000n);
    expect(text(backCharge!.fields)).toContain('Northwind Sheet Metal LLC');
    expect(text(backCharge!.lines[0]!.fields)).toContain('Job Costs:Subcontractors');
  });

  it('writes a bill payment made at the QuickBooks Desktop desk back to the Procore requisition (read through the Web Connector)', async () => {
    const [bill] = bills(nsm1041!.invoiceNumber);
    const paymentId = qbd.bookkeeper.payBill(bill!.txnId, 1_250_000n, '2026-03-20');
    const poller = hub.trestle.hub.app.get(Poller);
    const onRequisition = () => [...sandboxes.procore.state.store.payments.values()].filter((p) => p.requisitionId === Number(nsm1041!.id) && p.deletedAt === null);
    // A poll queues the read, the next session answers it, the next poll records what it returned.
    const payments = await eventually('the payment on the Procore requisition', async () => {
      await poller.pollNow('harbor');
      await qbd.connector.runSession();
      await poller.pollNow('harbor');
      return onRequisition().length > 0 ? onRequisition() : undefined;
    }, 120_000);
    expect(payments.map((p) => p.amountCents)).toEqual([1_250_000]);
    expect(handedOut.some((body) => body.includes('BillPaymentCheckQueryRq') && body.includes('iterator=&quot;Start&quot;'))).toBe(true);
    expect(paymentId).not.toBe('');
  });

  it('writes a bill exactly once when the session dies after QuickBooks applied it: the hub probes by its marker', async () => {
    const commitment = sandboxes.procore.state.store.commitments.get(Number(wo2!.id))!;
    const later = sandboxes.procore.state.createRequisition(Number(wo2!.id), { invoiceNumber: 'SI-2299', lines: [{ lineItemId: commitment.lines[0]!.id, amount: '1000.00' }] });
    dieOnNextBillAdd = true;
    sandboxes.procore.state.submitRequisition(later.id);
    sandboxes.procore.state.approveRequisition(later.id);
    await syncUntil('SI-2299 applied in QuickBooks', () => bills('SI-2299').length > 0);
    expect(qbd.connector.history.some((r) => r.outcome === 'died')).toBe(true);
    const died = handedOut.length;
    // More sessions: the hub must find the bill by its probe and not write it again.
    for (let i = 0; i < 4; i += 1) await qbd.connector.runSession();
    expect(bills('SI-2299')).toHaveLength(1);
    expect(handedOut.slice(died).some((body) => body.includes('BillQueryRq'))).toBe(true);
    expect(handedOut.slice(died).filter((body) => body.includes('BillAddRq'))).toHaveLength(0);
    expect(bills('SI-2299')[0]!.total).toBe(100_000n);
    expect(bills(nsm1041!.invoiceNumber)).toHaveLength(1);
    expect(bills(si2207!.invoiceNumber)).toHaveLength(1);
    expect(bills(nsm1077!.invoiceNumber)).toHaveLength(1);
    expect(credits(credit!.invoiceNumber)).toHaveLength(1);
  });

  it('holds a bill while QuickBooks is closed for an hour (every session ends in connectionError), then writes it once', async () => {
    const commitment = sandboxes.procore.state.store.commitments.get(Number(wo2!.id))!;
    qbd.faults.connectionFailure = QUICKBOOKS_NOT_RUNNING;
    const closedFor = sandboxes.procore.state.createRequisition(Number(wo2!.id), { invoiceNumber: 'SI-2301', lines: [{ lineItemId: commitment.lines[0]!.id, amount: '250.00' }] });
    sandboxes.procore.state.submitRequisition(closedFor.id);
    sandboxes.procore.state.approveRequisition(closedFor.id);
    // A session opens QuickBooks only when the hub has work for it ("none" ends it first): wait for the bill to be queued.
    await eventually('a session with work that cannot reach QuickBooks', async () => (await qbd.connector.runSession()).outcome === 'connection-error', 120_000);
    // Then an hour of the .qwc's schedule (every five minutes): twelve more runs, none reaching QuickBooks.
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i += 1) outcomes.push((await qbd.connector.runSession()).outcome);
    expect(new Set(outcomes)).toEqual(new Set(['connection-error']));
    expect(bills('SI-2301')).toHaveLength(0);
    qbd.faults.connectionFailure = undefined;
    await syncUntil('SI-2301 in QuickBooks once it is open again', () => bills('SI-2301').length > 0);
    for (let i = 0; i < 2; i += 1) await qbd.connector.runSession();
    expect(bills('SI-2301')).toHaveLength(1);
    expect(bills('SI-2301')[0]!.total).toBe(25_000n);
  });
});
