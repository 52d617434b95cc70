import pg from 'pg';

/** The channel committed batches are announced on: a hint to wake pollers early, never relied on. */
export const WAKE_CHANNEL = 'trestle_eventstore';

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

/**
 * Tells other processes' listeners that something was committed. Sent after the commit,
 * off the append path, at most once per `gapMs`, on its own connection with asynchronous
 * commit: a NOTIFY inside the write transaction would hold PostgreSQL's global notify
 * lock through the commit's WAL flush and serialise every batch.
 */
export class CommitNotifier {
  private client: Promise<pg.Client | undefined> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastSent = 0;
  private closed = false;

  constructor(private readonly connectionString: string, private readonly gapMs = 20) {}

  hint(): void {
    if (this.timer || this.closed) return;
    const wait = Math.max(0, this.lastSent + this.gapMs - Date.now());
    this.timer = setTimeout(() => void this.send(), wait);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const client = await this.client;
    await client?.end().catch(() => undefined);
  }

  private async send(): Promise<void> {
    this.lastSent = Date.now();
    this.client ??= this.connect();
    const client = await this.client;
    await client?.query(`SELECT pg_notify('${WAKE_CHANNEL}', '')`).catch(() => {
      // The connection died (the server restarted): the next hint opens a new one.
      this.client = undefined;
      void client.end().catch(() => undefined);
    });
    if (!client) this.client = undefined; // could not connect this time: try again next hint
    this.timer = undefined;
  }

  private async connect(): Promise<pg.Client | undefined> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SET synchronous_commit = off');
      return client;
    } catch {
      return undefined; // a hint only: polling still delivers
    }
  }
}
