import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NeedsReconnectError } from '../../src/platform/oauth/oauth-errors.js';
import { KEY_FILE_NAME, resolveSecretKey, TokenCipher } from '../../src/platform/oauth/token-cipher.js';
import type { OAuthGrant } from '../../src/platform/oauth/token-endpoint.js';
import { TokenManager } from '../../src/platform/oauth/token-manager.js';
import { PostgresTokenStore } from '../../src/platform/oauth/token-store.js';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startQuickBooksSandbox, type QuickBooksSandbox } from '../../sandbox/quickbooks/index.js';
import { createServerDatabase, type TestDatabase } from '../support/databases.js';

describe('OAuth tokens against the QuickBooks sandbox, stored encrypted in PostgreSQL', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let qbo: QuickBooksSandbox;
  let dataDir: string;
  const warnings: string[] = [];
  const logger = { warn: (_fields: object, message: string) => warnings.push(message) };

  beforeAll(async () => {
    db = await createServerDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    qbo = await startQuickBooksSandbox();
    dataDir = await mkdtemp(join(tmpdir(), 'trestle-oauth-'));
  });
  afterAll(async () => {
    await qbo?.close();
    await pool?.end();
    await db?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('generates the key file once, mode 0600, with a warning, when TRESTLE_SECRET_KEY is not set', async () => {
    const first = await resolveSecretKey({ secretKey: undefined, dataDir }, logger);
    const again = await resolveSecretKey({ secretKey: undefined, dataDir }, logger);
    expect(first.equals(again)).toBe(true);
    expect((await stat(join(dataDir, KEY_FILE_NAME))).mode & 0o777).toBe(0o600);
    expect(warnings).toHaveLength(1);
    const configured = randomBytes(32).toString('hex');
    expect((await resolveSecretKey({ secretKey: configured, dataDir }, logger)).toString('hex')).toBe(configured);
  });

  it('persists rotated refresh tokens encrypted, survives a restart, and marks a lost token needs-reconnect', async () => {
    const key = await resolveSecretKey({ secretKey: undefined, dataDir }, logger);
    const store = new PostgresTokenStore(pool, new TokenCipher(key));
    await Promise.all([store.init(), store.init()]);
    const seed = qbo.issueTokens().refresh_token;
    const grant: OAuthGrant = { connection: 'acme', system: 'quickbooks', tokenUrl: qbo.tokenUrl, clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET, grant: 'refresh_token', refreshToken: seed, clientAuth: 'basic' };

    const first = new TokenManager(store);
    expect(await first.accessToken(grant)).toEqual(expect.any(String));
    const { rows } = await pool.query<{ refresh_token_enc: string; status: string }>('SELECT refresh_token_enc, status FROM inbound.oauth_tokens');
    expect(rows).toHaveLength(1);
    const stored = (await store.load('acme', 'quickbooks'))!.refreshToken!;
    expect(rows[0]!.refresh_token_enc).not.toContain(stored);
    expect(rows[0]!.status).toBe('ok');

    const restarted = new TokenManager(store);
    expect(await restarted.accessToken(grant)).toEqual(expect.any(String));

    await store.saveRefreshToken('acme', 'quickbooks', 'a-token-the-idp-never-issued', (await pool.query<{ seed_fingerprint: string }>('SELECT seed_fingerprint FROM inbound.oauth_tokens')).rows[0]!.seed_fingerprint);
    const lost = new TokenManager(store);
    await expect(lost.accessToken(grant)).rejects.toBeInstanceOf(NeedsReconnectError);
    expect((await pool.query<{ status: string; reason: string }>('SELECT status, reason FROM inbound.oauth_tokens')).rows[0]).toEqual({ status: 'needs_reconnect', reason: 'invalid_grant' });

    const reconnected = new TokenManager(store);
    expect(await reconnected.accessToken({ ...grant, refreshToken: qbo.issueTokens().refresh_token })).toEqual(expect.any(String));
    expect((await store.load('acme', 'quickbooks'))?.status).toBe('ok');
  });
});
