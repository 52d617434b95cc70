import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * A password the hub checks but never keeps (the QuickBooks Web Connector's, qbd §3): the
 * config holds it as a secret and the loader keeps only this scrypt hash (`scrypt$salt$hash`, hex).
 */
export const hashPassword = (plain: string, salt = randomBytes(16)): string =>
  `scrypt$${salt.toString('hex')}$${scryptSync(plain, salt, 32).toString('hex')}`;

export const verifyPassword = (plain: string, stored: string): boolean => {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(plain, Buffer.from(saltHex, 'hex'), expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};
