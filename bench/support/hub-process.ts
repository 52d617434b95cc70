import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/platform/config/project-root.js';

/** A free TCP port on loopback (the hub keeps it across restarts so webhooks keep reaching it). */
export { sparePort as freePort } from '../../src/adapters/eventstore/embedded/spare-port.js';

/** Compiles the hub once, so tests can run it as a real process (and kill it). */
export const buildHub = (): void => {
  const root = projectRoot();
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
};

export interface HubProcess {
  readonly child: ChildProcess;
  readonly output: string[];
  /** SIGKILL: no shutdown hook runs, exactly like a crash. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** `node [nodeFlags] dist/src/main.js` with the given environment; resolves once /health/ready answers 200. */
export const startHubProcess = async (env: Record<string, string>, port: number, timeoutMs = 60_000, nodeFlags: readonly string[] = []): Promise<HubProcess> => {
  const root = projectRoot();
  const child = spawn(process.execPath, [...nodeFlags, join(root, 'dist/src/main.js')], { cwd: root, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hub exited with ${child.exitCode}:\n${output.join('').slice(-3000)}`);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`hub did not become ready:\n${output.join('').slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child, output,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
};

const procStatusMb = async (pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number | undefined> => {
  try {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
};

/** Peak resident memory of a process (Linux VmHWM), in MB; undefined where /proc is absent. */
export const peakRssMb = (pid: number): Promise<number | undefined> => procStatusMb(pid, 'VmHWM');

/** Resident memory of a process now (Linux VmRSS), in MB; undefined where /proc is absent. */
export const rssMb = (pid: number): Promise<number | undefined> => procStatusMb(pid, 'VmRSS');
