import { describe, expect, it } from 'vitest';
import { deterministicEventId } from './event-id.js';

describe('deterministicEventId', () => {
  it('gives the same fact the same UUIDv5 and different facts different ids', () => {
    const a = deterministicEventId('procore', 'requisition', '1280646', '2026-03-31T00:00:00Z');
    expect(a).toBe(deterministicEventId('procore', 'requisition', '1280646', '2026-03-31T00:00:00Z'));
    expect(a).not.toBe(deterministicEventId('procore', 'requisition', '1280646', '2026-04-01T00:00:00Z'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('does not confuse part boundaries', () => {
    expect(deterministicEventId('ab', 'c')).not.toBe(deterministicEventId('a', 'bc'));
  });
});
