import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceFlow, invoiceStream } from '../../bench/replay/invoice-flow.js';
import type { CliIo } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';
import { ownerInvoiceFlow } from '../projections/numbers-flows.js';
import { sampleLedger } from '../projections/sample-ledger.js';
import { KEYS, startReportingHub, type ReportingHub } from '../api/reporting-hub.js';

const capture = (interactive = false): CliIo & { stdout: string[]; stderr: string[] } => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), interactive };
};

describe('trestle history, audit verify, projections rebuild', () => {
  let hub: ReportingHub;
  const as = (role: keyof typeof KEYS) => ['--url', hub.url, '--key', KEYS[role]];
  beforeAll(async () => {
    hub = await startReportingHub();
    await hub.feed(sampleLedger());
  });
  afterAll(async () => hub?.close());

  it("prints a document's history with each outbound call's status", async () => {
    const io = capture();
    expect(await runCli(['history', invoiceStream('acme', '1001'), ...as('auditor')], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('sagas: acme.sagas.invoice-sync-1001');
    expect(text).toContain('books: Bill 10010');
    expect(text).toMatch(/outbound\s+OutboundAttempted\.v1\s+HTTP 200 succeeded/);
    const json = capture();
    expect(await runCli(['history', invoiceStream('acme', '1001'), '--json', ...as('auditor')], json)).toBe(0);
    expect(JSON.parse(json.stdout[0]!)[0]).toMatchObject({ type: 'SubcontractorInvoiceSubmitted.v1' });
  });

  it('exits 2 with the problem for an unknown document or the wrong role', async () => {
    const unknown = capture();
    expect(await runCli(['history', invoiceStream('acme', '404'), ...as('auditor')], unknown)).toBe(2);
    expect(unknown.stderr.join('')).toContain('404 Not Found');
    const wrongRole = capture();
    expect(await runCli(['audit', 'verify', ...as('finance')], wrongRole)).toBe(2);
    expect(wrongRole.stderr.join('')).toContain('403 Forbidden');
    // Nothing checked is not "OK".
    const unknownConnection = capture();
    expect(await runCli(['audit', 'verify', 'nosuch', ...as('auditor')], unknownConnection)).toBe(2);
    expect(unknownConnection.stdout).toEqual([]);
    expect(unknownConnection.stderr.join('')).toContain('404 Not Found: no connection named nosuch');
  });

  it('verifies the hash chains', async () => {
    const io = capture();
    expect(await runCli(['audit', 'verify', 'acme', ...as('auditor')], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/^OK: connection acme: \d+ events in \d+ streams/);
  });

  it('rebuilds every projection with a progress bar, redrawn in place on a terminal', async () => {
    const io = capture(true);
    expect(await runCli(['projections', 'rebuild', '--interval', '10', ...as('admin')], io)).toBe(0);
    expect(io.stdout).toEqual(['rebuilt: reconciliation, audit, saga-context']);
    const last = io.stderr.at(-1)!;
    expect(last).toMatch(/saga-context \[#{28}\] 100% [\d,]+\/[\d,]+ events {2}[\d,]+ ev\/s {2}ETA 0:00 {2}done$/);
    expect(io.stderr.slice(1).every((line) => line.startsWith('\u001b[1A\u001b[2K') || line.startsWith('audit') || line.startsWith('reconciliation') || line.startsWith('saga-context'))).toBe(true);
  });

  it('shows the owner side per cost code with the project total, and names an unknown project', async () => {
    const ductwork = { costCode: '23-31-00', costType: 'S', amount: 58_000_00, retainage: 5_800_00 };
    await hub.feed(ownerInvoiceFlow('3301', [ductwork, { ...ductwork, costCode: '23-07-00', amount: 19_000_00, retainage: 1_900_00 }], 69_300_00, 34_650_00));
    const io = capture();
    expect(await runCli(['finance', 'owner-billing', '--connection', 'acme', '--project', '2468013', ...as('finance')], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/^project cost code\s+billed\s+retainage\s+net\s+received\s+outstanding\s+in AR\s+difference$/);
    expect(io.stdout.slice(1).map((l) => l.split(/\s{2,}/))).toEqual([
      ['2468013 23-07-00', '19000.00', '1900.00', '17100.00', '8550.00', '8550.00', '17100.00', '0.00'],
      ['2468013 23-31-00', '58000.00', '5800.00', '52200.00', '26100.00', '26100.00', '52200.00', '0.00'],
      ['2468013 total', '77000.00', '7700.00', '69300.00', '34650.00', '34650.00', '69300.00', '0.00'],
    ]);
    const unknown = capture();
    expect(await runCli(['finance', 'owner-billing', '--connection', 'acme', '--project', '404', ...as('finance')], unknown)).toBe(2);
    expect(unknown.stderr.join('')).toContain('404 Not Found: no project 404 in connection acme');
  });

  it('shows retainage per commitment and cost code, and names retainage paid before its release with both amounts', async () => {
    // 1004 on commitment 786001 is paid in full, its 1,000.00 retainage never released.
    await hub.feed(invoiceFlow({ connection: 'acme', projectId: '2468013', invoiceId: '1004', lines: [{ costCode: '23-31-00', costType: 'S', amount: 10_000_00, retainage: 1_000_00 }], paid: 10_000_00 }));
    const io = capture();
    expect(await runCli(['finance', 'retainage', '--connection', 'acme', '--project', '2468013', ...as('finance')], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/^commitment \/ cost code\s+retained\s+released\s+held\s+paid\s+paid early\s+outstanding$/);
    // 1001 (revised) retains 4,500.00 + 400.00, 1002 2,000.00, 1003 nothing, 1004 1,000.00 and is paid it.
    expect(io.stdout.slice(1).map((l) => l.trim().split(/\s{2,}/))).toEqual([
      ['2468013 Commitment WO-786001 Northwind Sheet Metal LLC', '7900.00', '0.00', '6900.00', '1000.00', '1000.00', '6900.00'],
      ['23-31-00/M', '400.00', '0.00', '400.00', '0.00', '0.00', '400.00'],
      ['23-31-00/S', '7500.00', '0.00', '6500.00', '1000.00', '1000.00', '6500.00'],
      ['! retainage_paid_before_release: retainage 1000.00 paid, 0.00 released: 1000.00 paid before its release'],
    ]);
    const json = capture();
    expect(await runCli(['finance', 'retainage', '--connection', 'acme', '--json', ...as('finance')], json)).toBe(0);
    const [commitment] = (JSON.parse(json.stdout.join('\n')) as { items: Array<Record<string, unknown>> }).items;
    expect(commitment).toMatchObject({ commitmentId: '786001', netDue: '74100.00', paidAmount: '37000.01', invoices: 4 });
    expect(commitment?.discrepancies).toEqual([{
      reason: 'retainage_paid_before_release', detail: 'retainage 1000.00 paid, 0.00 released: 1000.00 paid before its release', paid: '1000.00', due: '0.00',
      documents: [invoiceStream('acme', '1004')],
    }]);
    const unknown = capture();
    expect(await runCli(['finance', 'retainage', '--connection', 'acme', '--project', '404', ...as('finance')], unknown)).toBe(2);
    expect(unknown.stderr.join('')).toContain('404 Not Found: no project 404 in connection acme');
  });

  it('has --help for each command', async () => {
    for (const command of [['history'], ['audit', 'verify'], ['projections', 'rebuild'], ['finance', 'owner-billing'], ['finance', 'retainage']]) {
      const io = capture();
      expect(await runCli([...command, '--help'], io)).toBe(0);
      expect(io.stdout[0]).toContain(`Usage: trestle ${command.join(' ')}`);
    }
  });
});
