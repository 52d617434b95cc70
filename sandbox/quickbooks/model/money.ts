import { parseMoney } from '../../../src/domain/shared/money.js';
import { errors } from './qbo-error.js';
import { isDoc, type Doc } from './entity-types.js';

/**
 * Money crosses the wire as JSON decimals and lives inside the simulator as integer cents:
 * these keys are converted wherever they appear in a document.
 */
const MONEY_KEYS: ReadonlySet<string> = new Set([
  'Amount', 'TotalAmt', 'Balance', 'UnappliedAmt', 'BalanceWithJobs', 'HomeTotalAmt', 'HomeBalance',
  'Deposit', 'TaxAmount', 'TotalTax', 'CurrentBalance', 'CurrentBalanceWithSubAccounts',
]);

export const isMoneyKey = (key: string): boolean => MONEY_KEYS.has(key);

/** A wire amount (number or decimal string, at most 2 decimals) to cents; otherwise a 400 fault. */
export const centsFromWire = (value: unknown, element: string): number => {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : undefined;
  if (text === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
    throw errors.business(`${element} must be a decimal number`, element);
  }
  try {
    return parseMoney(text);
  } catch {
    throw errors.business(`${element} must be a decimal number with at most 2 decimal places (got ${text})`, element);
  }
};

/** Cents to the JSON number QuickBooks sends (1310 dollars as 1310, 12.5 as 12.5). */
export const centsToWire = (cents: number): number => cents / 100;

const mapTree = (value: unknown, path: string, leaf: (key: string, v: unknown, path: string) => unknown): unknown => {
  if (Array.isArray(value)) return value.map((item, i) => mapTree(item, `${path}[${i}]`, leaf));
  if (!isDoc(value)) return value;
  const out: Doc = {};
  for (const [key, v] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    out[key] = MONEY_KEYS.has(key) && v !== null && !isDoc(v) && !Array.isArray(v) ? leaf(key, v, childPath) : mapTree(v, childPath, leaf);
  }
  return out;
};

/** Deep copy of a request document with every money field in cents. */
export const moneyIn = (doc: Doc): Doc => mapTree(doc, '', (_k, v, path) => centsFromWire(v, path)) as Doc;

/** Deep copy of a stored document with every money field back to a decimal. */
export const moneyOut = (doc: Doc): Doc => mapTree(doc, '', (_k, v) => (typeof v === 'number' ? centsToWire(v) : v)) as Doc;

interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Qty and UnitPrice may carry more than 2 decimals; kept exact as a scaled integer. */
export const parseDecimal = (value: unknown, element: string): Decimal => {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  const match = DECIMAL.exec(text);
  if (!match) throw errors.business(`${element} must be a decimal number (got ${String(value)})`, element);
  const [, sign, whole = '0', fraction = ''] = match;
  const units = BigInt(whole + fraction) * (sign ? -1n : 1n);
  return { units, scale: fraction.length };
};

/** Divides and rounds half away from zero: integer arithmetic only. */
const divideRounded = (numerator: bigint, divisor: bigint): number => {
  const half = numerator >= 0n ? divisor / 2n : -divisor / 2n;
  return Number((numerator + half) / divisor);
};

/** Qty × UnitPrice in cents, rounded half away from zero. */
export const productCents = (qty: Decimal, price: Decimal): number => {
  const units = qty.units * price.units;
  const scale = qty.scale + price.scale;
  if (scale <= 2) return Number(units * 10n ** BigInt(2 - scale));
  return divideRounded(units, 10n ** BigInt(scale - 2));
};

/** A percentage (e.g. 10 or 7.5) of an amount in cents, rounded to the cent. */
export const percentOfCents = (amount: number, percent: Decimal): number =>
  divideRounded(BigInt(amount) * percent.units, 100n * 10n ** BigInt(percent.scale));
