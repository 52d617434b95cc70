import { describe, expect, it } from 'vitest';
import { decimalToCents, extendedCents, formatDecimal, parseDecimalText, parseMoneyText, type Decimal } from './decimal-text.js';

const dec = (text: string): Decimal => {
  const parsed = parseDecimalText(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};

describe('money and quantities from spreadsheet cells', () => {
  it.each([
    ['1,234.50', 123_450], ['$1,234.50', 123_450], ['$ 1,234,567.5', 123_456_750], ['(25.00)', -2_500], ['($25.00)', -2_500],
    ['-12', -1_200], ['USD 12.10', 1_210], ['12.10 USD', 1_210], ['€7', 700], ['\u22123.5', -350], ['0.50', 50], ['.5', 50], ['12.3400', 1_234],
  ])('%s is %i cents', (text, expected) => {
    expect(parseMoneyText(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['', 'abc', '1.234,50', '12,34', '1,2345', '(12', '-(12)', '12.345', '1e3', '$'])('%j is refused with a reason', (text) => {
    const parsed = parseMoneyText(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(JSON.stringify(text));
  });

  it('keeps every digit of a quantity and a unit cost', () => {
    expect(dec('412.125')).toEqual({ digits: 412_125n, scale: 3 });
    expect(formatDecimal(dec('(0.05)'))).toBe('-0.05');
    expect(decimalToCents(dec('3.1'))).toBe(310);
    expect(decimalToCents(dec('3.105'))).toBeUndefined();
  });

  it('extends quantity × unit cost exactly, rounding half away from zero once on the product', () => {
    expect(extendedCents(dec('412.5'), dec('14.25'))).toBe(587_813); // 5878.125 -> 5878.13
    expect(extendedCents(dec('3'), dec('0.125'))).toBe(38); // 0.375 -> 0.38
    expect(extendedCents(dec('-3'), dec('0.125'))).toBe(-38);
    expect(extendedCents(dec('0.1'), dec('0.2'))).toBe(2); // 0.02, where floats give 0.020000000000000004
    expect(extendedCents(dec('258'), dec('14.25'))).toBe(367_650);
  });
});
