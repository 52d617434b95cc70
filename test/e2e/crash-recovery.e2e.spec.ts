import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSandboxes, type DemoSandboxes } from '../../sandbox/demo-sandboxes.js';
import { procoreDeliveryPolicy } from '../../sandbox/procore/index.js';
import { writeDemoConfig } from '../../bench/support/demo-hub.js';
import { createServerDatabase, type TestDatabase } from '../support/databases.js';
import { buildHub, freePort, startHubProcess, type HubProcess } from './support/hub-process.js';
import { eventually } from './support/trestle-harness.js';

const INVOICES = 200;
const ADMIN_KEY = 'crash-test-admin-key-0123456789';

describe('kill -9 during a 200-invoice run', () => {
  let sandboxes: DemoSandboxes;
  let db: TestDatabase;
  let hub: HubProcess | undefined;
  let env: Record<string, string>;
  let port: number;

  beforeAll(async () => {
    buildHub();
    sandboxes = await startDemoSandboxes({ webhookPolicy: procoreDeliveryPolicy({ firstDelayMs: 200, maxDelayMs: 2000 }) });
    db = await createServerDatabase();
    port = await freePort();
    const { file, dir } = await writeDemoConfig(sandboxes, ADMIN_KEY);
    env = {
      DATABASE_URL: db.url, TRESTLE_CONFIG: file, TRESTLE_DATA_DIR: dir,
      TRESTLE_SECRET_KEY: '11'.repeat(32), LOG_LEVEL: 'warn',
    };
    hub = await startHubProcess(env, port);
    await sandboxes.connectWebhooks(`http://127.0.0.1:${port}`);
  }, 180_000);

  afterAll(async () => {
    await hub?.stop();
    await sandboxes?.close();
    await db?.dispose();
  });

  it('ends with every invoice posted exactly once', async () => {
    const procore = sandboxes.procore.state;
    procore.approveCommitment(786001);
    const line = procore.store.commitments.get(786001)!.lines[0]!;
    const numbers = Array.from({ length: INVOICES }, (_, i) => `K-${String(i + 1).padStart(3, '0')}`);
    const approving = (async () => {
      for (const invoiceNumber of numbers) {
        const requisition = procore.createRequisition(786001, { invoiceNumber, lines: [{ lineItemId: line.id, amount: '10.00' }] });
        procore.submitRequisition(requisition.id);
        procore.approveRequisition(requisition.id);
        await new Promise((r) => setTimeout(r, 15));
      }
    })();

    const posted = () => new Set((sandboxes.quickbooks.company().list('Bill') as Array<{ DocNumber: string }>).map((b) => b.DocNumber).filter((n) => n.startsWith('K-')));
    let kills = 0;
    // Crash the hub at random moments while invoices flow, then start it again on the same database.
    while (kills < 4 && posted().size < INVOICES) {
      await new Promise((r) => setTimeout(r, 700 + Math.random() * 2500));
      await hub!.kill9();
      kills++;
      hub = await startHubProcess(env, port);
    }
    await approving;
    // On a timeout, say which are missing: a slow run (most posted) and a lost invoice (a few never) differ.
    await eventually('every invoice to be posted', () => posted().size === INVOICES, 240_000).catch((error: Error) => {
      const missing = numbers.filter((n) => !posted().has(n));
      throw new Error(`${error.message}: ${missing.length} of ${INVOICES} not posted (${missing.slice(0, 20).join(', ')})`);
    });
    await new Promise((r) => setTimeout(r, 3000)); // give a duplicate every chance to appear

    const bills = (sandboxes.quickbooks.company().list('Bill') as Array<{ DocNumber: string }>).filter((b) => b.DocNumber.startsWith('K-'));
    expect(kills).toBeGreaterThanOrEqual(2);
    expect(bills).toHaveLength(INVOICES);
    expect(new Set(bills.map((b) => b.DocNumber)).size).toBe(INVOICES);
  }, 420_000);
});
