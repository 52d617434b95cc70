import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from './env.js';

const KEY = 'a'.repeat(64);

describe('audit and database-role variables', () => {
  it('defaults: no key, anchors every 5 minutes into the data folder, one database role', () => {
    const env = loadEnv({ TRESTLE_DATA_DIR: '/srv/trestle' });
    expect(env.audit).toEqual({ key: undefined, anchorDir: '/srv/trestle/audit-anchors', anchorUrl: undefined, anchorIntervalSeconds: 300 });
    expect(env.databaseMigrationUrl).toBeUndefined();
  });

  it('reads the key, the sink and the interval, and the owner URL beside the runtime one', () => {
    const env = loadEnv({
      TRESTLE_AUDIT_KEY: KEY, TRESTLE_AUDIT_ANCHOR_DIR: 'anchors', TRESTLE_AUDIT_ANCHOR_URL: 'https://anchors.example.com/trestle', TRESTLE_AUDIT_ANCHOR_INTERVAL: '0',
      DATABASE_URL: 'postgres://trestle_app@db/trestle', DATABASE_MIGRATION_URL: 'postgres://trestle_owner@db/trestle',
    });
    expect(env.audit).toEqual({ key: KEY, anchorDir: resolve('anchors'), anchorUrl: 'https://anchors.example.com/trestle', anchorIntervalSeconds: 0 });
    expect(env.databaseMigrationUrl).toBe('postgres://trestle_owner@db/trestle');
  });

  it('names each bad variable', () => {
    let error: unknown;
    try {
      loadEnv({ TRESTLE_AUDIT_KEY: 'short', TRESTLE_AUDIT_ANCHOR_INTERVAL: '-5', TRESTLE_AUDIT_ANCHOR_URL: 'ftp://x', DATABASE_MIGRATION_URL: 'postgres://owner@db/t' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['TRESTLE_AUDIT_KEY', 'TRESTLE_AUDIT_ANCHOR_INTERVAL', 'TRESTLE_AUDIT_ANCHOR_URL', 'DATABASE_MIGRATION_URL: only used with DATABASE_URL']) {
      expect(problems).toContain(name);
    }
    expect(problems).not.toContain('short');
  });
});
