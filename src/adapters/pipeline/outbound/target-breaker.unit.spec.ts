import { describe, expect, it } from 'vitest';
import { REJECTED, TargetBreaker, type BreakerState } from './target-breaker.js';

const options = { consecutiveFailures: 3, resetTimeoutMs: 40, errorThresholdPercentage: 50, volumeThreshold: 100, rollingWindowMs: 10_000 };
const outage = (v: string) => v === 'down';

describe('TargetBreaker (opossum)', () => {
  it('opens after consecutive outage failures, refuses calls, half-opens, and closes on a good probe', async () => {
    const breaker = new TargetBreaker('fake:1', options);
    const states: BreakerState[] = [];
    breaker.onStateChange((s) => states.push(s));
    for (let i = 0; i < 3; i++) expect(await breaker.run(async () => 'down', outage)).toBe('down');
    expect(breaker.state()).toBe('open');
    let called = false;
    expect(await breaker.run(async () => { called = true; return 'up'; }, outage)).toBe(REJECTED);
    expect(called).toBe(false);
    // Half-open comes by opossum's own reset timer: wait for it rather than for a guessed time.
    for (const deadline = Date.now() + 10_000; breaker.state() === 'open' && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 5));
    expect(breaker.state()).toBe('half-open');
    expect(await breaker.run(async () => 'up', outage)).toBe('up');
    expect(breaker.state()).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
    breaker.shutdown();
  });

  it('does not count refusals and throttling: only outage results open it', async () => {
    const breaker = new TargetBreaker('fake:2', options);
    for (let i = 0; i < 10; i++) await breaker.run(async () => 'refused', outage);
    expect(breaker.state()).toBe('closed');
    breaker.shutdown();
  });
});
