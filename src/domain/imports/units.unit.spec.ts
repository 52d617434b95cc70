import { describe, expect, it } from 'vitest';
import { normaliseUnit } from './units.js';

describe('units of measure', () => {
  it.each([
    ['LF', 'LF'], ['Lin Ft', 'LF'], ['lin. ft.', 'LF'], ['Linear Feet', 'LF'], ['l.f.', 'LF'],
    ['Sq Ft', 'SF'], ['SF', 'SF'], ['sq. ft', 'SF'], ['ea', 'EA'], ['Each', 'EA'], ['Count', 'EA'],
    ['cu yd', 'CY'], ['Sheets', 'SHT'], ['Lump Sum', 'LS'], ['hrs', 'HR'],
  ])('%s is %s', (text, code) => expect(normaliseUnit(text)).toBe(code));

  it('keeps an unknown unit upper-cased and reads blank as none', () => {
    expect(normaliseUnit(' bundle ')).toBe('BUNDLE');
    expect(normaliseUnit('  ')).toBeNull();
    expect(normaliseUnit(undefined)).toBeNull();
  });
});
