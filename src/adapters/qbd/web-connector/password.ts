import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * The Web Connector password a bookkeeper types into QBWC (qbd §3: never in the .qwc). The
 * config holds it as a secret; the hub keeps only this scrypt hash (`scrypt$salt$hash`, hex).
 */
export const hashQbdPassword = (plain: string, salt = randomBytes(16)): string =>
  `scrypt$${salt.toString('hex')}$${scryptSync(plain, salt, 32).toString('hex')}`;

export const verifyQbdPassword = (plain: string, stored: string): boolean => {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(plain, Buffer.from(saltHex, 'hex'), expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};
