/**
 * bench:boot — the hub's boot on a store holding 1M events of realistic history (many
 * connections and projects: invoices with revisions, commitments, change orders, saga streams
 * with requests and outcomes, outbound request streams, inbox notices, the failure ledger)
 * against the same hub on an empty store, in one run: time from spawn to /health/ready
 * answering 200, and RSS once the boot's background work has settled. The full store is left
 * as a hub that kept up would leave it (projections built, subscribers checkpointed at the
 * head), so a boot resumes rather than replays. Boots alternate between the two stores; the
 * medians are reported. The vendors are not running: the hub's first poll fails at once, so
 * no inbound work mixes into the boot.
 * With BENCH_BOOT_PROFILE=1, one more full boot runs under the V8 CPU profiler and its top self-time
 * frames are printed. Last line: {"emptyMs","fullMs","ratio","emptyRssMb","fullRssMb","emptySettledMs","fullSettledMs"}.
 */
import { mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startDemoSandboxes } from '../sandbox/demo-sandboxes.js';
import { createPostgresEventStore } from '../src/adapters/eventstore/postgres/index.js';
import { projectRoot } from '../src/platform/config/project-root.js';
import { createBenchDatabase } from './store/bench-database.js';
import { writeDemoConfig } from './support/demo-hub.js';
import { catchUpReadModels } from './boot/caught-up.js';
import { readProfile, topSelfFrames } from './boot/cpu-profile.js';
import { measureBoot, subscriberNames, type BootFigures } from './boot/measure-boot.js';
import { seedHistory } from './boot/seed-history.js';

const EVENTS = Number(process.env.BENCH_BOOT_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_BOOT_RUNS ?? 3);
const PROFILE = process.env.BENCH_BOOT_PROFILE === '1';

const log = (text: string): void => void process.stdout.write(`${text}\n`);
const round = (n: number, digits = 0): number => Number(n.toFixed(digits));
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const describe = (store: string, b: BootFigures): string =>
  `${store} store: ready in ${round(b.readyMs)} ms (RSS ${b.readyRssMb} MB), settled in ${round(b.settledMs)} ms (RSS ${b.settledRssMb} MB, peak ${b.peakRssMb} MB); load average ${loadavg()[0]?.toFixed(1)}`;

/** The hub's configuration: the demo connection, pointing at sandboxes that are stopped again before any boot. */
const hubConfig = async (): Promise<{ file: string; dir: string; connection: string }> => {
  const sandboxes = await startDemoSandboxes();
  try {
    const { file, dir } = await writeDemoConfig(sandboxes, 'bench-admin-key-0123456789', 3600);
    return { file, dir, connection: sandboxes.config.connections[0]!.name };
  } finally {
    await sandboxes.close();
  }
};

/** One more boot of the full store, profiled from the hub's first module to its exit (node refuses --cpu-prof in NODE_OPTIONS; --import is allowed). */
const profileBoot = async (env: Record<string, string>): Promise<void> => {
  const dir = await mkdtemp(join(tmpdir(), 'trestle-boot-prof-'));
  const preload = pathToFileURL(join(import.meta.dirname, 'boot/cpu-prof-preload.js')).href;
  const profiled = await measureBoot({ ...env, TRESTLE_CPU_PROF_DIR: dir, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${preload}`.trim() });
  log(`${describe('full, profiled', profiled)}; profile in ${dir}`);
  for (const f of topSelfFrames(await readProfile(dir), projectRoot())) log(`  ${String(f.selfMs).padStart(6)} ms ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.frame}`);
};

const main = async (): Promise<void> => {
  const config = await hubConfig();
  const empty = await createBenchDatabase();
  const full = await createBenchDatabase();
  const env = (url: string, extra: Record<string, string> = {}): Record<string, string> => ({
    DATABASE_URL: url, TRESTLE_CONFIG: config.file, TRESTLE_DATA_DIR: config.dir, TRESTLE_SECRET_KEY: '44'.repeat(32), LOG_LEVEL: 'info', ...extra,
  });
  try {
    const emptyBoots = [await measureBoot(env(empty.url))];
    log(describe('empty', emptyBoots[0]!));
    const subscribers = subscriberNames(emptyBoots[0]!.output);

    const seedStarted = performance.now();
    const seeded = await seedHistory(full.url, EVENTS, { connections: [config.connection] });
    log(`seeded ${seeded.events} events in ${seeded.streams} streams (${seeded.connections} connections, ${seeded.projects} projects) in ${round((performance.now() - seedStarted) / 1000, 1)} s`);
    const store = await createPostgresEventStore({ connectionString: full.url, poolSize: 2 });
    const check = await store.verify(`${config.connection}.`).finally(() => store.close());
    if (!check.ok) throw new Error(`the seeded chains do not verify: ${JSON.stringify(check.firstBroken)}`);
    const caughtUp = performance.now();
    const { projections } = await catchUpReadModels(full.url, subscribers);
    log(`chains of ${check.eventsChecked} events verified; projections built (${Object.entries(projections).map(([n, e]) => `${n} ${e} events`).join(', ')}) `
      + `and ${subscribers.length} subscribers checkpointed at the head in ${round((performance.now() - caughtUp) / 1000, 1)} s`);

    const fullBoots: BootFigures[] = [];
    for (let run = 0; run < RUNS; run++) {
      fullBoots.push(await measureBoot(env(full.url)));
      log(describe('full', fullBoots[run]!));
      if (emptyBoots.length < RUNS) {
        emptyBoots.push(await measureBoot(env(empty.url)));
        log(describe('empty', emptyBoots[emptyBoots.length - 1]!));
      }
    }

    if (PROFILE) await profileBoot(env(full.url)).catch((error: Error) => log(`profiling failed: ${error.message}`));

    const emptyMs = median(emptyBoots.map((b) => b.readyMs));
    const fullMs = median(fullBoots.map((b) => b.readyMs));
    log(`medians of ${RUNS}: peak RSS ${median(emptyBoots.map((b) => b.peakRssMb))} MB empty, ${median(fullBoots.map((b) => b.peakRssMb))} MB full`);
    log(JSON.stringify({
      emptyMs: round(emptyMs), fullMs: round(fullMs), ratio: round(fullMs / emptyMs, 2),
      emptyRssMb: median(emptyBoots.map((b) => b.settledRssMb)), fullRssMb: median(fullBoots.map((b) => b.settledRssMb)),
      // Ready comes before the background re-reads end: the settled times show what they cost.
      emptySettledMs: round(median(emptyBoots.map((b) => b.settledMs))), fullSettledMs: round(median(fullBoots.map((b) => b.settledMs))),
    }));
  } finally {
    await empty.drop();
    await full.drop();
  }
};

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`bench:boot failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
