import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenCipher } from '../../src/platform/oauth/token-cipher.js';
import { PostgresTokenStore } from '../../src/platform/oauth/token-store.js';
import type { CliIo } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';
import { ConfigError, loadEnv } from '../../src/platform/config/env.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { startConfigTrestle, type ConfigTrestle } from '../e2e/support/config-trestle.js';

const FILE_ADMIN = 'file-admin-key-0123456789';
const FILE_FINANCE = 'file-finance-key-0123456789';
const ENV_ADMIN = 'env-admin-key-0123456789ab';
const METRICS_KEY = 'metrics-key-0123456789abcd';
const OLD_KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);

const capture = (): CliIo & { stdout: string[]; stderr: string[] } => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), interactive: false };
};

describe('a hub started from a config file: API keys, /metrics key, secret key rotation', () => {
  let db: TestDatabase;
  let hub: ConfigTrestle;
  let pool: pg.Pool;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${hub.url}${path}`, { headers });

  beforeAll(async () => {
    db = await createTestDatabase((process.env.TRESTLE_TEST_BACKEND as 'server' | 'embedded' | undefined) === 'embedded' ? 'embedded' : 'server');
    // Tokens written by an earlier run under the old key, before this start rotates it.
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
    const before = new PostgresTokenStore(pool, new TokenCipher(OLD_KEY));
    await before.init();
    await before.saveRefreshToken('acme', 'quickbooks', 'rt-acme-qbo', 'seed-1');
    await before.saveRefreshToken('acme', 'procore', 'rt-acme-procore', 'seed-2');
    await new PostgresTokenStore(pool, new TokenCipher(randomBytes(32))).saveRefreshToken('lost', 'xero', 'rt-lost', 'seed-3');
    await pool.end();
    hub = await startConfigTrestle({
      connections: {},
      apiKeys: [{ role: 'admin', key: FILE_ADMIN, name: 'operator' }, { role: 'finance', key: FILE_FINANCE }],
      metrics: { key: METRICS_KEY },
    }, {
      TRESTLE_API_KEYS: `admin:${ENV_ADMIN}`, TRESTLE_SECRET_KEY: NEW_KEY.toString('hex'), TRESTLE_SECRET_KEY_PREVIOUS: OLD_KEY.toString('base64'),
    }, { db });
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
  });
  afterAll(async () => {
    await hub?.close();
    await pool?.end();
    await db?.dispose();
  });

  it('authenticates keys from the config file and from TRESTLE_API_KEYS alike', async () => {
    expect((await get('/admin/mappings', { 'x-api-key': FILE_ADMIN })).status).toBe(200);
    expect((await get('/admin/mappings', { authorization: `Bearer ${ENV_ADMIN}` })).status).toBe(200);
    expect((await get('/admin/mappings', { 'x-api-key': FILE_FINANCE })).status).toBe(403);
    expect((await get('/admin/mappings', { 'x-api-key': `${FILE_ADMIN}x` })).status).toBe(401);
  });

  it('serves /metrics only with the metrics key when the config sets one', async () => {
    const open = await get('/metrics');
    expect(open.status).toBe(401);
    expect(open.headers.get('content-type')).toContain('application/problem+json');
    expect((await get('/metrics', { authorization: `Bearer ${FILE_ADMIN}` })).status).toBe(401);
    const scraped = await get('/metrics', { authorization: `Bearer ${METRICS_KEY}` });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('trestle_events_appended_total');
    expect((await get('/health/live')).status).toBe(200);
  });

  it('trestle secrets rotate re-encrypts every token under the new key, names the unreadable one, and repeats harmlessly', async () => {
    const io = capture();
    expect(await runCli(['secrets', 'rotate', '--url', hub.url, '--key', FILE_ADMIN], io)).toBe(1);
    expect(io.stdout[0]).toBe('re-encrypted 2 token(s) under the current key; 0 already under it');
    expect(io.stdout[1]).toContain('lost/xero');
    const underNewOnly = new PostgresTokenStore(pool, new TokenCipher(NEW_KEY));
    expect((await underNewOnly.load('acme', 'quickbooks'))?.refreshToken).toBe('rt-acme-qbo');
    expect((await underNewOnly.load('acme', 'procore'))?.refreshToken).toBe('rt-acme-procore');
    await expect(new PostgresTokenStore(pool, new TokenCipher(OLD_KEY)).load('acme', 'quickbooks')).rejects.toThrow();
    const again = capture();
    expect(await runCli(['secrets', 'rotate', '--url', hub.url, '--key', ENV_ADMIN], again)).toBe(1);
    expect(again.stdout[0]).toBe('re-encrypted 0 token(s) under the current key; 2 already under it');
    const finance = capture();
    expect(await runCli(['secrets', 'rotate', '--url', hub.url, '--key', FILE_FINANCE], finance)).toBe(2);
    expect(finance.stderr.join('')).toContain('403');
  });
});

describe('TRESTLE_SECRET_KEY outside the demo', () => {
  it('is required with a config file, and the message says how to generate one', () => {
    let error: unknown;
    try {
      loadEnv({ TRESTLE_CONFIG: 'config/trestle.yaml' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^TRESTLE_SECRET_KEY: required with TRESTLE_CONFIG .*openssl rand -hex 32/)]);
    expect(() => loadEnv({})).not.toThrow(); // the demo generates its own key file
    expect(() => loadEnv({ TRESTLE_CONFIG: 'x.yaml', TRESTLE_SECRET_KEY: '55'.repeat(32), TRESTLE_SECRET_KEY_PREVIOUS: 'short' })).toThrow(/TRESTLE_SECRET_KEY_PREVIOUS: must be 32 bytes/);
  });
});

describe('a connection\'s outbound settings at boot', () => {
  it('a bad value stops the hub with a message naming the connection and the field', async () => {
    const acme = {
      construction: { system: 'procore', companyId: '1', clientId: 'pc', clientSecret: 'pc-secret', webhookAuthorization: 'Bearer hook-token-0123456789' },
      accounting: { system: 'quickbooks', realmId: '9', clientId: 'qb', clientSecret: 'qb-secret', refreshToken: 'rt', webhookVerifierToken: 'verifier-token-0123456789' },
      outbound: { timeoutMs: 30_000, retry: { maxAttempts: 0 }, breaker: { resetTimeoutSeconds: 30 } },
    };
    const started = startConfigTrestle({ connections: { acme } });
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(/connections\[acme\]\.outbound\.retry\.maxAttempts: must be a whole number from 1 to 100/);
    await expect(started).rejects.toThrow(/connections\[acme\]\.outbound\.breaker\.resetTimeoutSeconds: unknown field/);
  });
});
