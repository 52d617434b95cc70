/**
 * Integer-cent arithmetic for the simulator. Procore sends money as decimal strings
 * ("50000.00"), some budget fields as JSON numbers; nothing here goes through a float.
 */
export type Cents = number;
/** Hundredths of a percent: "10.00" % is 1000. */
export type BasisPoints = number;

const DECIMAL = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Parses "1234.5", "-2500.00", "1000" or an integer-valued number; null when malformed. */
export const parseCents = (value: unknown): Cents | null => {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') return null;
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const whole = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -whole : whole;
};

export const centsOf = (value: string): Cents => {
  const cents = parseCents(value);
  if (cents === null) throw new Error(`not a decimal amount: ${value}`);
  return cents;
};

export const formatCents = (cents: Cents): string => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};

/** Budget fields are JSON numbers in Procore; the division happens only on the way out. */
export const centsToNumber = (cents: Cents): number => Number(formatCents(cents));

/** Retainage on an amount, rounded half away from zero per line (credits retain negatively). */
export const percentOf = (cents: Cents, rate: BasisPoints): Cents =>
  Math.sign(cents) * Math.floor((Math.abs(cents) * rate + 5000) / 10000);

export const basisPointsOf = (percent: string): BasisPoints => centsOf(percent);

/** "62.50" for part/whole, "0.00" when the whole is zero. */
export const ratioPercent = (part: Cents, whole: Cents): string =>
  whole === 0 ? '0.00' : formatCents(Math.round((part * 10000) / whole));

export const sum = (values: Iterable<Cents>): Cents => {
  let total = 0;
  for (const value of values) total += value;
  return total;
};

/** Splits a total across weights by largest remainder, so the parts add up exactly. */
export const allocate = (total: Cents, weights: readonly Cents[]): Cents[] => {
  const weightSum = sum(weights);
  if (weightSum === 0) return weights.map(() => 0);
  const shares = weights.map((w) => Math.floor((total * w) / weightSum));
  let rest = total - sum(shares);
  const order = weights.map((w, i) => ({ i, r: (total * w) % weightSum })).sort((a, b) => b.r - a.r);
  for (const { i } of order) {
    if (rest <= 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    rest--;
  }
  return shares;
};
