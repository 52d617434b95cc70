import { describe, expect, it } from 'vitest';
import { satisfiesExpected, toActualRevision, toEsdbExpectedRevision, toRevisionNumber } from './revision.js';

describe('toEsdbExpectedRevision', () => {
  it('maps the keywords one to one and revisions to bigint', () => {
    expect(toEsdbExpectedRevision('any')).toBe('any');
    expect(toEsdbExpectedRevision('no_stream')).toBe('no_stream');
    expect(toEsdbExpectedRevision('stream_exists')).toBe('stream_exists');
    expect(toEsdbExpectedRevision(0)).toBe(0n);
    expect(toEsdbExpectedRevision(41)).toBe(41n);
  });
});

describe('toActualRevision', () => {
  it('reads the current revision of a WrongExpectedVersion error', () => {
    expect(toActualRevision(7n)).toBe(7);
    expect(toActualRevision('no_stream')).toBe('no_stream');
    expect(toActualRevision(-1n)).toBe('no_stream');
    expect(toActualRevision(undefined)).toBe('no_stream');
  });
});

describe('toRevisionNumber', () => {
  it('refuses revisions a number cannot hold', () => {
    expect(toRevisionNumber(12n)).toBe(12);
    expect(() => toRevisionNumber(2n ** 53n)).toThrow(RangeError);
    expect(() => toRevisionNumber(-1n)).toThrow(RangeError);
  });
});

describe('satisfiesExpected', () => {
  it.each([
    ['any', undefined, true], ['any', 3, true],
    ['no_stream', undefined, true], ['no_stream', 0, false],
    ['stream_exists', undefined, false], ['stream_exists', 0, true],
    [2, 2, true], [2, 3, false], [0, undefined, false],
  ] as const)('%s against %s is %s', (expected, current, ok) => {
    expect(satisfiesExpected(expected, current)).toBe(ok);
  });
});
