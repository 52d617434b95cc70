import { describe, expect, it } from 'vitest';
import { GLOBAL_GENESIS, type GlobalChainHead } from '../../../eventstore/index.js';
import { anchoredHead, anchorProblem, keyId, parseAnchor, signAnchor } from './anchor.js';

const key = Buffer.alloc(32, 1);
const head: GlobalChainHead = {
  events: 42, link: 'ab'.repeat(32),
  last: { position: { commit: 900n, prepare: 42n }, streamName: 'acme.procore.subcontractor_invoice-1', revision: 3, eventId: '5f0c1a5e-0000-4000-8000-000000000001' },
};

describe('anchors', () => {
  it('round-trip: signed, serialised, parsed and checked with the same key', () => {
    const anchor = parseAnchor(JSON.parse(JSON.stringify(signAnchor(key, head, '2026-12-03T15:00:00.000Z'))));
    expect(anchor).toBeDefined();
    expect(anchorProblem(key, anchor!)).toBeUndefined();
    expect(anchoredHead(anchor!)).toEqual(head);
  });

  it('refuses any edited field, and names a different key as such', () => {
    const anchor = signAnchor(key, head, '2026-12-03T15:00:00.000Z');
    for (const edited of [{ ...anchor, events: 41 }, { ...anchor, link: 'cd'.repeat(32) }, { ...anchor, anchoredAt: '2027-01-01T00:00:00.000Z' }]) {
      expect(anchorProblem(key, edited)).toMatch(/signature does not match/);
    }
    const other = Buffer.alloc(32, 2);
    expect(keyId(other)).not.toBe(keyId(key));
    expect(anchorProblem(other, anchor)).toMatch(/another key/);
  });

  it('signs an empty chain', () => {
    const anchor = signAnchor(key, { events: 0, link: GLOBAL_GENESIS, last: null }, '2026-12-03T15:00:00.000Z');
    expect(anchorProblem(key, parseAnchor(anchor)!)).toBeUndefined();
  });

  it('parses only anchors', () => {
    const anchor = signAnchor(key, head, '2026-12-03T15:00:00.000Z');
    for (const value of [null, 'text', {}, { ...anchor, format: 'x' }, { ...anchor, events: '42' }, { ...anchor, last: { ...anchor.last, position: '42' } }]) {
      expect(parseAnchor(value)).toBeUndefined();
    }
  });
});
