import { rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSandboxes, type DemoSandboxes } from '../../sandbox/demo-sandboxes.js';
import { procoreDeliveryPolicy } from '../../sandbox/procore/index.js';
import { writeDemoConfig } from '../../bench/support/demo-hub.js';
import { buildHub, freePort, startHubProcess, type HubProcess } from './support/hub-process.js';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.js';
import { eventually } from './support/trestle-harness.js';

const INVOICES_PER_RUN = 40;
const ADMIN_KEY = 'db-outage-admin-key-0123456789';

/**
 * PostgreSQL goes away under the hub, in the middle of a run of documents, and comes back:
 * the process stays up, says it is not ready while the store is unreachable, and every
 * document ends up posted exactly once. On a private cluster: the shared server is never stopped.
 */
describe('a PostgreSQL outage', () => {
  let cluster: PrivatePostgres | undefined;
  let sandboxes: DemoSandboxes | undefined;
  let hub: HubProcess | undefined;
  let port: number;
  let invoiceSeq = 0;
  let configDir: string | undefined;

  beforeAll(async () => {
    buildHub();
    cluster = await startPrivatePostgres();
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE trestle');
    await admin.end();
    sandboxes = await startDemoSandboxes({ webhookPolicy: procoreDeliveryPolicy({ firstDelayMs: 200, maxDelayMs: 2000 }) });
    port = await freePort();
    const { file, dir } = await writeDemoConfig(sandboxes, ADMIN_KEY, 2);
    configDir = dir;
    hub = await startHubProcess({
      DATABASE_URL: databaseUrl(), TRESTLE_CONFIG: file, TRESTLE_DATA_DIR: dir,
      TRESTLE_SECRET_KEY: '33'.repeat(32), LOG_LEVEL: 'info',
    }, port);
    await sandboxes.connectWebhooks(`http://127.0.0.1:${port}`);
    sandboxes.procore.state.approveCommitment(786001);
  }, 600_000);

  // A failed run must not leave the next one without its database.
  afterEach(() => {
    if (!cluster?.running) cluster?.start();
  }, 120_000);

  afterAll(async () => {
    // The cluster first: it is the one thing that would outlive the test run.
    try {
      cluster?.destroy();
    } finally {
      await hub?.stop();
      await sandboxes?.close();
      if (configDir) await rm(configDir, { recursive: true, force: true });
    }
  }, 120_000);

  const databaseUrl = () => cluster!.url.replace(/\/postgres$/, '/trestle');
  const hubUrl = (path: string) => `http://127.0.0.1:${port}${path}`;
  const readiness = () => fetch(hubUrl('/health/ready')).then(async (r) => ({ status: r.status, body: await r.json() as Record<string, unknown> }));
  const postedBills = () => (sandboxes!.quickbooks.company().list('Bill') as Array<{ DocNumber: string }>).filter((b) => b.DocNumber.startsWith('DB-'));

  /** Approves invoices one after another (each one a webhook), so the outage lands in the middle of them. */
  const approveInvoices = async (count: number): Promise<string[]> => {
    const procore = sandboxes!.procore.state;
    const line = procore.store.commitments.get(786001)!.lines[0]!;
    const numbers: string[] = [];
    for (let i = 0; i < count; i++) {
      const invoiceNumber = `DB-${String(++invoiceSeq).padStart(3, '0')}`;
      const requisition = procore.createRequisition(786001, { invoiceNumber, lines: [{ lineItemId: line.id, amount: '10.00' }] });
      procore.submitRequisition(requisition.id);
      procore.approveRequisition(requisition.id);
      numbers.push(invoiceNumber);
      await new Promise((r) => setTimeout(r, 50));
    }
    return numbers;
  };

  it.each(['immediate', 'fast'] as const)('pg_ctl stop -m %s mid-run: 503 while down, 200 when back, every invoice posted exactly once', async (mode) => {
    const before = postedBills().length;
    const logBefore = hub!.output.length;
    const approving = approveInvoices(INVOICES_PER_RUN / 2);
    await eventually('some invoices of this run to post', () => postedBills().length >= before + 3, 120_000);

    cluster!.stop(mode);
    const down = await eventually('/health/ready to say 503', async () => {
      const r = await readiness().catch(() => undefined);
      return r?.status === 503 ? r : undefined;
    }, 60_000);
    expect(down.body).toMatchObject({ status: 503, title: expect.any(String) });
    expect(String(down.body.type)).toMatch(/^https?:\/\//);
    await approving;
    // The other half is approved while the database is down: their webhooks are refused, to be redelivered.
    await approveInvoices(INVOICES_PER_RUN / 2);
    // (Deliveries to one URL go in order, so the refused one may be from before the stop.)
    const refused = await eventually('a webhook refused twice while the database is down', () =>
      sandboxes!.procore.webhooks.log.find((d) => d.outcome === 'retrying' && d.attempts >= 2 && d.lastStatus !== undefined && d.lastStatus >= 500), 60_000);
    expect(refused.lastStatus).toBe(503);
    const logged = () => hub!.output.slice(logBefore).join('');
    await eventually('the hub to log the outage', () => /"level":50[^\n]*database unreachable/.test(logged()), 60_000);
    await eventually('a poll to fail on the outage', () => /"level":40[^\n]*poll finished with errors/.test(logged()), 60_000);
    expect(hub!.child.exitCode).toBeNull();
    expect(hub!.child.signalCode).toBeNull();

    cluster!.start();
    await eventually('/health/ready to say 200 again', async () => (await readiness().catch(() => undefined))?.status === 200, 60_000);
    const expected = before + INVOICES_PER_RUN;
    await eventually(`all ${expected} invoices to be posted`, () => postedBills().length >= expected, 240_000);
    // A second posting would come from a request retried or queued again: wait until every request queued has ended.
    await eventually('every outbound request to end', async () => (await unfinishedRequests()) === 0, 120_000);

    const numbers = postedBills().map((b) => b.DocNumber);
    expect(numbers).toHaveLength(expected);
    expect(new Set(numbers).size).toBe(expected);
    expect(hub!.child.exitCode).toBeNull();
    const log = hub!.output.slice(logBefore).join('');
    expect(log).toMatch(/"level":30[^\n]*database reachable again/);
    const metrics = await (await fetch(hubUrl('/metrics'))).text();
    expect(metrics).toMatch(/^trestle_database_reachable 1$/m);
  }, 480_000);

  /** Outbound request streams (the dispatcher's audit trail) with no outcome yet. */
  const unfinishedRequests = async (): Promise<number> => {
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      const { rows } = await client.query<{ open: string }>(`
        SELECT count(*)::text AS open FROM (
          SELECT stream_name FROM eventstore.events WHERE stream_name LIKE '%.outbound.request-%'
          GROUP BY stream_name HAVING bool_and(metadata->'outbound'->>'result' IS NULL)) unfinished`);
      return Number(rows[0]!.open);
    } finally {
      await client.end();
    }
  };
});
