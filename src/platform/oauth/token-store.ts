import type pg from 'pg';
import { runDdl } from '../postgres/run-ddl.js';
import type { TokenCipher } from './token-cipher.js';

export type TokenStatus = 'ok' | 'needs_reconnect';

export interface StoredTokenState {
  /** The latest (rotated) refresh token, decrypted; null for client_credentials or before the first refresh. */
  readonly refreshToken: string | null;
  /**
   * Fingerprint of the configured refresh token this state descends from. A different
   * token in the config means a person reconnected: it wins over the stored chain.
   */
  readonly seedFingerprint: string | null;
  readonly status: TokenStatus;
  readonly reason: string | null;
}

export interface TokenStore {
  init(): Promise<void>;
  load(connection: string, system: string): Promise<StoredTokenState | undefined>;
  /** Must be durable before the access token that came with it is used. */
  saveRefreshToken(connection: string, system: string, refreshToken: string | null, seedFingerprint: string | null): Promise<void>;
  markNeedsReconnect(connection: string, system: string, reason: string, seedFingerprint: string | null): Promise<void>;
}

const DDL = `
  CREATE SCHEMA IF NOT EXISTS inbound;
  CREATE TABLE IF NOT EXISTS inbound.oauth_tokens (
    connection text NOT NULL,
    system text NOT NULL,
    refresh_token_enc text,
    seed_fingerprint text,
    status text NOT NULL DEFAULT 'ok',
    reason text,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connection, system)
  );`;

/** A row's associated data: its ciphertext opens only in that row. */
export const tokenRowKey = (connection: string, system: string) => `${connection}/${system}`;
const rowKey = tokenRowKey;

/** Refresh tokens encrypted with AES-256-GCM in PostgreSQL; nothing else about a token is kept. */
export class PostgresTokenStore implements TokenStore {
  constructor(private readonly pool: pg.Pool, private readonly cipher: TokenCipher) {}

  init(): Promise<void> {
    return runDdl(this.pool, 'inbound', DDL);
  }

  async load(connection: string, system: string): Promise<StoredTokenState | undefined> {
    const { rows } = await this.pool.query<{ refresh_token_enc: string | null; seed_fingerprint: string | null; status: TokenStatus; reason: string | null }>(
      'SELECT refresh_token_enc, seed_fingerprint, status, reason FROM inbound.oauth_tokens WHERE connection = $1 AND system = $2', [connection, system]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      refreshToken: row.refresh_token_enc === null ? null : this.cipher.decrypt(row.refresh_token_enc, rowKey(connection, system)),
      seedFingerprint: row.seed_fingerprint, status: row.status, reason: row.reason,
    };
  }

  async saveRefreshToken(connection: string, system: string, refreshToken: string | null, seedFingerprint: string | null): Promise<void> {
    const enc = refreshToken === null ? null : this.cipher.encrypt(refreshToken, rowKey(connection, system));
    await this.pool.query(
      `INSERT INTO inbound.oauth_tokens (connection, system, refresh_token_enc, seed_fingerprint, status, reason, updated_at)
       VALUES ($1, $2, $3, $4, 'ok', NULL, now())
       ON CONFLICT (connection, system) DO UPDATE SET refresh_token_enc = EXCLUDED.refresh_token_enc,
         seed_fingerprint = EXCLUDED.seed_fingerprint, status = 'ok', reason = NULL, updated_at = now()`,
      [connection, system, enc, seedFingerprint]);
  }

  async markNeedsReconnect(connection: string, system: string, reason: string, seedFingerprint: string | null): Promise<void> {
    await this.pool.query(
      `INSERT INTO inbound.oauth_tokens (connection, system, refresh_token_enc, seed_fingerprint, status, reason, updated_at)
       VALUES ($1, $2, NULL, $3, 'needs_reconnect', $4, now())
       ON CONFLICT (connection, system) DO UPDATE SET status = 'needs_reconnect', reason = EXCLUDED.reason,
         seed_fingerprint = EXCLUDED.seed_fingerprint, updated_at = now()`,
      [connection, system, seedFingerprint, reason]);
  }
}

/** For unit tests and tools: the same contract, in memory. */
export class InMemoryTokenStore implements TokenStore {
  readonly rows = new Map<string, StoredTokenState>();
  async init(): Promise<void> {}
  async load(connection: string, system: string): Promise<StoredTokenState | undefined> {
    return this.rows.get(rowKey(connection, system));
  }
  async saveRefreshToken(connection: string, system: string, refreshToken: string | null, seedFingerprint: string | null): Promise<void> {
    this.rows.set(rowKey(connection, system), { refreshToken, seedFingerprint, status: 'ok', reason: null });
  }
  async markNeedsReconnect(connection: string, system: string, reason: string, seedFingerprint: string | null): Promise<void> {
    const previous = this.rows.get(rowKey(connection, system));
    this.rows.set(rowKey(connection, system), { refreshToken: previous?.refreshToken ?? null, seedFingerprint, status: 'needs_reconnect', reason });
  }
}
