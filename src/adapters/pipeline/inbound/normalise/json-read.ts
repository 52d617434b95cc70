import { cents, parseMoney, type Cents } from '../../../../domain/shared/money.js';

export type Json = Record<string, unknown>;

/** A fetched payload that does not have what the source documents: retrying will not help. */
export class NormaliseError extends Error {
  constructor(readonly what: string, message: string) {
    super(`${what}: ${message}`);
    this.name = 'NormaliseError';
  }
}

export const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export const obj = (value: unknown): Json | undefined => (isJson(value) ? value : undefined);

export const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isJson) : []);

/** Ids are strings everywhere in the hub, whatever JSON type the source used. */
export const idOf = (value: unknown): string | null => {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return null;
};

export const requireId = (what: string, value: unknown, field: string): string => {
  const id = idOf(value);
  if (id === null) throw new NormaliseError(what, `${field} is missing or not an id`);
  return id;
};

export const text = (value: unknown): string | null => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
};

/**
 * Money as cents. Decimal strings ("22500.00") are parsed exactly; JSON numbers (Procore
 * budget fields, QuickBooks and Xero amounts) are read through their shortest decimal
 * form, and refused if they carry more than cents, so no float arithmetic touches money.
 */
export const moneyOf = (what: string, value: unknown, field: string): Cents => {
  if (typeof value === 'string' && value.trim() !== '') {
    try {
      return parseMoney(value);
    } catch {
      throw new NormaliseError(what, `${field} is not a money amount: ${JSON.stringify(value)}`);
    }
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    const decimal = /^-?\d+(\.\d{1,2})?$/.test(String(value)) ? String(value) : undefined;
    if (decimal !== undefined) return parseMoney(decimal);
    throw new NormaliseError(what, `${field} has more than two decimals: ${value}`);
  }
  throw new NormaliseError(what, `${field} is missing or not a money amount`);
};

/** Money that may be absent (null/undefined count as zero). */
export const moneyOrZero = (what: string, value: unknown, field: string): Cents =>
  value === undefined || value === null || value === '' ? cents(0) : moneyOf(what, value, field);

/** "Out For Signature" -> "out_for_signature". */
export const statusKey = (value: unknown): string => (text(value) ?? '').trim().toLowerCase().replace(/[\s-]+/g, '_');

/** Timestamps as ISO-8601 UTC; null when absent or unreadable. */
export const isoTime = (value: unknown): string | null => {
  const t = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
};

/** The decimal text of a quantity such as hours ("8", 8, "7.50"), never a float computation. */
export const decimalText = (value: unknown): string => {
  const raw = text(value) ?? '0';
  return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? raw.trim() : '0';
};
