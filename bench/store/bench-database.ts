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

/** Runs `writers` loops for `durationMs`; each step resolves after one durable append. Returns appends done. */
export const runFor = async (writers: number, durationMs: number, step: (writer: number) => Promise<unknown>): Promise<number> => {
  const deadline = performance.now() + durationMs;
  let done = 0;
  await Promise.all(Array.from({ length: writers }, async (_, writer) => {
    while (performance.now() < deadline) {
      await step(writer);
      done++;
    }
  }));
  return done;
};

/**
 * Appends/sec of two contenders measured in alternating slices (ABBA...), so both see
 * the same machine: on a shared host, load and fsync latency drift within seconds.
 */
export const interleaved = async (
  writers: number, totalMs: number, slices: number,
  a: (writer: number) => Promise<unknown>, b: (writer: number) => Promise<unknown>,
): Promise<{ a: number; b: number }> => {
  const sliceMs = totalMs / (2 * slices);
  const done = { a: 0, b: 0 };
  for (let slice = 0; slice < slices; slice++) {
    const order: Array<'a' | 'b'> = slice % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
    for (const who of order) done[who] += await runFor(writers, sliceMs, who === 'a' ? a : b);
  }
  const seconds = (slices * sliceMs) / 1000;
  return { a: done.a / seconds, b: done.b / seconds };
};
