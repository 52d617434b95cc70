import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresEventStore } from '../../src/adapters/eventstore/postgres/index.js';
import { OUTBOUND_EVENT } from '../../src/adapters/pipeline/outbound/outbound-events.js';
import { quickBooksInvoiceSyncHandlers } from '../../src/adapters/quickbooks/outbound/index.js';
import { deterministicEventId, type EventStore, type RecordedEvent } from '../../src/eventstore/index.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { auditOf, settled, startOutbound, waitFor } from '../outbound/support/harness.js';
import { CONNECTION, draftOf, startQboOutbound, type PostData, type QboOutboundHarness } from './support/qbo-outbound-harness.js';

describe('QuickBooks handlers registered with the outbound dispatcher', () => {
  let h: QboOutboundHarness;
  let db: TestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    h = await startQboOutbound();
    db = await createTestDatabase(process.env.TRESTLE_TEST_BACKEND === 'embedded' ? 'embedded' : 'server');
    store = await createPostgresEventStore({ connectionString: db.url, poolSize: 2 });
  });
  afterAll(async () => {
    await store?.close();
    await db?.dispose();
    await h?.close();
  });

  const appendPost = async (data: PostData): Promise<RecordedEvent> => {
    const stream = `${CONNECTION}.saga.invoice-sync-${data.invoice.externalId}`;
    await store.append(stream, [{
      id: deterministicEventId('qbo-dispatch-test', data.hubMarker), type: 'PostBillRequested.v1', data,
      metadata: { connection: CONNECTION, correlationId: `corr-${data.invoice.externalId}` },
    }], 'any');
    return (await store.readStream(stream)).at(-1)!;
  };

  it('a post whose answer is lost is found by marker, answered once to the saga, never written twice', async () => {
    h.sandbox.faults.add({ kind: 'timeout-after-write', count: 1 }, { method: 'POST', path: '/bill' });
    const outbound = startOutbound(store, 'qbo', quickBooksInvoiceSyncHandlers(h.deps), { retry: { baseDelayMs: 10 } });
    const data = draftOf('9001');
    const request = await appendPost(data);
    await waitFor(() => settled(store, request));
    await outbound.stop();

    const audit = await auditOf(store, request);
    const calls = audit.filter((e) => e.type === OUTBOUND_EVENT.attempted).map((e) => e.data as { operation: string; outcome: string; target: string });
    expect(calls.map((c) => [c.operation, c.outcome])).toEqual([['execute', 'ambiguous'], ['find', 'found']]);
    expect(calls[0]!.target).toBe(`quickbooks:${h.sandbox.realmId}`);
    const outcome = audit.at(-1)!;
    expect(outcome).toMatchObject({ type: 'BillPosted.v1', data: { requestNo: 3, docNumber: 'NSM-9001' }, metadata: { sagaStream: request.streamName } });
    expect(h.sandbox.company().list('Bill').filter((b) => String(b.PrivateNote).startsWith(`${data.hubMarker} `))).toHaveLength(1);
  });
});
