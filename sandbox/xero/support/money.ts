/**
 * Money inside the simulator is integer cents (quantities and unit amounts are integers
 * scaled by 10^4, Xero's finest precision); Xero's JSON carries decimal numbers.
 */
export type Cents = number;

/** Scales a decimal to an integer, half away from zero; toPrecision strips float noise (1.005 → 100.5, not 100.4999). */
export const scale = (value: number, dp: number): number => {
  const scaled = Number((Math.abs(value) * 10 ** dp).toPrecision(15));
  return Math.sign(value) * Math.round(scaled);
};

export const toCents = (value: number): Cents => scale(value, 2);
export const fromCents = (cents: Cents): number => cents / 100;
export const fromScaled4 = (value: number): number => value / 10_000;

/** Integer division of bigints, rounding half away from zero. */
const divRound = (numerator: bigint, denominator: bigint): bigint => {
  const half = denominator / 2n;
  return numerator >= 0n ? (numerator + half) / denominator : (numerator - half) / denominator;
};

/** Quantity × UnitAmount (both scaled 10^4) in cents; bigint because the product overflows 2^53. */
export const lineGrossCents = (quantity4: number, unit4: number): Cents =>
  Number(divRound(BigInt(quantity4) * BigInt(unit4), 1_000_000n));

/** Applies a percentage discount given in hundredths of a percent (10% = 1000). */
export const discountedCents = (gross: Cents, rate100: number): Cents =>
  Number(divRound(BigInt(gross) * BigInt(10_000 - rate100), 10_000n));

/** Reads a JSON number or a numeric string (Xero's deserializer accepts both). */
export const readNumber = (value: unknown): number | undefined => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
};
