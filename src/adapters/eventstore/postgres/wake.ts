import pg from 'pg';
import { WAKE_CHANNEL } from './write-batch.js';

/** Wakes sleeping pollers early. A hint only: pollers never rely on being woken. */
export class Waker {
  private readonly sleepers = new Set<() => void>();

  wake(): void {
    for (const sleeper of this.sleepers) sleeper();
    this.sleepers.clear();
  }

  /** Resolves after `ms`, on the next wake(), or when `signal` aborts, whichever comes first. */
  sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.sleepers.add(done);
    });
  }
}

/**
 * LISTENs for other processes' commits on a dedicated connection. If the connection
 * drops, it is not replaced: polling still delivers everything, only a little later.
 */
export const listenForCommits = async (connectionString: string, waker: Waker): Promise<() => Promise<void>> => {
  const client = new pg.Client({ connectionString });
  client.on('error', () => undefined);
  client.on('notification', () => waker.wake());
  try {
    await client.connect();
    await client.query(`LISTEN ${WAKE_CHANNEL}`);
  } catch {
    await client.end().catch(() => undefined);
    return async () => undefined;
  }
  return async () => {
    await client.end().catch(() => undefined);
  };
};
