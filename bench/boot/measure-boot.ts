/**
 * One boot of the hub as its own process: time from spawn to /health/ready answering 200,
 * its RSS then, and once it has settled (the work it starts in the background at boot, such
 * as re-reading history into memory, is done), with the peak (VmHWM) over the whole boot.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { freePort, peakRssMb, rssMb, startHubProcess } from '../support/hub-process.js';

export interface BootFigures {
  readonly readyMs: number;
  /** Spawn to settled: next to no CPU in the hub for a whole window. */
  readonly settledMs: number;
  readonly readyRssMb: number;
  readonly settledRssMb: number;
  readonly peakRssMb: number;
  /** The hub's log, for the subscriber names and for failures. */
  readonly output: string;
}

const SAMPLE_MS = 250;
const WINDOW_MS = 2000;
/**
 * Settled: under 5% of one core. A re-read of history folds every event in the hub, so it
 * shows as CPU. The database's rows read are no signal: at rest on the full store the
 * filtered projection runners re-scan from their last matching event to the head on every
 * idle poll (about 85k rows/s with the seed's 8k-event tail), so the hub never looked settled.
 */
const IDLE_CPU_SHARE = 0.05;

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** User + system CPU of a process, in ms (fields 14 and 15 of /proc/pid/stat, after the command name). */
const cpuMs = async (pid: number): Promise<number> => {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
};

/** Resolves once the hub has been idle for a whole window; throws after `timeoutMs`. */
const untilSettled = async (pid: number, timeoutMs: number): Promise<void> => {
  const samples: Array<{ at: number; cpu: number }> = [];
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    samples.push({ at: performance.now(), cpu: await cpuMs(pid) });
    const last = samples[samples.length - 1]!;
    const first = samples.find((s) => last.at - s.at <= WINDOW_MS + SAMPLE_MS / 2);
    if (first && first !== last && last.at - first.at >= WINDOW_MS && (last.cpu - first.cpu) / (last.at - first.at) <= IDLE_CPU_SHARE) return;
    if (performance.now() > deadline) throw new Error(`the hub did not settle within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
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
    await untilSettled(pid, timeoutMs);
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
