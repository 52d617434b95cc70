import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The machine's PostgreSQL server; the bench never runs on embedded PGlite. */
export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

const withAdmin = async (run: (admin: pg.Client) => Promise<unknown>): Promise<void> => {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await run(admin);
  } finally {
    await admin.end();
  }
};

/** A fresh database for one bench run, dropped at the end. */
export const createBenchDatabase = async (): Promise<BenchDatabase> => {
  const name = `trestle_bench_${randomBytes(5).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
};

/** Peak resident set size, sampled, and the kernel's own high-water mark. */
export const trackPeakRss = () => {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  timer.unref();
  return {
    stop: (): number => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024) / (1024 * 1024);
    },
  };
};

/** Runs `writers` loops until the deadline; each loop's step resolves after one durable append. */
export const throughput = async (writers: number, durationMs: number, step: (writer: number, i: number) => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  const deadline = started + durationMs;
  let done = 0;
  await Promise.all(Array.from({ length: writers }, async (_, writer) => {
    for (let i = 0; performance.now() < deadline; i++) {
      await step(writer, i);
      done++;
    }
  }));
  return done / ((performance.now() - started) / 1000);
};
