import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './hub-process.js';

/**
 * A PostgreSQL cluster of the test's own (initdb into a temp folder, a spare port), so a test
 * can stop and start it without touching the machine's shared server on 5432. The cluster
 * runs as the `postgres` OS user, since PostgreSQL refuses to run as root.
 */
export interface PrivatePostgres {
  readonly url: string;
  readonly port: number;
  readonly running: boolean;
  /** `pg_ctl stop -m <mode>`: `immediate` is a crash (no checkpoint), `fast` a clean shutdown that ends every session. */
  stop(mode: 'immediate' | 'fast'): void;
  start(): void;
  /** Stops the cluster (whatever its state) and deletes its folder. */
  destroy(): void;
}

const binDir = (): string => {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin/initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`no PostgreSQL binaries under ${root}/*/bin`);
  return join(root, newest, 'bin');
};

/** Runs a PostgreSQL binary as the postgres user when we are root (as in CI), directly otherwise. */
const runAsPostgres = (bin: string, args: string[]): void => {
  const asRoot = process.getuid?.() === 0;
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(command, argv, { stdio: 'pipe', timeout: 120_000 });
};

export const startPrivatePostgres = async (): Promise<PrivatePostgres> => {
  const bin = binDir();
  const root = mkdtempSync(join(tmpdir(), 'trestle-pg-'));
  chmodSync(root, 0o777); // the postgres user writes its data folder and log inside it
  const data = join(root, 'data');
  const log = join(root, 'server.log');
  const port = await freePort();
  const pgCtl = (...args: string[]) => runAsPostgres(join(bin, 'pg_ctl'), ['-D', data, ...args]);
  // Listen on loopback only, the socket in our folder (not /var/run/postgresql, which the shared server uses).
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${root} -c fsync=off`;
  const start = () => pgCtl('start', '-w', '-t', '60', '-l', log, '-o', serverOptions);
  let running = false;
  try {
    runAsPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    start();
    running = true;
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    get running() { return running; },
    stop: (mode) => {
      pgCtl('stop', '-w', '-t', '60', '-m', mode);
      running = false;
    },
    start: () => {
      start();
      running = true;
    },
    destroy: () => {
      try {
        if (running || existsSync(join(data, 'postmaster.pid'))) pgCtl('stop', '-w', '-t', '60', '-m', 'immediate');
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
};
