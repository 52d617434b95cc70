import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../src/cli/command.js';
import type { QuickBooksSideConfig } from '../../src/platform/config/connection.types.js';
import { QuickBooksChartSource } from '../../src/adapters/quickbooks/quickbooks-chart-source.js';
import { QuickBooksClient } from '../../src/adapters/quickbooks/quickbooks-client.js';
import { startQuickBooksSandbox, type QuickBooksSandbox } from '../../sandbox/quickbooks/index.js';
import { SAMPLE_COST_CODES, SAMPLE_PROJECT } from '../../sandbox/sample/sample-project.js';
import { deterministicEventId, type EventStore } from '../../src/eventstore/index.js';

export const SAMPLE_MAPPING_FILE = fileURLToPath(new URL('../../config/mapping.sample.yaml', import.meta.url));

export const KEYS = [
  { role: 'admin' as const, key: 'admin-key-0123456789abcdef', name: 'ops-admin' },
  { role: 'finance' as const, key: 'finance-key-0123456789abcd', name: 'bookkeeper' },
];
export const ADMIN_KEY = KEYS[0]!.key;
export const FINANCE_KEY = KEYS[1]!.key;

/** A clock that stands still unless moved: changedAt values are exact in assertions. */
export const fixedClock = (iso: string) => {
  let now = new Date(iso);
  return { now: () => now, set: (next: string) => void (now = new Date(next)) };
};

/** The QuickBooks sandbox and a chart source reading it over real HTTP through the hub's QuickBooks client. */
export const startSandboxChart = async (): Promise<{ qbo: QuickBooksSandbox; chart: QuickBooksChartSource }> => {
  const qbo = await startQuickBooksSandbox();
  const side: QuickBooksSideConfig = {
    system: 'quickbooks', apiBaseUrl: qbo.baseUrl, tokenUrl: qbo.tokenUrl, clientId: 'sandbox', clientSecret: 'sandbox',
    realmId: qbo.realmId, webhookVerifierToken: 'verifier-token-0123456789', minorVersion: 75,
  };
  const token = qbo.issueTokens().access_token;
  const client = QuickBooksClient.create(side, { accessToken: async () => token, invalidate: () => undefined });
  return { qbo, chart: new QuickBooksChartSource((connection) => (connection === 'acme' ? client : undefined)) };
};

const append = (store: EventStore, stream: string, type: string, snapshot: object) =>
  store.append(stream, [{ id: deterministicEventId(stream, type), type, data: { version: '1', observedAt: '2026-04-30T12:00:00.000Z', snapshot, raw: {} } }], 'any');

const line = (lineId: string, costCode: string, costType: string) => ({ lineId, costCode, costType, description: '', amount: 100, retainage: 10 });

/**
 * Document events of the sample project, as the inbound side records them: the cost codes'
 * names, an invoice with four lines on three codes, a timecard and a budget line.
 * In use: 23-31-00/S, 23-31-00/M, 23-33-00/S, 23-37-00/S, 23-05-00/L, 23-09-00/M.
 */
export const appendSampleDocuments = async (store: EventStore, connection = 'acme'): Promise<void> => {
  for (const code of SAMPLE_COST_CODES) {
    await append(store, `${connection}.procore.cost_code-${code.id}`, 'CostCodeObserved.v1', { fullCode: code.fullCode, name: code.name, updatedAt: '2026-01-05T00:00:00Z' });
  }
  await append(store, `${connection}.procore.subcontractor_invoice-1280643`, 'SubcontractorInvoiceApproved.v1', {
    projectId: SAMPLE_PROJECT.id, commitmentId: '786001', vendorId: '5521', vendorName: 'Northwind Sheet Metal LLC',
    lines: [line('1', '23-31-00', 'S'), line('2', '23-31-00', 'M'), line('3', '23-33-00', 'S'), line('4', '23-37-00', 'S')],
  });
  await append(store, `${connection}.procore.timecard-990100`, 'TimecardApproved.v1', { projectId: SAMPLE_PROJECT.id, costCode: '23-05-00', costType: 'L' });
  await append(store, `${connection}.procore.budget_line-5001`, 'BudgetLineChanged.v1', { projectId: SAMPLE_PROJECT.id, costCode: '23-09-00', costType: 'M' });
  await readableInAll(store, `${connection}.procore.`, SAMPLE_COST_CODES.length + 3);
};

/**
 * Waits until $all reads show `count` events under `prefix`. A read of $all stops short of any
 * transaction still in flight on the server (any database of it), so on a busy server events
 * just appended can stay out of on-demand reads for a while; the bound is liveness only.
 */
const readableInAll = async (store: EventStore, prefix: string, count: number, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while ((await store.readAll({ filter: { streamPrefixes: [prefix] }, maxCount: count })).length < count) {
    if (Date.now() > deadline) throw new Error(`fewer than ${count} events under ${prefix} readable in $all after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

export const captureIo = (): CliIo & { stdout: string[]; stderr: string[] } => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), interactive: false };
};
