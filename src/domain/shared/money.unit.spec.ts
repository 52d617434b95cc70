import { describe, expect, it } from 'vitest';
import { addMoney, cents, formatMoney, parseMoney, percentOf } from './money.js';

describe('money', () => {
  it('parses decimal strings to exact cents and formats them back', () => {
    expect(parseMoney('22500.00')).toBe(2_250_000);
    expect(parseMoney('-2500')).toBe(-250_000);
    expect(parseMoney('0.5')).toBe(50);
    expect(formatMoney(cents(-250_050))).toBe('-2500.50');
    expect(formatMoney(cents(7))).toBe('0.07');
  });

  it('refuses what is not an exact amount', () => {
    for (const bad of ['1.005', '1e3', 'abc', '', '12.3.4']) expect(() => parseMoney(bad)).toThrow(RangeError);
  });

  it('sums exactly where floats would drift', () => {
    const tenCents = parseMoney('0.10');
    expect(formatMoney(addMoney(...Array.from({ length: 10 }, () => tenCents)))).toBe('1.00');
  });

  it('takes percentages on integers, rounding half away from zero', () => {
    expect(percentOf(parseMoney('45000.00'), '10.00')).toBe(450_000);
    expect(percentOf(parseMoney('0.05'), '10')).toBe(1);
    expect(percentOf(parseMoney('-0.05'), '10')).toBe(-1);
    expect(percentOf(parseMoney('333.33'), '7.5')).toBe(2500);
  });
});
