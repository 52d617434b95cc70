import { describe, expect, it } from 'vitest';
import { EventStoreInputError } from '../../../eventstore/index.js';
import { checkpointStreamName, decodeCheckpoint, encodeCheckpoint } from './checkpoints.js';

describe('checkpoint codec', () => {
  it('round-trips positions beyond 2^53 as strings', () => {
    const position = { commit: 2n ** 60n + 7n, prepare: 2n ** 60n + 3n };
    const encoded = encodeCheckpoint(position);
    expect(encoded).toEqual({ commit: '1152921504606846983', prepare: '1152921504606846979' });
    expect(decodeCheckpoint(JSON.parse(JSON.stringify(encoded)))).toEqual(position);
  });

  it('ignores what it did not write', () => {
    expect(decodeCheckpoint(null)).toBeUndefined();
    expect(decodeCheckpoint({ commit: 1, prepare: 1 })).toBeUndefined();
    expect(decodeCheckpoint({ commit: '1x', prepare: '1' })).toBeUndefined();
  });
});

describe('checkpointStreamName', () => {
  it('puts each subscriber in its own stream', () => {
    expect(checkpointStreamName('reconciliation.v1')).toBe('trestle-checkpoint-reconciliation.v1');
  });

  it('refuses names that make no valid stream', () => {
    expect(() => checkpointStreamName('')).toThrow(EventStoreInputError);
    expect(() => checkpointStreamName('x'.repeat(250))).toThrow(EventStoreInputError);
  });
});
