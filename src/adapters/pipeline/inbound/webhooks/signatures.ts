import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time comparison of a presented secret with the expected one. Both go through
 * SHA-256 first, so timingSafeEqual always sees equal lengths and the comparison time
 * says nothing about the expected value's length or prefix.
 */
export const secretsMatch = (presented: string | undefined, expected: string): boolean => {
  if (presented === undefined || expected === '') return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
};

/** base64(HMAC-SHA256(key, raw body)): Intuit's `intuit-signature` and Xero's `x-xero-signature`. */
export const hmacSha256Base64 = (key: string, body: Buffer): string => createHmac('sha256', key).update(body).digest('base64');

/** True when the signature header is the HMAC of these exact bytes under this key. */
export const signatureMatches = (header: string | undefined, key: string, body: Buffer): boolean =>
  header !== undefined && header !== '' && secretsMatch(header.trim(), hmacSha256Base64(key, body));

/**
 * The keys (of several connections, usually one app-wide key) under which the body is
 * correctly signed. Every key is checked, so the time taken does not depend on which matched.
 */
export const keysSigning = (header: string | undefined, keys: readonly string[], body: Buffer): string[] => {
  const results = keys.map((key) => ({ key, ok: signatureMatches(header, key, body) }));
  return results.filter((r) => r.ok).map((r) => r.key);
};

/** A single header value (a repeated header is ambiguous and counts as absent). */
export const singleHeader = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value);
