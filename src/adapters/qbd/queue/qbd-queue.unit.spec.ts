import { describe, expect, it } from 'vitest';
import { billPosting } from '../../../../test/qbd/fixtures.js';
import { memoryQueueStore } from '../../../../test/qbd/memory-queue-store.js';
import { vendorDocumentOperation } from '../qbxml/requests.js';
import { QbdQueue } from './qbd-queue.js';
import { queueStream } from './queue-events.js';

describe('the Web Connector queue\'s fold', () => {
  it('reads the stream whole once, then only the tail after each append (not on every call)', async () => {
    const store = memoryQueueStore();
    const reads: Array<number | undefined> = [];
    const counted = { ...store, readStream: (stream: string, options?: { fromRevision?: number }) => { reads.push(options?.fromRevision); return store.readStream(stream, options); } };
    const queue = new QbdQueue(counted);
    await queue.enqueue('c', 'r1', vendorDocumentOperation(billPosting()), '2026-03-15T09:00:00Z');
    await queue.record('c', { type: 'QbdRequestHandedOut.v1', data: { requestId: 'r1', ticket: 't', step: 'write', handedOutAt: '2026-03-15T09:01:00Z' } });
    for (let i = 0; i < 5; i += 1) await queue.state('c');
    expect(await queue.entry('c', 'r1')).toMatchObject({ inFlight: { ticket: 't', step: 'write' }, needsProbe: true });
    expect(reads).toEqual([undefined, 0, 1]);
  });

  it('folds in what another hub process appended, in stream order, when it next reads the tail', async () => {
    const store = memoryQueueStore();
    const mine = new QbdQueue(store);
    const other = new QbdQueue(store);
    await mine.enqueue('c', 'r1', vendorDocumentOperation(billPosting()), '2026-03-15T09:00:00Z');
    await other.enqueue('c', 'r2', vendorDocumentOperation(billPosting({ number: 'X' })), '2026-03-15T09:00:01Z');
    expect([...(await other.state('c')).entries.keys()]).toEqual(['r1', 'r2']);
    await mine.record('c', { type: 'QbdSessionClosed.v1', data: { ticket: 't', closedAt: '2026-03-15T09:02:00Z' } });
    expect([...(await mine.state('c')).entries.keys()]).toEqual(['r1', 'r2']);
    expect(store.events(queueStream('c'))).toHaveLength(3);
  });
});
