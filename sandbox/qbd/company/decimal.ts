/**
 * qbXML amounts, prices and quantities are decimal strings. They are kept as scaled integers
 * (bigint) so no float ever touches money.
 */
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** `value` scaled by 10^scale; undefined when malformed or more precise than `scale`. */
export const parseScaled = (text: string, scale: number): bigint | undefined => {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const negative = trimmed.startsWith('-');
  const [whole = '0', fraction = ''] = trimmed.replace('-', '').split('.');
  if (fraction.replace(/0+$/, '').length > scale) return undefined;
  const scaled = BigInt(whole + fraction.padEnd(scale, '0').slice(0, scale));
  return negative ? -scaled : scaled;
};

export const formatScaled = (value: bigint, scale: number, minFraction = scale): string => {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  let fraction = digits.slice(digits.length - scale);
  while (fraction.length > minFraction && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
};

/** Cents as qbXML's AMTTYPE: two decimals. */
export const formatCents = (cents: bigint): string => formatScaled(cents, 2);

/** quantity (5 dp) × price (5 dp) → cents, rounded half away from zero. */
export const multiplyToCents = (quantity: bigint, price: bigint): bigint => {
  const product = quantity * price; // scale 10
  const divisor = 10n ** 8n;
  const sign = product < 0n ? -1n : 1n;
  const abs = product * sign;
  return sign * ((abs + divisor / 2n) / divisor);
};
