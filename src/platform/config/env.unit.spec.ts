import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from './env.js';

describe('loadEnv', () => {
  it('defaults to embedded PostgreSQL on port 3000 with nothing configured', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ port: 3000, databaseUrl: undefined, eventStoreUrl: undefined, dataDir: './data', logLevel: 'info' });
  });

  it('names every bad variable and what is wrong, without echoing credentials', () => {
    let error: unknown;
    try {
      loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://u:secret@h/db', LOG_LEVEL: 'loud', TRESTLE_SECRET_KEY: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/^PORT: "eighty"/m);
    expect(problems.join('\n')).toMatch(/^DATABASE_URL: protocol mysql:/m);
    expect(problems.join('\n')).toMatch(/^LOG_LEVEL: "loud"/m);
    expect(problems.join('\n')).toMatch(/^TRESTLE_SECRET_KEY: must be 32 bytes/m);
    expect((error as Error).message).not.toContain('secret@');
  });

  it('accepts a real server and an EventStoreDB cluster', () => {
    const env = loadEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/trestle', EVENTSTORE_URL: 'esdb://node1:2113,node2:2113?tls=false' });
    expect(env.databaseUrl).toContain('127.0.0.1');
    expect(env.eventStoreUrl).toMatch(/^esdb:/);
  });
});
