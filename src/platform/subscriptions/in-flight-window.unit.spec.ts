import { describe, expect, it } from 'vitest';
import { InFlightWindow } from './in-flight-window.js';

const at = (n: number) => ({ commit: 1n, prepare: BigInt(n) });
const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('InFlightWindow', () => {
  it('advances only over the finished prefix', async () => {
    const window = new InFlightWindow();
    const first = deferred();
    const a = window.enter(at(1), 'a', () => first.promise);
    const b = window.enter(at(2), 'b', async () => undefined);
    await b;
    expect(window.advance()).toBeUndefined();
    first.resolve();
    await a;
    expect(window.advance()).toEqual({ position: at(2), count: 2 });
    expect(window.size).toBe(0);
  });

  it('runs work of one key in order and others alongside', async () => {
    const window = new InFlightWindow();
    const log: string[] = [];
    const gate = deferred();
    const first = window.enter(at(1), 'k', async () => { await gate.promise; log.push('k1'); });
    const second = window.enter(at(2), 'k', async () => void log.push('k2'));
    const other = window.enter(at(3), 'x', async () => void log.push('x1'));
    await other;
    expect(log).toEqual(['x1']);
    gate.resolve();
    await Promise.all([first, second]);
    expect(log).toEqual(['x1', 'k1', 'k2']);
  });

  it('keeps a failed entry from blocking the key that follows', async () => {
    const window = new InFlightWindow();
    await expect(window.enter(at(1), 'k', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await window.enter(at(2), 'k', async () => undefined);
    expect(window.advance()).toEqual({ position: at(2), count: 2 });
  });
});
