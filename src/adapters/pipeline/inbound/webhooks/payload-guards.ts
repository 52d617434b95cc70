import { createHash } from 'node:crypto';
import { firstUnsafeText } from '../../../../domain/shared/safe-text.js';

/** A payload we refuse, with what is wrong (it goes into the problem body's detail). */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly detail: string };

export const parsed = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const refused = (detail: string): Parsed<never> => ({ ok: false, detail });

/** Ids become part of stream names: digits, GUIDs and the like, nothing else. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export const idField = (value: unknown): string | undefined => {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && ID.test(value)) return value;
  return undefined;
};

export const shortText = (value: unknown, max = 200): string | undefined =>
  (typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined);

export const isoOrNull = (value: unknown): string | null => {
  if (typeof value !== 'string' || value.length > 64) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
};

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Webhook bodies are shallow; a deeply nested one is refused before it reaches the store. */
export const MAX_DEPTH = 32;

export const nestedDeeperThan = (value: unknown, max = MAX_DEPTH): boolean => {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push({ node: child, depth: depth + 1 });
  }
  return false;
};

/** JSON text to a value; undefined when it is not JSON (or nested too deep to keep). */
export const parseJson = (body: Buffer): Parsed<unknown> => {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return refused('the body is not valid JSON');
  }
  if (nestedDeeperThan(value)) return refused(`the body is nested deeper than ${MAX_DEPTH} levels`);
  // The whole body is stored (a notice's raw): a control character in any field would be kept, and breaks queries on it.
  const unsafe = firstUnsafeText(value);
  return unsafe ? refused(unsafe) : parsed(value);
};

/** A dedupe key from the fields that identify a notification, when the sender gives no id. */
export const fieldsKey = (...parts: ReadonlyArray<string | null | undefined>): string =>
  createHash('sha256').update(parts.map((p) => p ?? '').join('\u001f')).digest('hex');

/** JSON content types: application/json, application/*+json (CloudEvents), with parameters. */
export const isJsonContentType = (contentType: string | undefined): boolean => {
  if (contentType === undefined) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
};
