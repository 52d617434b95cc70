import { createHmac, randomInt } from 'node:crypto';

/** x-xero-signature: base64(HMAC-SHA256(webhook key, raw body bytes)). */
export const signXero = (webhookKey: string, rawBody: string): string =>
  createHmac('sha256', webhookKey).update(rawBody, 'utf8').digest('base64');

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The payload's `entropy`: 20 random capitals, so identical event lists still sign differently. */
export const entropy = (): string => Array.from({ length: 20 }, () => LETTERS[randomInt(LETTERS.length)]).join('');
