import type { Brand } from './brand.js';

/** Money as a whole number of cents. Never a float: sums and comparisons are exact. */
export type Cents = Brand<number, 'Cents'>;

const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2})(0*))?$/;

export const cents = (value: number): Cents => {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not a whole number of cents`);
  return value as Cents;
};

export const ZERO = 0 as Cents;

/** "22500.00", "-2500", "0.5" to cents; anything else (more than 2 decimals, exponents) is refused. */
export const parseMoney = (text: string): Cents => {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new RangeError(`not a money amount: ${JSON.stringify(text)}`);
  const [, sign, whole, fraction = ''] = match;
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return cents(sign ? -value : value);
};

/** Cents to a decimal string with two places: 2250000 -> "22500.00". */
export const formatMoney = (amount: Cents): string => {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

export const addMoney = (...amounts: readonly Cents[]): Cents => cents(amounts.reduce<number>((sum, a) => sum + a, 0));

export const subtractMoney = (a: Cents, b: Cents): Cents => cents(a - b);

export const negate = (a: Cents): Cents => cents(-a);

export const sumBy = <T>(items: readonly T[], amount: (item: T) => Cents): Cents => addMoney(...items.map(amount));

/**
 * A percentage of an amount, rounded half away from zero to the cent, computed on integers:
 * `percent` is a decimal string such as "10.00" or "7.5".
 */
export const percentOf = (amount: Cents, percent: string): Cents => {
  const basisPoints = parseMoney(percent); // "10.00" -> 1000 hundredths of a percent
  const numerator = BigInt(amount) * BigInt(basisPoints);
  const denominator = 10_000n;
  const half = numerator >= 0n ? denominator / 2n : -denominator / 2n;
  return cents(Number((numerator + half) / denominator));
};
