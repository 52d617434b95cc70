import type pg from 'pg';
import type { TokenCipher } from './token-cipher.js';
import { tokenRowKey } from './token-store.js';

export interface KeyRotationReport {
  /** Tokens that were under the previous key and are now under the current one. */
  readonly reencrypted: number;
  /** Tokens already under the current key (rotated since the restart, or a second run). */
  readonly alreadyCurrent: number;
  /** Tokens no configured key opens: those connections must be reconnected. */
  readonly unreadable: ReadonlyArray<{ readonly connection: string; readonly system: string }>;
}

/**
 * Re-encrypts every stored refresh token under the cipher's current key. Each row is
 * rewritten only if it still holds the ciphertext that was read, so a token the hub rotates
 * meanwhile (already under the current key) is never overwritten with an older one.
 * Running it twice re-encrypts nothing the second time.
 */
export const reencryptStoredTokens = async (pool: pg.Pool, cipher: TokenCipher): Promise<KeyRotationReport> => {
  const { rows } = await pool.query<{ connection: string; system: string; refresh_token_enc: string }>(
    'SELECT connection, system, refresh_token_enc FROM inbound.oauth_tokens WHERE refresh_token_enc IS NOT NULL ORDER BY connection, system');
  let reencrypted = 0;
  let alreadyCurrent = 0;
  const unreadable: Array<{ connection: string; system: string }> = [];
  for (const row of rows) {
    const associated = tokenRowKey(row.connection, row.system);
    if (cipher.isCurrent(row.refresh_token_enc, associated)) {
      alreadyCurrent++;
      continue;
    }
    let plain: string;
    try {
      plain = cipher.decrypt(row.refresh_token_enc, associated);
    } catch {
      unreadable.push({ connection: row.connection, system: row.system });
      continue;
    }
    const updated = await pool.query(
      'UPDATE inbound.oauth_tokens SET refresh_token_enc = $4 WHERE connection = $1 AND system = $2 AND refresh_token_enc = $3',
      [row.connection, row.system, row.refresh_token_enc, cipher.encrypt(plain, associated)]);
    if (updated.rowCount === 1) reencrypted++;
    else alreadyCurrent++; // rotated by the hub in between, under the current key
  }
  return { reencrypted, alreadyCurrent, unreadable };
};
