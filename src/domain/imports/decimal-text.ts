import type { Cents } from '../shared/money.js';
import { cents } from '../shared/money.js';

/** An exact decimal: `digits / 10^scale`. Quantities and unit costs from files are never floats. */
export interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

/**
 * Currency symbols and ISO codes a spreadsheet cell may carry around an amount. The hub keeps
 * one currency per connection, so the symbol is dropped, not converted.
 */
const CURRENCY = /[$€£¥]|\b(?:USD|CAD|AUD|NZD|GBP|EUR)\b/gi;
/** en-US layout: thousands in groups of three separated by commas, a dot for decimals. */
const NUMBER = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/;

export type DecimalParse = { readonly ok: true; readonly value: Decimal } | { readonly ok: false; readonly reason: string };

/**
 * "1,234.50", "$ 1,234.50", "(12.00)" (negative), "-12", "USD 12", "−3" to an exact decimal.
 * A comma as the decimal mark ("1.234,50") is refused rather than guessed at.
 */
export const parseDecimalText = (text: string): DecimalParse => {
  let body = text.replace(CURRENCY, '').replace(/\s+/g, '').replace(/\u2212/g, '-');
  let negative = false;
  if (body.startsWith('(') && body.endsWith(')')) {
    negative = true;
    body = body.slice(1, -1);
  }
  if (body.startsWith('-')) {
    if (negative) return { ok: false, reason: `${JSON.stringify(text)} is negative twice` };
    negative = true;
    body = body.slice(1);
  }
  body = body.replace(CURRENCY, '');
  const match = NUMBER.exec(body);
  if (!match || (match[1] === undefined && match[2] === undefined)) return { ok: false, reason: `${JSON.stringify(text)} is not a number` };
  const whole = (match[1] ?? '0').replace(/,/g, '');
  const fraction = match[2] ?? '';
  const digits = BigInt(whole + fraction);
  return { ok: true, value: { digits: negative ? -digits : digits, scale: fraction.length } };
};

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Rounds `numerator / denominator` half away from zero. */
const divideRounded = (numerator: bigint, denominator: bigint): bigint => {
  const half = denominator / 2n;
  return numerator >= 0n ? (numerator + half) / denominator : (numerator - half) / denominator;
};

const toCentsNumber = (value: bigint): Cents => cents(Number(value));

/**
 * A money cell to cents, exactly: more than two decimals that are not zeros ("12.345") is
 * refused, because a total that does not fit in cents was not written by an accounting tool.
 */
export const decimalToCents = (d: Decimal): Cents | undefined => {
  if (d.scale <= 2) return toCentsNumber(d.digits * pow10(2 - d.scale));
  const divisor = pow10(d.scale - 2);
  return d.digits % divisor === 0n ? toCentsNumber(d.digits / divisor) : undefined;
};

/** quantity × unit cost in cents, rounded half away from zero once, on the product. */
export const extendedCents = (quantity: Decimal, unitCost: Decimal): Cents => {
  const product = quantity.digits * unitCost.digits;
  const scale = quantity.scale + unitCost.scale;
  return scale <= 2 ? toCentsNumber(product * pow10(2 - scale)) : toCentsNumber(divideRounded(product, pow10(scale - 2)));
};

/** The decimal as plain text with its own scale: { digits: -12345n, scale: 2 } -> "-123.45". */
export const formatDecimal = (d: Decimal): string => {
  const negative = d.digits < 0n;
  const abs = (negative ? -d.digits : d.digits).toString().padStart(d.scale + 1, '0');
  const text = d.scale === 0 ? abs : `${abs.slice(0, -d.scale)}.${abs.slice(-d.scale)}`;
  return negative ? `-${text}` : text;
};

/** Sum of decimals at the largest scale among them. */
export const addDecimals = (values: readonly Decimal[]): Decimal => {
  const scale = Math.max(0, ...values.map((v) => v.scale));
  return { digits: values.reduce((sum, v) => sum + v.digits * pow10(scale - v.scale), 0n), scale };
};

/** A money cell ("$1,234.50", "(25.00)") to cents, or why not. */
export const parseMoneyText = (text: string): { ok: true; value: Cents } | { ok: false; reason: string } => {
  const parsed = parseDecimalText(text);
  if (!parsed.ok) return parsed;
  const value = decimalToCents(parsed.value);
  return value === undefined ? { ok: false, reason: `${JSON.stringify(text)} has fractions of a cent` } : { ok: true, value };
};
