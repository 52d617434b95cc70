import { describe, expect, it } from 'vitest';
import { buildServerFilter, createEventMatcher, isReservedStream } from './filters.js';

describe('buildServerFilter', () => {
  it('filters on stream prefixes when given, even with event types', () => {
    expect(buildServerFilter({ streamPrefixes: ['acme.'], eventTypes: ['A.v1'] })).toMatchObject({ filterOn: 'streamName', prefixes: ['acme.'] });
  });

  it('filters on event type prefixes otherwise', () => {
    expect(buildServerFilter({ eventTypes: ['A.v1', 'B.v1'] })).toMatchObject({ filterOn: 'eventType', prefixes: ['A.v1', 'B.v1'] });
  });

  it('puts the namespace in front of every stream prefix, or filters on it alone', () => {
    expect(buildServerFilter({ streamPrefixes: ['acme.'] }, 't1-')).toMatchObject({ filterOn: 'streamName', prefixes: ['t1-acme.'] });
    expect(buildServerFilter({ eventTypes: ['A.v1'] }, 't1-')).toMatchObject({ filterOn: 'streamName', prefixes: ['t1-'] });
  });

  it("drops ESDB's system events when nothing is asked for, and treats empty lists as nothing", () => {
    expect(buildServerFilter(undefined)).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
    expect(buildServerFilter({ streamPrefixes: [], eventTypes: [] })).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
  });
});

describe('createEventMatcher', () => {
  const event = (streamName: string, type: string) => ({ streamName, type });

  it('hides system events and the adapter’s own streams', () => {
    const matches = createEventMatcher(undefined);
    expect(matches(event('acme.procore.invoice-1', 'InvoiceApproved.v1'))).toBe(true);
    expect(matches(event('$settings', 'Settings'))).toBe(false);
    expect(matches(event('acme.procore.invoice-1', '$>'))).toBe(false);
    expect(matches(event('trestle-checkpoint-ledger', 'TrestleCheckpoint'))).toBe(false);
  });

  it('applies prefixes and exact event types together', () => {
    const matches = createEventMatcher({ streamPrefixes: ['acme.', 'beta.'], eventTypes: ['A.v1'] });
    expect(matches(event('acme.x-1', 'A.v1'))).toBe(true);
    expect(matches(event('beta.x-1', 'A.v1'))).toBe(true);
    expect(matches(event('gamma.x-1', 'A.v1'))).toBe(false);
    expect(matches(event('acme.x-1', 'A.v10'))).toBe(false);
  });

  it('knows the reserved streams', () => {
    expect(isReservedStream('trestle-checkpoint-x')).toBe(true);
    expect(isReservedStream('acme.trestle-checkpoint-x')).toBe(false);
  });
});
