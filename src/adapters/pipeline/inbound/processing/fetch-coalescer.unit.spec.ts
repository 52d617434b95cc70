import { describe, expect, it } from 'vitest';
import { FetchCoalescer } from './fetch-coalescer.js';

const T = Date.parse('2026-03-31T12:00:00.000Z');

describe('FetchCoalescer', () => {
  it('answers a notice recorded at least the margin before a completed fetch of its resource started', () => {
    const coalescer = new FetchCoalescer(2_000);
    coalescer.fetched('demo/procore/1280641', T);
    expect(coalescer.answered('demo/procore/1280641', T - 2_000)).toBe(true);
    expect(coalescer.answered('demo/procore/1280641', T - 60_000)).toBe(true);
  });

  it('leaves a notice recorded inside the margin, or after the fetch started, to a fetch of its own', () => {
    const coalescer = new FetchCoalescer(2_000);
    coalescer.fetched('demo/procore/1280641', T);
    expect(coalescer.answered('demo/procore/1280641', T - 1_999)).toBe(false);
    expect(coalescer.answered('demo/procore/1280641', T + 5)).toBe(false);
  });

  it('answers nothing for a resource it has not seen fetched, or for an unreadable time', () => {
    const coalescer = new FetchCoalescer(2_000);
    coalescer.fetched('demo/procore/1280641', T);
    expect(coalescer.answered('demo/procore/1280642', T - 60_000)).toBe(false);
    expect(coalescer.answered('demo/procore/1280641', Number.NaN)).toBe(false);
  });

  it('keeps the latest start when fetches complete out of order', () => {
    const coalescer = new FetchCoalescer(0);
    coalescer.fetched('r', T);
    coalescer.fetched('r', T - 10_000);
    expect(coalescer.answered('r', T - 1)).toBe(true);
  });

  it('forgets the least recently fetched resource beyond its capacity', () => {
    const coalescer = new FetchCoalescer(0, 2);
    coalescer.fetched('a', T);
    coalescer.fetched('b', T);
    coalescer.fetched('a', T + 1);
    coalescer.fetched('c', T);
    expect(coalescer.answered('b', T - 1)).toBe(false);
    expect(coalescer.answered('a', T - 1)).toBe(true);
    expect(coalescer.answered('c', T - 1)).toBe(true);
  });
});
