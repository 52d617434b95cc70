/**
 * bench:ingest — signed Procore webhooks posted by concurrent clients to the hub (its own
 * process), against a baseline measured in the same run: a minimal Node HTTP server (its own
 * process too) that does one INSERT per request into a table on the same PostgreSQL server.
 *
 * Each notice announces a real requisition of the sample project with its own ulid, so the hub
 * does all of its work: verify, parse, append to the inbox, then fetch and record in the
 * background. Afterwards the inbox is counted: every acknowledged notice must be there once.
 * The last line is JSON:
 * {"hub":{"perSec","p50Ms","p99Ms"},"baseline":{...},"ratio","lost","doubled","rssStartMb","rssEndMb"}.
 */
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { startDemoSandboxes } from '../sandbox/demo-sandboxes.js';
import { createBenchDatabase } from './store/bench-database.js';
import { writeDemoConfig } from './support/demo-hub.js';
import { freePort, rssMb, startHubProcess } from './support/hub-process.js';
import { postConcurrently, type LoadResult } from './ingest/load.js';

const TOTAL = Number(process.env.BENCH_INGEST_TOTAL ?? 10_000);
const CLIENTS = Number(process.env.BENCH_INGEST_CLIENTS ?? 50);
const WARM_UP = 500;
/** e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, to profile the hub alone (written when it stops). */
const HUB_NODE_FLAGS = (process.env.BENCH_HUB_NODE_FLAGS ?? '').split(' ').filter(Boolean);

const procoreNotice = (companyId: number, projectId: number, requisitionId: number) => JSON.stringify({
  id: Number.parseInt(randomBytes(4).toString('hex'), 16), ulid: randomBytes(13).toString('hex').toUpperCase(), user_id: 1, company_id: companyId, project_id: projectId,
  api_version: 'v2', timestamp: new Date().toISOString(), resource_name: 'Requisitions', resource_id: requisitionId, event_type: 'update', metadata: {},
});

/** Starts the baseline server as a child process and resolves once it listens. */
const startBaseline = async (databaseUrl: string) => {
  const file = join(import.meta.dirname, 'ingest/baseline-server.js');
  const port = await freePort();
  const child = spawn(process.execPath, [file], { env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'], cwd: process.cwd() });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`baseline server exited with ${code}`)));
    child.stdout?.once('data', () => resolve());
  });
  return { url: `http://127.0.0.1:${port}/webhooks/procore/bench`, stop: () => { child.kill('SIGTERM'); } };
};

const countInbox = async (databaseUrl: string): Promise<{ events: number; distinct: number }> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ events: string; distinct: string }>(
      `SELECT count(*) AS events, count(DISTINCT data->>'noticeId') AS distinct FROM eventstore.events WHERE stream_name LIKE '%.inbox.procore' AND data->'raw'->>'event_type' = 'update'`,
    );
    return { events: Number(rows[0]!.events), distinct: Number(rows[0]!.distinct) };
  } finally {
    await client.end();
  }
};

const summary = (result: LoadResult) => ({ perSec: Math.round(result.perSec), p50Ms: Number(result.p50Ms.toFixed(1)), p99Ms: Number(result.p99Ms.toFixed(1)) });

const main = async (): Promise<void> => {
  const sandboxes = await startDemoSandboxes();
  const hubDb = await createBenchDatabase();
  const baselineDb = await createBenchDatabase();
  const { file, dir } = await writeDemoConfig(sandboxes, 'bench-admin-key-0123456789', 300);
  const connection = sandboxes.config.connections[0]!;
  const port = await freePort();
  const hub = await startHubProcess({ DATABASE_URL: hubDb.url, TRESTLE_CONFIG: file, TRESTLE_DATA_DIR: dir, TRESTLE_SECRET_KEY: '33'.repeat(32), LOG_LEVEL: 'warn' }, port, 180_000, HUB_NODE_FLAGS);
  const baseline = await startBaseline(baselineDb.url);
  const procore = sandboxes.procore.state;
  const companyId = Number(connection.construction.companyId);
  const requisitions = [...procore.store.requisitions.values()].map((r) => ({ id: r.id, projectId: sandboxes.procore.projectId }));
  const bodies = (n: number) => Array.from({ length: n }, (_, i) => {
    const r = requisitions[i % requisitions.length]!;
    return procoreNotice(companyId, r.projectId, r.id);
  });
  const headers = { 'content-type': 'application/json', authorization: connection.construction.webhookAuthorization };
  const hubUrl = `http://127.0.0.1:${port}/webhooks/procore/${connection.name}`;
  try {
    await postConcurrently(hubUrl, headers, bodies(WARM_UP), CLIENTS);
    await postConcurrently(baseline.url, headers, bodies(WARM_UP), CLIENTS);
    const rssStartMb = await rssMb(hub.child.pid!);
    // Alternate halves so a drift in the machine's speed hits both sides alike.
    const half = Math.floor(TOTAL / 2);
    const hubRuns = [await postConcurrently(hubUrl, headers, bodies(half), CLIENTS)];
    const baseRuns = [await postConcurrently(baseline.url, headers, bodies(half), CLIENTS)];
    hubRuns.push(await postConcurrently(hubUrl, headers, bodies(TOTAL - half), CLIENTS));
    baseRuns.push(await postConcurrently(baseline.url, headers, bodies(TOTAL - half), CLIENTS));
    const hubResult = mergeRuns(hubRuns);
    const baseResult = mergeRuns(baseRuns);
    const rssEndMb = await rssMb(hub.child.pid!);
    const acknowledged = hubResult.ok + WARM_UP;
    const inbox = await countInbox(hubDb.url);
    if (hubResult.failed > 0) process.stderr.write(`hub answered ${hubResult.failed} requests with an error (statuses ${JSON.stringify(hubResult.statuses)})\n`);
    process.stdout.write(`${JSON.stringify({
      hub: summary(hubResult), baseline: summary(baseResult), ratio: Number((hubResult.perSec / baseResult.perSec).toFixed(2)),
      lost: Math.max(0, acknowledged - inbox.distinct), doubled: inbox.events - inbox.distinct, rssStartMb, rssEndMb,
    })}\n`);
  } finally {
    baseline.stop();
    await hub.stop();
    await sandboxes.close();
    await hubDb.drop();
    await baselineDb.drop();
  }
};

const mergeRuns = (runs: readonly LoadResult[]): LoadResult => {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  const ok = runs.reduce((sum, r) => sum + r.ok, 0);
  const failed = runs.reduce((sum, r) => sum + r.failed, 0);
  const statuses: Record<string, number> = {};
  for (const r of runs) for (const [status, n] of Object.entries(r.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0;
  return { ok, failed, statuses, seconds, perSec: ok / seconds, p50Ms: at(50), p99Ms: at(99), latencies };
};

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`bench:ingest failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
