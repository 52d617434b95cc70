import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from '../../../eventstore/index.js';
import { createChainVerifier, linkBatch } from './chain.js';
import type { Candidate, StoredEvent } from './event-mapping.js';

const candidate = (n: number): Candidate => ({ id: `id-${n}`, type: 'T.v1', data: { n }, metadata: { correlationId: 'c' } });

const storedChain = (streamName: string, count: number): StoredEvent[] => {
  const candidates = Array.from({ length: count }, (_, n) => candidate(n));
  const hashes = linkBatch(streamName, 0, GENESIS_HASH, candidates);
  return candidates.map((c, revision) => ({
    ...c, streamName, revision, position: { commit: BigInt(revision), prepare: BigInt(revision) }, recordedAt: '', hash: hashes[revision],
  }));
};

const verify = (events: readonly StoredEvent[]) => {
  const verifier = createChainVerifier();
  events.forEach(verifier.check);
  return verifier.result();
};

describe('linkBatch', () => {
  it('links each event to the one before, starting from the given hash', () => {
    const [first, second] = linkBatch('s', 4, 'prev', [candidate(1), candidate(2)]);
    expect(first).toBe(chainHash('prev', { streamName: 's', revision: 4, ...candidate(1) }));
    expect(second).toBe(chainHash(first!, { streamName: 's', revision: 5, ...candidate(2) }));
  });
});

describe('createChainVerifier', () => {
  it('accepts intact interleaved streams', () => {
    const a = storedChain('a', 3);
    const b = storedChain('b', 2);
    expect(verify([a[0]!, b[0]!, a[1]!, b[1]!, a[2]!])).toEqual({ ok: true, streamsChecked: 2, eventsChecked: 5 });
  });

  it('names the altered event, and only that one', () => {
    const events = storedChain('a', 3);
    events[1] = { ...events[1]!, data: { n: 99 } };
    expect(verify(events)).toMatchObject({ ok: false, eventsChecked: 3, firstBroken: { streamName: 'a', revision: 1, eventId: 'id-1' } });
  });

  it('notices removed history and events without a link', () => {
    const events = storedChain('a', 3);
    expect(verify([events[0]!, events[2]!]).firstBroken).toMatchObject({ revision: 2, reason: expect.stringContaining('missing') });
    expect(verify([{ ...events[0]!, hash: undefined }]).firstBroken).toMatchObject({ revision: 0, reason: 'has no hash link' });
  });
});
