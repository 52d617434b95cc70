import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeKey } from '../config/env.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where the generated key lives when TRESTLE_SECRET_KEY is not set. */
export const KEY_FILE_NAME = 'trestle-secret.key';

export interface KeyLogger {
  warn(fields: object, message: string): void;
}

/**
 * The 32-byte key that encrypts tokens at rest: TRESTLE_SECRET_KEY when set; otherwise a
 * key generated once into TRESTLE_DATA_DIR (mode 0600), with a warning, because losing
 * that file (or the folder) means every rotated refresh token must be reconnected.
 */
export const resolveSecretKey = async (options: { secretKey: string | undefined; dataDir: string }, logger: KeyLogger): Promise<Buffer> => {
  if (options.secretKey) {
    const key = decodeKey(options.secretKey);
    if (!key) throw new Error('TRESTLE_SECRET_KEY: must be 32 bytes, as 64 hex characters or base64');
    return key;
  }
  const path = join(options.dataDir, KEY_FILE_NAME);
  await mkdir(options.dataDir, { recursive: true });
  try {
    await writeFile(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    logger.warn({ path }, 'TRESTLE_SECRET_KEY is not set: generated a token encryption key file; back it up or set TRESTLE_SECRET_KEY');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const info = await stat(path);
  if ((info.mode & 0o077) !== 0) {
    await chmod(path, 0o600);
    logger.warn({ path }, 'token encryption key file was readable by others; its mode is now 0600');
  }
  const key = decodeKey((await readFile(path, 'utf8')).trim());
  if (!key) throw new Error(`${path}: not a 32-byte hex key`);
  return key;
};

/**
 * AES-256-GCM. The associated data binds a ciphertext to its row (connection/system), so a
 * token copied into another connection's row does not decrypt. During a key rotation the
 * previous keys still decrypt (TRESTLE_SECRET_KEY_PREVIOUS); only the current one encrypts.
 */
export class TokenCipher {
  private readonly previous: readonly Buffer[];

  constructor(private readonly key: Buffer, previous: readonly Buffer[] = []) {
    for (const k of [key, ...previous]) if (k.length !== 32) throw new Error('token cipher key must be 32 bytes');
    this.previous = previous;
  }

  /** True when the text decrypts under the current key (nothing to rotate). */
  isCurrent(text: string, associatedData: string): boolean {
    try {
      open(this.key, text, associatedData);
      return true;
    } catch {
      return false;
    }
  }

  encrypt(plaintext: string, associatedData: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
  }

  /** Throws when the text was altered, encrypted under none of the keys, or for another row. */
  decrypt(text: string, associatedData: string): string {
    let failure: unknown;
    for (const key of [this.key, ...this.previous]) {
      try {
        return open(key, text, associatedData);
      } catch (error) {
        failure ??= error;
      }
    }
    throw failure;
  }
}

const open = (key: Buffer, text: string, associatedData: string): string => {
  const [version, payload] = text.split(':', 2);
  if (version !== VERSION || !payload) throw new Error('unknown token ciphertext format');
  const bytes = Buffer.from(payload, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
};

/**
 * The hub's cipher: the current key (TRESTLE_SECRET_KEY, or the demo's key file) and, during
 * a rotation, the previous one for reading what is not re-encrypted yet.
 */
export const resolveTokenCipher = async (
  options: { secretKey: string | undefined; secretKeyPrevious?: string | undefined; dataDir: string }, logger: KeyLogger,
): Promise<TokenCipher> => {
  const key = await resolveSecretKey(options, logger);
  const previous = options.secretKeyPrevious ? decodeKey(options.secretKeyPrevious) : undefined;
  if (options.secretKeyPrevious && !previous) throw new Error('TRESTLE_SECRET_KEY_PREVIOUS: must be 32 bytes, as 64 hex characters or base64');
  return new TokenCipher(key, previous && !previous.equals(key) ? [previous] : []);
};
