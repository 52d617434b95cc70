import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from './sliding-window.js';

describe('SlidingWindowLimiter', () => {
  it('lets N units start per window, then says how long until the oldest leaves it', () => {
    const limiter = new SlidingWindowLimiter(3, 1000);
    for (const t of [0, 100, 200]) {
      expect(limiter.waitFor(t)).toBe(0);
      limiter.take(t);
    }
    expect(limiter.waitFor(300)).toBe(700);
    expect(limiter.waitFor(1000)).toBe(0);
  });

  it('never allows a burst at a window edge (no 2N in one window as a token bucket would)', () => {
    const limiter = new SlidingWindowLimiter(2, 1000);
    limiter.take(990, 2);
    expect(limiter.waitFor(1010)).toBe(980);
    expect(limiter.waitFor(1990)).toBe(0);
  });

  it('waits for enough room for a batch costing several units', () => {
    const limiter = new SlidingWindowLimiter(5, 1000);
    limiter.take(0, 2);
    limiter.take(500, 2);
    expect(limiter.waitFor(600, 1)).toBe(0);
    expect(limiter.waitFor(600, 3)).toBe(400);
    expect(limiter.waitFor(600, 5)).toBe(900);
  });

  it('refuses nonsense limits at construction', () => {
    expect(() => new SlidingWindowLimiter(0, 1000)).toThrow('>= 1');
    expect(() => new SlidingWindowLimiter(5, 0)).toThrow('> 0');
  });
});
