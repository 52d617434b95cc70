import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, GENESIS_HASH } from './hash-chain.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
  });
});

describe('chainHash', () => {
  const event = { streamName: 's', revision: 0, id: 'e', type: 'T', data: { amount: 100 }, metadata: {} };
  it('changes when the content or the previous link changes', () => {
    const h = chainHash(GENESIS_HASH, event);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, { ...event, data: { amount: 101 } })).not.toBe(h);
    expect(chainHash(h, event)).not.toBe(h);
    expect(chainHash(GENESIS_HASH, { ...event, data: { amount: 100 } })).toBe(h);
  });
});
