import { describe, expect, it } from 'vitest';
import type { EventStore, ReadAllOptions, RecordedEvent } from '../../eventstore/index.js';
import { routeFor } from './routing.js';

const event = (n: number, type: string, extra: Partial<RecordedEvent> = {}, metadata: Record<string, unknown> = {}): RecordedEvent => ({
  id: `e${n}`, type, streamName: 'demo.saga.x', revision: n, position: { commit: BigInt(n), prepare: BigInt(n) }, data: { n },
  metadata: { correlationId: 'c', causationId: null, connection: 'demo', source: 'hub', schemaVersion: 1, recordedAt: '', ...metadata }, ...extra,
});

/** $all as an array (routing reads it only on a mapping change). */
const storeOf = (events: RecordedEvent[]): EventStore => ({
  readAll: async (options: ReadAllOptions = {}) => events
    .filter((e) => options.after === undefined || e.position.commit > options.after.commit)
    .filter((e) => !options.filter?.eventTypes || options.filter.eventTypes.includes(e.type))
    .slice(0, options.maxCount),
}) as unknown as EventStore;

describe('saga routing', () => {
  const route = routeFor('change_order', ['commitment_change_order'], (e) => (e.type === 'Handover' ? ['demo.saga.change_order-other'] : []));
  const store = storeOf([]);

  it('routes document events by their stream, outcomes by the saga they name, and never a copy', async () => {
    expect(await route(event(1, 'CommitmentChangeOrderApproved.v1', { streamName: 'demo.procore.commitment_change_order-91001' }), store))
      .toEqual(['demo.saga.change_order-commitment_change_order-91001']);
    expect(await route(event(2, 'PostingFailed.v1', {}, { sagaStream: 'demo.saga.change_order-prime_change_order-92001' }), store))
      .toEqual(['demo.saga.change_order-prime_change_order-92001']);
    expect(await route(event(3, 'PostingFailed.v1', {}, { sagaStream: 'demo.saga.invoice_sync-1' }), store)).toEqual([]);
    expect(await route(event(4, 'Handover'), store)).toEqual(['demo.saga.change_order-other']);
    expect(await route(event(5, 'Handover', {}, { inputStream: 'demo.saga.y' }), store)).toEqual([]);
  });
});
