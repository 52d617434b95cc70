import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { EventStoreInputError, prepareEvents } from '../../../eventstore/index.js';
import {
  HASH_KEY, normalizeMetadata, sameContent, toCandidates, toProposedEvent, toReadPosition, toRecordedEvent, toStoredEvent,
} from './event-mapping.js';

const ID = '0b6d8f2e-5a1c-4e7b-9c3d-2f1e0a9b8c7d';

const resolved = (overrides: Record<string, unknown> = {}): AllStreamResolvedEvent => ({
  event: {
    streamId: 'acme.procore.invoice-1', id: ID.toUpperCase(), type: 'InvoiceApproved.v1', revision: 3n,
    created: new Date('2026-03-31T12:00:00.123Z'), isJson: true, data: { amount: 100 },
    metadata: { correlationId: 'c-1', source: 'procore', [HASH_KEY]: 'ab'.repeat(32) },
    position: { commit: 900n, prepare: 880n },
    ...overrides,
  },
  commitPosition: 900n,
}) as AllStreamResolvedEvent;

describe('toStoredEvent', () => {
  it('maps the client event and splits the hash link off the metadata', () => {
    expect(toStoredEvent(resolved())).toEqual({
      id: ID, type: 'InvoiceApproved.v1', streamName: 'acme.procore.invoice-1', revision: 3,
      position: { commit: 900n, prepare: 880n }, recordedAt: '2026-03-31T12:00:00.123Z',
      data: { amount: 100 }, metadata: { correlationId: 'c-1', source: 'procore' }, hash: 'ab'.repeat(32),
    });
  });

  it('falls back to the commit position on servers that send no event position', () => {
    const event = toStoredEvent(resolved({ position: undefined }));
    expect(event?.position).toEqual({ commit: 900n, prepare: 900n });
  });

  it('reads events written by others: no metadata, no hash', () => {
    const event = toStoredEvent(resolved({ metadata: undefined }));
    expect(event?.metadata).toEqual({});
    expect(event?.hash).toBeUndefined();
  });

  it('skips entries without an event', () => {
    expect(toStoredEvent({} as ResolvedEvent)).toBeUndefined();
  });
});

describe('normalizeMetadata and toRecordedEvent', () => {
  it('defaults the well-known keys and stamps recordedAt from created', () => {
    expect(normalizeMetadata({ tenantNote: 'x' }, ID, '2026-01-01T00:00:00.000Z')).toEqual({
      tenantNote: 'x', correlationId: ID, causationId: null, connection: null, source: null, schemaVersion: 1,
      recordedAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('gives the port its event, hash included', () => {
    const recorded = toRecordedEvent(toStoredEvent(resolved())!);
    expect(recorded).toMatchObject({ id: ID, revision: 3, hash: 'ab'.repeat(32), data: { amount: 100 } });
    expect(recorded.metadata).toMatchObject({ correlationId: 'c-1', source: 'procore', recordedAt: '2026-03-31T12:00:00.123Z' });
    expect(recorded.metadata).not.toHaveProperty(HASH_KEY);
  });
});

describe('toCandidates and toProposedEvent', () => {
  const prepare = (metadata?: Record<string, unknown>) =>
    prepareEvents([{ id: ID.toUpperCase(), type: 'T.v1', data: { b: 2, a: 1 }, ...(metadata ? { metadata } : {}) }]);

  it('writes JSON with the hash link added to the caller metadata', () => {
    const [candidate] = toCandidates(prepare({ correlationId: 'c' }));
    expect(toProposedEvent(candidate!, 'f'.repeat(64))).toEqual({
      id: ID, contentType: 'application/json', type: 'T.v1', data: { b: 2, a: 1 },
      metadata: { correlationId: 'c', [HASH_KEY]: 'f'.repeat(64) },
    });
  });

  it('refuses the reserved metadata key and non-object metadata', () => {
    expect(() => toCandidates(prepare({ [HASH_KEY]: 'forged' }))).toThrow(EventStoreInputError);
    const [bad] = prepareEvents([{ id: ID, type: 'T.v1', data: 1, metadata: ['x'] as never }]);
    expect(() => toCandidates([bad!])).toThrow(/metadata must be an object/);
  });

  it('compares content regardless of key order', () => {
    const [candidate] = toCandidates(prepare({ correlationId: 'c' }));
    const stored = { ...toStoredEvent(resolved())!, type: 'T.v1', data: { a: 1, b: 2 }, metadata: { correlationId: 'c' } };
    expect(sameContent(stored, candidate!)).toBe(true);
    expect(sameContent({ ...stored, data: { a: 1, b: 3 } }, candidate!)).toBe(false);
    expect(sameContent({ ...stored, metadata: {} }, candidate!)).toBe(false);
  });
});

describe('toReadPosition', () => {
  it('reads the port START and no position as the start of $all', () => {
    expect(toReadPosition(undefined)).toBe('start');
    expect(toReadPosition({ commit: -1n, prepare: -1n })).toBe('start');
    expect(toReadPosition({ commit: 5n, prepare: 4n })).toEqual({ commit: 5n, prepare: 4n });
  });
});
