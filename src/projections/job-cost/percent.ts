/**
 * `part` as a percentage of `whole`, with two decimals, in integer math: hundredths of a
 * percent = part × 10 000 ÷ whole, rounded half away from zero (so 2/3 is "66.67" and
 * -1/8 is "-12.50"). A zero whole has no percentage: null.
 */
export const percentOf = (part: number, whole: number): string | null => {
  if (whole === 0) return null;
  const numerator = BigInt(part) * 10_000n;
  const denominator = BigInt(whole);
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const hundredths = (2n * n + d) / (2n * d);
  const text = `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
  return negative && hundredths !== 0n ? `-${text}` : text;
};
