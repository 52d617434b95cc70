/**
 * Responses go into the audit trail, which is kept forever and shown to auditors: keep them
 * small (a target can answer with megabytes) and never store a credential.
 */
export const MAX_RESPONSE_BYTES = 2048;
const MAX_MESSAGE_CHARS = 500;
const MAX_DEPTH = 8;

/** `access_token`, `refreshToken`, `token`... but not QuickBooks' `SyncToken`, which auditors need. */
const TOKEN_KEY = /^(.*[-_])?((access|refresh|id|bearer|auth|api|session|csrf)[-_]?)?token$/i;
const SECRET_WORD = /secret|password|authorization|cookie|api[-_]?key|signature|credential/i;
const isSecretKey = (key: string): boolean => TOKEN_KEY.test(key) || SECRET_WORD.test(key);
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi;

export const REDACTED = '[redacted]';

/** Masks `Bearer ...` / `Basic ...` values inside free text (error messages echo headers). */
export const redactText = (text: string): string => text.replace(BEARER, `$1 ${REDACTED}`);

export const redact = (value: unknown, depth = 0): unknown => {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? String(value) : value;
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, isSecretKey(key) ? REDACTED : redact(item, depth + 1)]));
};

const safeJson = (value: unknown): string | undefined => {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
};

/** The response as stored: redacted, and within 2 KB of JSON (a truncated preview otherwise). */
export const trimResponse = (response: unknown): unknown => {
  if (response === undefined) return null;
  const redacted = redact(response);
  const json = safeJson(redacted);
  if (json === undefined) return { unserialisable: true };
  if (Buffer.byteLength(json) <= MAX_RESPONSE_BYTES) return JSON.parse(json) as unknown;
  // Room for the wrapper and escaping of the preview itself.
  const preview = Buffer.from(json).subarray(0, MAX_RESPONSE_BYTES - 256).toString('utf8').replace(/\uFFFD+$/, '');
  const bytes = Buffer.byteLength(json);
  let cut = preview;
  while (Buffer.byteLength(JSON.stringify({ truncated: true, bytes, preview: cut })) > MAX_RESPONSE_BYTES) cut = cut.slice(0, -64);
  return { truncated: true, bytes, preview: cut };
};

export const trimMessage = (message: string | undefined): string | null =>
  message === undefined ? null : redactText(message).slice(0, MAX_MESSAGE_CHARS);
