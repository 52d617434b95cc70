import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const POLL_MS = 50;
const GIVE_UP_MS = 60_000;

/**
 * A hub killed without closing (SIGKILL, a crash of the machine's session) leaves its
 * PostgreSQL running on the data folder, and a second server refuses that folder. The
 * postmaster's pid is the first line of postmaster.pid; a stale file (no such process, or a
 * pid reused by another program) is left to PostgreSQL, which replaces it. A live one is asked
 * for a fast shutdown (it writes a checkpoint) and waited for.
 */
export const stopLeftoverServer = async (dataDir: string): Promise<void> => {
  const pid = await postmasterPid(dataDir);
  if (pid === undefined || !(await isPostgres(pid))) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + GIVE_UP_MS;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`embedded PostgreSQL: the server an earlier run left on ${dataDir} (pid ${pid}) did not stop within ${GIVE_UP_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
};

const postmasterPid = async (dataDir: string): Promise<number | undefined> => {
  const text = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(text?.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Where /proc exists, the process must be a postgres program; elsewhere a live pid is trusted. */
const isPostgres = async (pid: number): Promise<boolean> => {
  if (!alive(pid)) return false;
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  return command === undefined || command.includes('postgres');
};
