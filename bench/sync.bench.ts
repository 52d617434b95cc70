/**
 * bench:sync — approved invoices through sandbox Procore -> hub (its own process) -> sandbox
 * QuickBooks. Measures, in one run:
 *  - end-to-end latency per invoice, unthrottled (approval in Procore to the Bill in the books);
 *  - invoices posted per minute under QuickBooks' 500 requests/minute/realm limit, against the
 *    ceiling that limit allows (one write per invoice once the vendor is known);
 *  - the hub process's peak RSS.
 * The last line is JSON: {"p50Ms","p99Ms","postedPerMin","ceilingPerMin","ratio","peakRssMb"}.
 */
import { startDemoSandboxes } from '../sandbox/demo-sandboxes.js';
import { procoreDeliveryPolicy } from '../sandbox/procore/index.js';
import { createBenchDatabase } from './store/bench-database.js';
import { writeDemoConfig } from './support/demo-hub.js';
import { freePort, peakRssMb, startHubProcess } from './support/hub-process.js';

const LATENCY_INVOICES = Number(process.env.BENCH_LATENCY_INVOICES ?? 150);
/** Invoices approved per second during the throughput phase: more than 500/min keeps a backlog. */
const APPROVALS_PER_SECOND = 11;
/** The steady state is measured over whole minutes after the first (which starts with a burst). */
const MEASURED_MINUTES = Number(process.env.BENCH_MEASURED_MINUTES ?? 2);
const QBO_LIMIT_PER_MIN = 500;

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const main = async (): Promise<void> => {
  const sandboxes = await startDemoSandboxes({
    webhookPolicy: procoreDeliveryPolicy({ firstDelayMs: 200, maxDelayMs: 2000 }),
    // Procore is not what this measures: lift its hourly cap so QuickBooks' limit binds.
    procoreRateLimit: { perWindow: 100_000, windowMs: 60 * 60 * 1000 },
  });
  const db = await createBenchDatabase();
  const { file, dir } = await writeDemoConfig(sandboxes, 'bench-admin-key-0123456789', 30);
  const port = await freePort();
  const hub = await startHubProcess({ DATABASE_URL: db.url, TRESTLE_CONFIG: file, TRESTLE_DATA_DIR: dir, TRESTLE_SECRET_KEY: '22'.repeat(32), LOG_LEVEL: 'warn' }, port);
  await sandboxes.connectWebhooks(`http://127.0.0.1:${port}`);
  const procore = sandboxes.procore.state;
  const books = sandboxes.quickbooks;
  procore.approveCommitment(786001);
  const line = procore.store.commitments.get(786001)!.lines[0]!;
  const firstSeen = new Map<string, number>();
  const watch = () => {
    for (const bill of books.company().list('Bill') as Array<{ DocNumber: string }>) if (!firstSeen.has(bill.DocNumber)) firstSeen.set(bill.DocNumber, performance.now());
  };
  // Fine-grained while latency is measured; coarse (it lists every bill) while throughput is,
  // so the watcher does not steal the sandboxes' CPU on this 2-core machine.
  let watcher = setInterval(watch, 2);
  const approve = (invoiceNumber: string): number => {
    const requisition = procore.createRequisition(786001, { invoiceNumber, lines: [{ lineItemId: line.id, amount: '10.00' }] });
    procore.submitRequisition(requisition.id);
    const at = performance.now();
    procore.approveRequisition(requisition.id);
    return at;
  };
  const waitPosted = async (numbers: readonly string[], timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (numbers.some((n) => !firstSeen.has(n))) {
      if (Date.now() > deadline) throw new Error(`only ${numbers.filter((n) => firstSeen.has(n)).length}/${numbers.length} posted`);
      await sleep(5);
    }
  };
  try {
    // 1. Latency, unthrottled: one invoice at a time, after a warm-up that resolves the vendor.
    books.setLimits({ perMinute: 1_000_000, concurrent: 1000 });
    approve('WARM-UP');
    await waitPosted(['WARM-UP'], 30_000);
    const latencies: number[] = [];
    for (let i = 1; i <= LATENCY_INVOICES; i++) {
      const number = `L-${i}`;
      const at = approve(number);
      await waitPosted([number], 30_000);
      latencies.push(firstSeen.get(number)! - at);
    }
    latencies.sort((a, b) => a - b);

    // 2. Throughput under the documented limit: approvals arrive faster than 500/min, so a
    //    backlog builds and the hub must pace itself. A sliding 60 s window lets the first
    //    minute start with a burst, so only the whole minutes after it are counted.
    books.setLimits({ perMinute: QBO_LIMIT_PER_MIN, concurrent: 10 });
    clearInterval(watcher);
    watcher = setInterval(watch, 250);
    await sleep(61_000); // the latency phase's calls leave the sandbox's one-minute window
    const start = performance.now();
    const totalMs = (MEASURED_MINUTES + 1) * 60_000;
    let approved = 0;
    while (performance.now() - start < totalMs) {
      approve(`T-${++approved}`);
      await sleep(1000 / APPROVALS_PER_SECOND);
    }
    const from = start + 60_000;
    const postedInWindow = [...firstSeen].filter(([n, t]) => n.startsWith('T-') && t >= from && t < start + totalMs).length;
    const postedPerMin = postedInWindow / MEASURED_MINUTES;
    const ceilingPerMin = QBO_LIMIT_PER_MIN;
    const backlog = approved - [...firstSeen.keys()].filter((n) => n.startsWith('T-')).length;
    const peak = await peakRssMb(hub.child.pid!);
    const result = {
      p50Ms: Math.round(percentile(latencies, 50)), p99Ms: Math.round(percentile(latencies, 99)),
      postedPerMin: Math.round(postedPerMin), ceilingPerMin, ratio: Number((postedPerMin / ceilingPerMin).toFixed(3)), peakRssMb: peak ?? null,
    };
    process.stdout.write(`latency over ${LATENCY_INVOICES} invoices: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms\n`);
    process.stdout.write(`throughput at ${QBO_LIMIT_PER_MIN} requests/min: ${result.postedPerMin} invoices/min over ${MEASURED_MINUTES} steady minutes (${(result.ratio * 100).toFixed(1)}% of the ceiling; ${approved} approved, ${backlog} still queued at the end)\n`);
    process.stdout.write(`hub peak RSS: ${result.peakRssMb} MB\n`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    clearInterval(watcher);
    await hub.stop();
    await sandboxes.close();
    await db.drop();
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`bench:sync failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
