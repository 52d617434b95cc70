/**
 * One boot of the hub as its own process: time from spawn to /health/ready answering 200,
 * its RSS then, and once it has settled (the work it starts in the background at boot, such
 * as re-reading history into memory, is done), with the peak (VmHWM) over the whole boot.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { freePort, peakRssMb, rssMb, startHubProcess } from '../support/hub-process.js';

export interface BootFigures {
  readonly readyMs: number;
  /** Spawn to settled: no CPU in the hub and next to no reads in its database for a whole window. */
  readonly settledMs: number;
  readonly readyRssMb: number;
  readonly settledRssMb: number;
  readonly peakRssMb: number;
  /** The hub's log, for the subscriber names and for failures. */
  readonly output: string;
}

const SAMPLE_MS = 250;
const WINDOW_MS = 2000;
/** Settled: under 5% of one core, and fewer rows read per second than one catch-up page... */
const IDLE_CPU_SHARE = 0.05;
/** ...while a history re-read scans hundreds of thousands a second. */
const IDLE_ROWS_PER_SEC = 20_000;

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** User + system CPU of a process, in ms (fields 14 and 15 of /proc/pid/stat, after the command name). */
const cpuMs = async (pid: number): Promise<number> => {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
};

/** Rows the database's backends have read so far (the server publishes these about once a second). */
const rowsRead = async (admin: pg.Client, database: string): Promise<number> => {
  const { rows } = await admin.query<{ n: string }>('SELECT (tup_returned + tup_fetched)::text AS n FROM pg_stat_database WHERE datname = $1', [database]);
  return Number(rows[0]?.n ?? 0);
};

/** Resolves once the hub has been idle for a whole window; throws after `timeoutMs`. */
const untilSettled = async (pid: number, databaseUrl: string, timeoutMs: number): Promise<void> => {
  const database = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    const samples: Array<{ at: number; cpu: number; rows: number }> = [];
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      samples.push({ at: performance.now(), cpu: await cpuMs(pid), rows: await rowsRead(admin, database) });
      const last = samples[samples.length - 1]!;
      const first = samples.find((s) => last.at - s.at <= WINDOW_MS + SAMPLE_MS / 2);
      if (first && first !== last && last.at - first.at >= WINDOW_MS) {
        const seconds = (last.at - first.at) / 1000;
        if ((last.cpu - first.cpu) / 1000 / seconds <= IDLE_CPU_SHARE && (last.rows - first.rows) / seconds <= IDLE_ROWS_PER_SEC) return;
      }
      if (performance.now() > deadline) throw new Error(`the hub did not settle within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
  } finally {
    await admin.end();
  }
};

/** Boots the hub on `env.DATABASE_URL`, measures, and stops it (SIGTERM: a clean shutdown, so a --cpu-prof profile is written). */
export const measureBoot = async (env: Record<string, string>, timeoutMs = 600_000): Promise<BootFigures> => {
  const port = await freePort();
  const started = performance.now();
  const hub = await startHubProcess(env, port, timeoutMs);
  try {
    const readyMs = performance.now() - started;
    const pid = hub.child.pid!;
    const readyRssMb = (await rssMb(pid)) ?? Number.NaN;
    await untilSettled(pid, env.DATABASE_URL!, timeoutMs);
    // The settle window itself is idle time: the boot's work ended where the window began.
    const settledMs = performance.now() - started - WINDOW_MS;
    return {
      readyMs, settledMs, readyRssMb, settledRssMb: (await rssMb(pid)) ?? Number.NaN, peakRssMb: (await peakRssMb(pid)) ?? Number.NaN,
      output: hub.output.join(''),
    };
  } finally {
    await hub.stop();
  }
};

/** The durable subscribers the hub started, from its "subscriptions started" log line (info level). */
export const subscriberNames = (output: string): string[] => {
  for (const line of output.split('\n')) {
    if (!line.includes('subscriptions started')) continue;
    const parsed = JSON.parse(line) as { subscribers?: string[] };
    if (parsed.subscribers) return parsed.subscribers;
  }
  throw new Error(`the hub did not log its subscribers (is LOG_LEVEL info?):\n${output.slice(-2000)}`);
};
